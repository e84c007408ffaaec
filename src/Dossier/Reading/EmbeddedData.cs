using System.Reflection;
using System.Text.Json;

namespace Dossier.Reading;

/// <summary>Loads language data (word lists, rules) embedded from <c>src/Dossier/&lt;Capability&gt;/Data/</c>.</summary>
internal static class EmbeddedData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads <c>Dossier.&lt;capability&gt;.Data.&lt;file&gt;</c> and deserialises it.</summary>
    public static T Load<T>(string capability, string file)
    {
        var name = $"Dossier.{capability}.Data.{file}";
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            Core.DossierThrow.Dossier_ModelMissing(name);
        }

        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"Embedded data '{name}' is empty.");
    }

    public static IEnumerable<string> Names(Assembly? assembly = null) =>
        (assembly ?? typeof(EmbeddedData).Assembly).GetManifestResourceNames();
}
