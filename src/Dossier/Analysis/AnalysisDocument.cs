using System.Text.Json.Serialization;

namespace Dossier.Analysis;

/// <summary>
/// The one JSON document <c>dossier analyze --json</c> prints. Schema: docs/json/analyze.md. Each capability
/// fills its own section; sections are never null (empty lists instead). Offsets are into the article's text
/// as read from its file.
/// </summary>
public sealed class AnalysisDocument
{
    [JsonPropertyName("schema")]
    public string Schema { get; set; } = "dossier.analysis/1";

    [JsonPropertyName("articles")]
    public List<ArticleEntry> Articles { get; set; } = [];

    [JsonPropertyName("rejected")]
    public List<RejectedEntry> Rejected { get; set; } = [];

    [JsonPropertyName("copies")]
    public List<CopyEntry> Copies { get; set; } = [];

    [JsonPropertyName("stories")]
    public List<StoryEntry> Stories { get; set; } = [];

    [JsonPropertyName("entities")]
    public List<EntityEntry> Entities { get; set; } = [];

    [JsonPropertyName("quotes")]
    public List<QuoteEntry> Quotes { get; set; } = [];

    [JsonPropertyName("quote_groups")]
    public List<QuoteGroupEntry> QuoteGroups { get; set; } = [];

    [JsonPropertyName("timeline")]
    public List<TimelineEntry> Timeline { get; set; } = [];

    [JsonPropertyName("consensus")]
    public List<ConsensusEntry> Consensus { get; set; } = [];

    [JsonPropertyName("exclusives")]
    public List<ExclusiveEntry> Exclusives { get; set; } = [];

    [JsonPropertyName("conflicts")]
    public List<ConflictEntry> Conflicts { get; set; } = [];

    [JsonPropertyName("summary")]
    public List<SummaryEntry> Summary { get; set; } = [];
}

public sealed class ArticleEntry
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("source_path")]
    public string SourcePath { get; set; } = "";

    [JsonPropertyName("format")]
    public string Format { get; set; } = "";

    [JsonPropertyName("outlet")]
    public string? Outlet { get; set; }

    /// <summary>ISO 8601 UTC, or null.</summary>
    [JsonPropertyName("published")]
    public string? Published { get; set; }

    /// <summary>given | inferred | unknown.</summary>
    [JsonPropertyName("published_kind")]
    public string PublishedKind { get; set; } = "unknown";

    [JsonPropertyName("dateline")]
    public string? Dateline { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>For an article with no title: a headline made from its lead sentence (main clause, no attribution tail), as an untitled story's title is; else null.</summary>
    [JsonPropertyName("lead")]
    public string? Lead { get; set; }

    [JsonPropertyName("byline")]
    public string? Byline { get; set; }

    [JsonPropertyName("contributors")]
    public List<string> Contributors { get; set; } = [];

    [JsonPropertyName("versions")]
    public int Versions { get; set; } = 1;

    [JsonPropertyName("length")]
    public int Length { get; set; }
}

public sealed class RejectedEntry
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

public sealed class CopyEntry
{
    [JsonPropertyName("a")]
    public string A { get; set; } = "";

    [JsonPropertyName("b")]
    public string B { get; set; } = "";

    /// <summary>exact | near | rewrite | version.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("score")]
    public double Score { get; set; }
}

public sealed class StoryEntry
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];

    [JsonPropertyName("outlets")]
    public List<string> Outlets { get; set; } = [];

    [JsonPropertyName("independent_sources")]
    public int IndependentSources { get; set; }

    [JsonPropertyName("first")]
    public string? First { get; set; }

    [JsonPropertyName("last")]
    public string? Last { get; set; }
}

public sealed class EntityEntry
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>person | organization | place | other.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("aliases")]
    public List<string> Aliases { get; set; } = [];

    [JsonPropertyName("roles")]
    public List<string> Roles { get; set; } = [];

    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];

    [JsonPropertyName("mentions")]
    public int Mentions { get; set; }
}

public sealed class QuoteEntry
{
    [JsonPropertyName("article")]
    public string Article { get; set; } = "";

    /// <summary>The resolved entity name, or null when no speaker was found.</summary>
    [JsonPropertyName("speaker")]
    public string? Speaker { get; set; }

    [JsonPropertyName("speaker_mention")]
    public string? SpeakerMention { get; set; }

    [JsonPropertyName("cue")]
    public string? Cue { get; set; }

    /// <summary>What the cue reports: "speech", "cognition" or "other" (evidence, events, forecasts; Quotes/Data/cue-kinds.txt).</summary>
    [JsonPropertyName("cue_kind")]
    public string CueKind { get; set; } = "speech";

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("direct")]
    public bool Direct { get; set; }

    [JsonPropertyName("start")]
    public int Start { get; set; }

    [JsonPropertyName("end")]
    public int End { get; set; }
}

public sealed class QuoteGroupEntry
{
    [JsonPropertyName("story")]
    public string? Story { get; set; }

    [JsonPropertyName("speaker")]
    public string? Speaker { get; set; }

    [JsonPropertyName("quotes")]
    public List<QuoteRef> Quotes { get; set; } = [];
}

public sealed class QuoteRef
{
    [JsonPropertyName("article")]
    public string Article { get; set; } = "";

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    /// <summary>Offsets of the quote in the article's source text.</summary>
    [JsonPropertyName("start")]
    public int Start { get; set; }

    [JsonPropertyName("end")]
    public int End { get; set; }

    /// <summary>Words of this rendering that the group's other renderings do not have ("appropriate" vs "convenient").</summary>
    [JsonPropertyName("differences")]
    public List<string> Differences { get; set; } = [];
}

public sealed class TimelineEntry
{
    [JsonPropertyName("story")]
    public string? Story { get; set; }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    [JsonPropertyName("date")]
    public string Date { get; set; } = "";

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    /// <summary>When the text is a direct quotation with no speaker of its own ("“We are checking every structure on the river tonight.”"), who said it (the resolved entity); else null.</summary>
    [JsonPropertyName("speaker")]
    public string? Speaker { get; set; }

    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];
}

public sealed class ConsensusEntry
{
    [JsonPropertyName("story")]
    public string? Story { get; set; }

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];
}

public sealed class ExclusiveEntry
{
    [JsonPropertyName("story")]
    public string? Story { get; set; }

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("article")]
    public string Article { get; set; } = "";

    /// <summary>Every article of that one source carrying the fact (its copies, or its outlet's other articles), the first report first.</summary>
    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];
}

public sealed class ConflictEntry
{
    [JsonPropertyName("story")]
    public string? Story { get; set; }

    [JsonPropertyName("topic")]
    public string Topic { get; set; } = "";

    [JsonPropertyName("claims")]
    public List<ConflictClaim> Claims { get; set; } = [];
}

public sealed class ConflictClaim
{
    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];
}

public sealed class SummaryEntry
{
    [JsonPropertyName("story")]
    public string? Story { get; set; }

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];
}
