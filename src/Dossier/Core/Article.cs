namespace Dossier.Core;

/// <summary>Where an article's input came from.</summary>
public enum SourceFormat
{
    Text,
    Html,
    Feed,
    JsonLines,
    Reuters,
}

/// <summary>Whether a date was stated by the source or worked out by Dossier.</summary>
public enum DateKind
{
    Unknown,
    Given,
    Inferred,
}

/// <summary>One version of an article whose text carries several (an update above its previous version).</summary>
/// <param name="Index">0 = the oldest version, counting up to the newest.</param>
/// <param name="Span">Where the version's text lies in <see cref="Article.Text"/>.</param>
/// <param name="Marker">The update marker that introduced the older text, if any.</param>
public sealed record ArticleVersion(int Index, TextSpan Span, string? Marker);

/// <summary>
/// An article as Dossier understands it. Immutable. Three texts:
/// <see cref="RawInput"/> is the input item exactly as read (HTML, SGML element, JSON line, file text);
/// <see cref="SourceText"/> is the article text as read from its file (for plain text the file itself; for
/// HTML the extracted main text); <see cref="Text"/> is the cleaned text every extractor works on, with
/// <see cref="Map"/> leading back to <see cref="SourceText"/> offsets.
/// </summary>
public sealed record Article
{
    /// <summary>Content hash of the raw input item (16 lower-case hex digits).</summary>
    public required string Id { get; init; }

    public required string SourcePath { get; init; }

    public required SourceFormat Format { get; init; }

    public required string RawInput { get; init; }

    public required string SourceText { get; init; }

    public required string Text { get; init; }

    public required OffsetMap Map { get; init; }

    public string? Title { get; init; }

    public string? Byline { get; init; }

    public string? Url { get; init; }

    /// <summary>The outlet that published the article (AP, Yonhap, a site name, a feed title).</summary>
    public string? Outlet { get; init; }

    /// <summary>The place of the dateline ("SEOUL, South Korea").</summary>
    public string? Dateline { get; init; }

    public DateTimeOffset? Published { get; init; }

    public DateKind PublishedKind { get; init; }

    public IReadOnlyList<string> Contributors { get; init; } = [];

    /// <summary>Contributor / credit lines moved out of the body, verbatim.</summary>
    public IReadOnlyList<string> CreditLines { get; init; } = [];

    /// <summary>Versions, oldest first. An article with no update marker has exactly one.</summary>
    public IReadOnlyList<ArticleVersion> Versions { get; init; } = [];

    /// <summary>Photo captions kept in the text, as spans into <see cref="Text"/>.</summary>
    public IReadOnlyList<TextSpan> Captions { get; init; } = [];

    /// <summary>Paragraph spans into <see cref="Text"/>.</summary>
    public IReadOnlyList<TextSpan> Paragraphs { get; init; } = [];

    /// <summary>Format-specific extras (feed title, Reuters topics, JSON fields...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The newest version's text (the whole text when there is one version).</summary>
    public TextSpan Latest => Versions.Count == 0 ? new TextSpan(0, Text.Length) : Versions[^1].Span;

    /// <summary>
    /// The dateline as written at the head of the newest version ("PORT ALDER, Veridia (NWS) — "), dash and space
    /// included, or null: where the lead itself starts, for callers that show it without page furniture.
    /// </summary>
    public TextSpan? DatelineSpan =>
        Metadata.TryGetValue("dateline_span", out var v) && v.Split('-') is [var a, var b]
        && int.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var start)
        && int.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var end)
        && start >= 0 && end <= Text.Length && start < end
            ? new TextSpan(start, end)
            : null;

    /// <summary>
    /// Where the span [<paramref name="start"/>, <paramref name="end"/>) of the text begins once the dateline is left
    /// out: the dateline's end when the span starts inside it and runs past it, else <paramref name="start"/>. The one
    /// rule by which claims, timeline clauses and reported statements start after "PORT ALDER, Veridia (NWS) — ".
    /// Callers read <see cref="DatelineSpan"/> (parsed from the metadata) once per article and pass it.
    /// </summary>
    public static int PastDateline(TextSpan? dateline, int start, int end) =>
        dateline is { } d && start >= d.Start && start < d.End && d.End < end ? d.End : start;
}
