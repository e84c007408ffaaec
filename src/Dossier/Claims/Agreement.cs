namespace Dossier.Claims;

/// <summary>A conflict: the same slot reported with different values by different sources.</summary>
/// <param name="Kind">number | name | statement | quote.</param>
/// <param name="Topic">What the conflict is about, readable ("dead: 12 / 14").</param>
/// <param name="Sides">Each side: its text and the articles carrying it.</param>
public sealed record Conflict(string Kind, string Topic, IReadOnlyList<ConflictSide> Sides);

public sealed record ConflictSide(string Text, IReadOnlyList<string> Articles);

/// <summary>What the sources of one story agree on, what only one reports, and where they contradict each other.</summary>
public sealed record StoryAgreement(
    string StoryId,
    int Sources,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<Fact> Consensus,
    IReadOnlyList<Fact> Exclusives,
    IReadOnlyList<Conflict> Conflicts)
{
    /// <summary>
    /// A fact restricted to the claims and articles that carry its representative's text (the citations of a summary
    /// sentence); the fact itself when no such test is available.
    /// </summary>
    public Func<Fact, Fact> AsWritten { get; init; } = static f => f;

    /// <summary>An article's independent-source group (wire versions joined), for counting the sources of part of a fact.</summary>
    public Func<string, string> SourceOf { get; init; } = static a => a;
}

/// <summary>Options of the agreement analysis. Change with <c>with</c>.</summary>
public sealed record AgreementOptions
{
    public static AgreementOptions Default { get; } = new();

    public AlignOptions Align { get; init; } = AlignOptions.Default;

    /// <summary>Share of a story's independent sources that must carry a fact for consensus (at least two sources).</summary>
    public double ConsensusShare { get; init; } = 0.5;

    /// <summary>
    /// An exclusive's claims must stay below this similarity to every claim of another source: nearer, another source
    /// probably states the fact in other words.
    /// </summary>
    public double ExclusiveMaxSimilarity { get; init; } = 0.3;

    /// <summary>
    /// Most share (IDF-weighted) of an exclusive's terms that three consecutive sentences of another source may hold
    /// (with every figure of it): at or above it, that source tells the fact in its own words.
    /// </summary>
    public double ExclusiveMaxCoverage { get; init; } = 0.5;

    /// <summary>
    /// Most share (IDF-weighted) of an exclusive's terms that one whole article of another source may hold anywhere in
    /// its text when that article also names every name, date and figure of it: at or above it, that article tells the
    /// fact in other sentences and other words. Above 1, no exclusive is judged against whole articles.
    /// </summary>
    public double ExclusiveMaxArticleCoverage { get; init; } = 0.7;

    /// <summary>Least IDF-weighted share of a consensus fact's text that an article's claim must carry for the article to be cited.</summary>
    public double ConsensusMinCoverage { get; init; } = 0.4;

    /// <summary>Sentences two articles of different lineages must share word for word to count as versions of one wire story.</summary>
    public int WireVersionSentences { get; init; } = 3;

    /// <summary>Share of the shorter article's claims those shared sentences must make.</summary>
    public double WireVersionShare { get; init; } = 0.2;

    /// <summary>Most exclusives listed per article.</summary>
    public int MaxExclusivesPerArticle { get; init; } = 12;

    /// <summary>Context similarity (numbers removed) at which two claims with different numbers for the same thing conflict.</summary>
    public double NumberConflictSimilarity { get; init; } = 0.3;

    /// <summary>Similarity (IDF-weighted stems) at which two claims about the same people with opposite polarity contradict each other.</summary>
    public double StatementConflictSimilarity { get; init; } = 0.2;
}

/// <summary>One wording of a statement in one article, for quote-wording conflicts.</summary>
public sealed record QuoteVariant(string Article, string Text, bool Direct);
