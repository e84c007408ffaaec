using Dossier.Core;

namespace Dossier.Quotes;

/// <summary>
/// One attributed statement in an article's cleaned text. <see cref="Start"/>/<see cref="End"/> cover the content:
/// for a direct quote the quoted text with its quote marks, for reported speech the complement clause.
/// Speaker and cue offsets are -1 when absent.
/// </summary>
public sealed record Quote
{
    public required int Start { get; init; }

    public required int End { get; init; }

    public required string Text { get; init; }

    /// <summary>True for words between quote marks; false for reported (indirect) speech.</summary>
    public required bool Direct { get; init; }

    /// <summary>A few quoted words inside a sentence of the writer's ("vowed “full and unconditional support” for ...").</summary>
    public bool Partial { get; init; }

    /// <summary>The cue ("said", "told", "according to"), or null when attribution was carried over.</summary>
    public string? Cue { get; init; }

    public int CueStart { get; init; } = -1;

    public int CueEnd { get; init; } = -1;

    /// <summary>The speaker mention as written ("he", "Kirby", "Kremlin spokesman Dmitry Peskov"), or null.</summary>
    public string? Speaker { get; init; }

    public int SpeakerStart { get; init; } = -1;

    public int SpeakerEnd { get; init; } = -1;

    /// <summary>The resolved speaker: the canonical name of the entity the mention refers to ("Dmitry Peskov"), or null.</summary>
    public string? Entity { get; init; }

    /// <summary>How the speaker was found: cue, carried (from the previous quote paragraph), or none.</summary>
    public AttributionKind Attribution { get; init; } = AttributionKind.None;

    /// <summary>What the cue reports: speech, cognition, or other (evidence, events, forecasts: "photos showed", "leaders reached"). Data/cue-kinds.txt.</summary>
    public CueClass CueClass { get; init; } = CueClass.Speech;

    public TextSpan Span => new(Start, End);

    /// <summary>The quoted words without their quote marks (for direct quotes), else <see cref="Text"/>.</summary>
    public string Inner => Direct ? QuoteMarks.StripMarks(Text) : Text;
}

public enum AttributionKind
{
    None,
    Cue,
    Carried,
}

/// <summary>What a statement's cue reports (Data/cue-kinds.txt).</summary>
public enum CueClass
{
    /// <summary>Words said or written: "said", "told", "according to", "declined to say".</summary>
    Speech,

    /// <summary>A thought, belief or expectation: "believes", "hopes", "wonder", "had expected".</summary>
    Cognition,

    /// <summary>No speech: evidence, events, forecasts ("photos showed", "the meeting underscores", "leaders reached", "is set to").</summary>
    Other,
}

/// <summary>The quotes layer of an article: every attributed statement, in text order.</summary>
public sealed record QuotesLayer(IReadOnlyList<Quote> Quotes);

/// <summary>Options of the rule-based extractor.</summary>
public sealed record QuoteOptions
{
    public static QuoteOptions Default { get; } = new();

    /// <summary>Quoted spans of at most this many words inside a sentence are scare quotes or titles, not statements.</summary>
    public int ScareQuoteMaxWords { get; init; } = 2;

    /// <summary>Extract reported (indirect) speech as well as direct quotes.</summary>
    public bool ReportedSpeech { get; init; } = true;

    /// <summary>Use the learned cue tagger (<see cref="CueModel"/>, Data/cue-model.tsv) in sentences the cue rules find no attribution in.</summary>
    public bool LearnedCues { get; init; } = true;

    /// <summary>The perceptron score above which a word is a learned cue.</summary>
    public float LearnedCueThreshold { get; init; }

    /// <summary>Emit partial quotes (a few quoted words inside a writer's sentence) as direct quotes.</summary>
    public bool PartialQuotes { get; init; } = true;

    /// <summary>
    /// Keep a quoted clause that reads as speech (first/second person, or a finite verb and a sentence end inside the
    /// marks) even when no possessive or subject names its speaker: it then continues the nearest attributed statement
    /// around it, else has speaker null. Off by default: on the PolNeAR train split it adds +0.1 point of attributed-match
    /// F1 for -0.2 points of direct source accuracy, and on dev it keeps direct source under 0.90 (docs/quotes.md).
    /// </summary>
    public bool SpeakerlessSpeech { get; init; }

    /// <summary>How many words a speaker noun phrase may span.</summary>
    public int MaxSpeakerWords { get; init; } = 7;

    /// <summary>How far (paragraphs) a pronoun looks back for the last speaker.</summary>
    public int PronounLookbackParagraphs { get; init; } = 4;
}
