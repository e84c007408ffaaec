namespace Dossier.Claims;

/// <summary>A number a claim states, with the words it counts ("15 official summit meetings": 15, meet).</summary>
/// <param name="Value">The value.</param>
/// <param name="Text">The number as written.</param>
/// <param name="Unit">Stems of the content words right after it ("summit meet").</param>
/// <param name="UnitText">Those words as written ("summit meetings").</param>
/// <param name="Start">Offset into Article.Text.</param>
/// <param name="End">End offset into Article.Text.</param>
public sealed record NumberFact(double Value, string Text, string Unit, string UnitText, int Start, int End)
{
    /// <summary>Comparison keys of the content words around the number (what is counted: killed, missing, injured).</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>How the words before it bound the number ("more than 30": above).</summary>
    public NumberBound Bound { get; init; }

    /// <summary>A number that names rather than counts ("a 7-yard pass", "the 12-year-old", "4:43", "20-13").</summary>
    public bool Label { get; init; }

    /// <summary>A quantity that is no count ("hundreds of years", "dozens injured").</summary>
    public bool Vague { get; init; }

    /// <summary>The number as a term of a claim's index ("#15").</summary>
    public string Term => "#" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A bare four-digit year is a date, not a quantity.</summary>
    public bool IsYear => Value is >= 1800 and <= 2100 && Value == Math.Floor(Value) && Text.Length == 4 && (Unit.Length == 0 || Value >= 1900);
}

/// <summary>
/// One claim: a sentence (or clause) of an article with what it is about: content-word stems, names,
/// numbers and polarity. Offsets are into <c>Article.Text</c>.
/// </summary>
public sealed record Claim
{
    public required string ArticleId { get; init; }

    /// <summary>Index of the claim within its article.</summary>
    public required int Index { get; init; }

    public required int Start { get; init; }

    public required int End { get; init; }

    public required string Text { get; init; }

    /// <summary>The article version the claim belongs to (0 = oldest).</summary>
    public int Version { get; init; }

    /// <summary>Relative position in its version, 0 = lead, 1 = last sentence.</summary>
    public double Position { get; init; }

    public bool InCaption { get; init; }

    /// <summary>True when most of the claim is a direct quotation.</summary>
    public bool Quoted { get; init; }

    /// <summary>True when the claim states a running total or a tally over several occasions ("so far", "over five operations").</summary>
    public bool Total { get; init; }

    /// <summary>True when the claim counts a further or partial group ("three people also died", "including four children").</summary>
    public bool Part { get; init; }

    /// <summary>True when the claim is about an earlier time ("two years ago", "last year").</summary>
    public bool Past { get; init; }

    /// <summary>True when the claim is a piece of a sentence cut at a decimal point or an abbreviation ("9-magnitude quake...", "...carrying a.").</summary>
    public bool Fragment { get; init; }

    /// <summary>True when the claim is the article's headline: it sums up the article's facts rather than adding one.</summary>
    public bool Headline { get; init; }

    /// <summary>True when the claim is page furniture: a date line or update stamp ("Posted: Nov 27, 2005 8:20 AM ET").</summary>
    public bool Furniture { get; init; }

    /// <summary>True when the claim carries one negation ("no plans", "denied"); two leave its polarity unclear.</summary>
    public bool Negated { get; init; }

    public required IReadOnlyList<string> Stems { get; init; }

    /// <summary>Names the claim mentions (people, organisations, places), as written.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>The names of people among <see cref="Names"/> (all of them when no entity layer typed them).</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    public required IReadOnlyList<NumberFact> Numbers { get; init; }

    /// <summary>The slots the claim pins itself to: names (last word), month and weekday names, numbers ("#15").</summary>
    public IReadOnlyList<string> Anchors { get; init; } = [];

    /// <summary>Number of word tokens.</summary>
    public int Words { get; init; }

    /// <summary>What the claim is compared on: its stems, plus its numbers as "#value", without repeats (built by the claims stage).</summary>
    public required IReadOnlyList<string> Terms { get; init; }
}

/// <summary>The claims layer of an article.</summary>
public sealed record ClaimLayer(IReadOnlyList<Claim> Claims)
{
    /// <summary>The article's sentences as its claims read them, each quotation over several sentences one (<see cref="ClaimExtractor.SentencesWithWholeQuotes"/>); null when not known.</summary>
    public IReadOnlyList<Text.Sentence>? Sentences { get; init; }
}
