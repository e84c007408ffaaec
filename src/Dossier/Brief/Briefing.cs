using System.Text.Json.Serialization;
using Dossier.Analysis;

namespace Dossier.Brief;

/// <summary>The briefing of one story: what <c>dossier brief STORY --format json</c> prints (docs/json/brief.md).</summary>
public sealed class Briefing
{
    [JsonPropertyName("schema")]
    public string Schema { get; set; } = "dossier.brief/1";

    [JsonPropertyName("story")]
    public StoryEntry Story { get; set; } = new();

    [JsonPropertyName("headline")]
    public string Headline { get; set; } = "";

    [JsonPropertyName("sources")]
    public List<BriefSource> Sources { get; set; } = [];

    [JsonPropertyName("summary")]
    public List<SummaryEntry> Summary { get; set; } = [];

    [JsonPropertyName("timeline")]
    public List<TimelineEntry> Timeline { get; set; } = [];

    [JsonPropertyName("people")]
    public List<EntityEntry> People { get; set; } = [];

    [JsonPropertyName("quotes_by_speaker")]
    public List<SpeakerQuotes> QuotesBySpeaker { get; set; } = [];

    [JsonPropertyName("consensus")]
    public List<ConsensusEntry> Consensus { get; set; } = [];

    [JsonPropertyName("exclusives")]
    public List<ExclusiveEntry> Exclusives { get; set; } = [];

    [JsonPropertyName("conflicts")]
    public List<ConflictEntry> Conflicts { get; set; } = [];

    [JsonPropertyName("coverage")]
    public Coverage Coverage { get; set; } = new();

    [JsonPropertyName("updates")]
    public List<VersionUpdate> Updates { get; set; } = [];
}

/// <summary>An article of the story as a source: its id, outlet, date and independent-source group.</summary>
public sealed class BriefSource
{
    [JsonPropertyName("article")]
    public string Article { get; set; } = "";

    [JsonPropertyName("label")]
    public string Label { get; set; } = "";

    [JsonPropertyName("outlet")]
    public string? Outlet { get; set; }

    [JsonPropertyName("published")]
    public string? Published { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>For an article with no title: its first sentence after the dateline (at most 160 characters), else null.</summary>
    [JsonPropertyName("lead")]
    public string? Lead { get; set; }

    /// <summary>Articles with the same group are one lineage (copies count once).</summary>
    [JsonPropertyName("group")]
    public string Group { get; set; } = "";
}

public sealed class SpeakerQuotes
{
    [JsonPropertyName("speaker")]
    public string Speaker { get; set; } = "";

    [JsonPropertyName("quotes")]
    public List<QuoteEntry> Quotes { get; set; } = [];
}

/// <summary>Which source carries which claim: <c>cells[i][j]</c> is true when source j carries claim i.</summary>
public sealed class Coverage
{
    [JsonPropertyName("sources")]
    public List<string> Sources { get; set; } = [];

    [JsonPropertyName("claims")]
    public List<string> Claims { get; set; } = [];

    [JsonPropertyName("cells")]
    public List<List<bool>> Cells { get; set; } = [];
}

/// <summary>What the latest version of an article added over its earlier version(s).</summary>
public sealed class VersionUpdate
{
    [JsonPropertyName("article")]
    public string Article { get; set; } = "";

    /// <summary>The earlier text: the previous version inside the same article, or an earlier article.</summary>
    [JsonPropertyName("over")]
    public string Over { get; set; } = "";

    /// <summary>The other earlier texts the added facts are new against (earlier article ids, nearest first).</summary>
    [JsonPropertyName("also_over")]
    public List<string> AlsoOver { get; set; } = [];

    [JsonPropertyName("added")]
    public List<string> Added { get; set; } = [];
}
