using System.Globalization;
using Dossier.Core;

namespace Dossier.Stories;

/// <summary>Applies "Name=value" overrides (StoryOptions property names, case-insensitive) for tuning on dev data.</summary>
public static class StoryOptionsParser
{
    public static StoryOptions Apply(StoryOptions options, IEnumerable<string> settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var s in settings)
        {
            var kv = s.Split('=', 2);
            var prop = typeof(StoryOptions).GetProperties().FirstOrDefault(p => p.CanWrite && string.Equals(p.Name, kv[0], StringComparison.OrdinalIgnoreCase));
            if (prop is null || kv.Length != 2)
            {
                DossierThrow.Dossier_BadOption("--set", s, "Name=value with a StoryOptions property (" + string.Join(", ", typeof(StoryOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name)) + ")");
            }

            object value;
            try
            {
                value = Convert.ChangeType(kv[1], prop.PropertyType, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                DossierThrow.Dossier_BadOption("--set", s, prop.PropertyType.Name + " value");
                throw;
            }

            // Records with init-only setters: clone then set through reflection.
            var clone = options with { };
            prop.SetValue(clone, value);
            options = clone;
        }

        return options;
    }
}
