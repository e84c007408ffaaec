using Dossier.Core;

namespace Dossier.Reading;

/// <summary>One article as a reader found it, before cleaning.</summary>
public sealed record RawDocument
{
    /// <summary>The file path, with <c>#item</c> appended for items of a multi-article file (feed, JSONL, SGML).</summary>
    public required string SourcePath { get; init; }

    public required SourceFormat Format { get; init; }

    /// <summary>The input item exactly as read: the HTML page, the SGML element, the JSON line, the text file.</summary>
    public required string RawInput { get; init; }

    /// <summary>The article's text as read from its file: what offsets in outputs refer to.</summary>
    public required string SourceText { get; init; }

    public string? Title { get; init; }

    public string? Byline { get; init; }

    public string? Url { get; init; }

    public string? Outlet { get; init; }

    /// <summary>A publication time the format states (UTC).</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>A stable id the format gives (JSONL id, Reuters NEWID, feed guid).</summary>
    public string? ExternalId { get; init; }

    /// <summary>Lines are hard-wrapped (Reuters): a single line break is a space, an indented line starts a paragraph.</summary>
    public bool HardWrapped { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
