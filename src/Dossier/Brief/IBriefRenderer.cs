namespace Dossier.Brief;

/// <summary>Writes a briefing in one format (md, html, json).</summary>
public interface IBriefRenderer
{
    string Format { get; }

    string Render(Briefing briefing);
}
