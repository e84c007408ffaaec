using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dossier.Cleaning;
using Dossier.Reading.Html;

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

    /// <summary>The same through a generated deserialiser (<see cref="DataJson"/>: the same options as <see cref="Load{T}(string, string)"/>).</summary>
    public static T Load<T>(string capability, string file, JsonTypeInfo<T> type)
    {
        var name = $"Dossier.{capability}.Data.{file}";
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            Core.DossierThrow.Dossier_ModelMissing(name);
        }

        return JsonSerializer.Deserialize(stream, type) ?? throw new InvalidDataException($"Embedded data '{name}' is empty.");
    }

    public static IEnumerable<string> Names(Assembly? assembly = null) =>
        (assembly ?? typeof(EmbeddedData).Assembly).GetManifestResourceNames();
}

/// <summary>
/// Generated deserialisers for the data files read on every run (cleaning and boilerplate rules): compiled ahead of
/// time instead of built by reflection and JIT-compiled at start (docs/benchmarks.md, "perf6").
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CleaningRules.Dto), TypeInfoPropertyName = "CleaningRulesDto")]
[JsonSerializable(typeof(CleaningRules.UnicodeDto))]
[JsonSerializable(typeof(BoilerplateRules.Dto), TypeInfoPropertyName = "BoilerplateRulesDto")]
internal sealed partial class DataJson : JsonSerializerContext;
