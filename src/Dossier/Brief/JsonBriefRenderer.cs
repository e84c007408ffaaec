using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dossier.Brief;

/// <summary>The briefing as JSON (docs/json/brief.md).</summary>
public sealed class JsonBriefRenderer : IBriefRenderer
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Format => "json";

    public string Render(Briefing briefing) => JsonSerializer.Serialize(briefing, Options);
}
