namespace Dossier.Stories;

/// <summary>
/// How articles are grouped into stories. Defaults were tuned on ECB+ topics 1-10 only (docs/quality.md,
/// "Stories"); change one with <c>with</c>.
/// </summary>
public sealed record StoryOptions
{
    public static StoryOptions Default { get; } = new();

    /// <summary>
    /// Online: the open stories whose centroid similarity with an arriving article reaches this (at most
    /// <see cref="LocalStories"/>) are re-clustered together with it by the batch rules; with none, it starts a story.
    /// </summary>
    public float Threshold { get; init; } = 0.16f;

    /// <summary>Online: at most this many stories (the most similar) are re-clustered with an arriving article.</summary>
    public int LocalStories { get; init; } = 4;

    /// <summary>
    /// Online: a story's latest members that keep their features and may move when it is re-clustered; older ones
    /// are frozen (they stay together). Bounds the cost per article.
    /// </summary>
    public int LocalMembers { get; init; } = 24;

    /// <summary>Batch mode: two groups merge while their average article-to-article similarity reaches this.</summary>
    public float BatchThreshold { get; init; } = 0.28f;

    /// <summary>Topic level (stories about one subject, e.g. two earthquakes): a lower average-linkage threshold.</summary>
    public float TopicThreshold { get; init; } = 0.04f;

    /// <summary>
    /// Topic level, relative linking (<see cref="TopicLinking"/>): when above 0, two groups whose similarity is below
    /// <see cref="TopicFreeThreshold"/> merge only if a story of one is among this many most similar stories of a story
    /// of the other (and the similarity still reaches <see cref="TopicThreshold"/>). 0 = off (absolute threshold only).
    /// </summary>
    public int TopicNeighbours { get; init; }

    /// <summary>Topic level, relative linking: similarity at or above which two groups merge without a link.</summary>
    public float TopicFreeThreshold { get; init; } = 0.1f;

    /// <summary>Topic level, relative linking: only stories that are each among the other's nearest link.</summary>
    public bool TopicMutual { get; init; }

    /// <summary>Topic level: average linkage (mean article-to-article cosine between two groups) instead of the cosine of their centroids.</summary>
    public bool TopicAverage { get; init; } = true;

    /// <summary>
    /// Topic level: share of the dense similarity (mean cosine of the articles' word-vector averages,
    /// <see cref="Dense.StoryWordVectors"/>: what kind of event, not who) in the similarity of two groups; the rest
    /// is the sparse average linkage. 0 = sparse only, 1 = dense only.
    /// </summary>
    public float TopicDenseBlend { get; init; }

    /// <summary>
    /// Topic level: each content word of an article also counts for its nearest words by word vector
    /// (<see cref="Dense.SoftTerms"/>) at this factor x their cosine (0 = off).
    /// </summary>
    public float TopicSoftWeight { get; init; }

    /// <summary>Topic level, soft matching: nearest words per word.</summary>
    public int TopicSoftNeighbours { get; init; } = 5;

    /// <summary>Topic level, soft matching: least cosine of a neighbour.</summary>
    public float TopicSoftCosine { get; init; } = 0.6f;

    /// <summary>Topic level: weight of a name (see <see cref="NameWeight"/>).</summary>
    public float TopicNameWeight { get; init; } = 1f;

    /// <summary>Topic level: weight of a year (see <see cref="YearWeight"/>).</summary>
    public float TopicYearWeight { get; init; } = 0.5f;

    /// <summary>Topic level: weight of a number (see <see cref="NumberWeight"/>).</summary>
    public float TopicNumberWeight { get; init; } = 0.5f;

    /// <summary>
    /// Batch mode: stories of at most this many articles (outliers average linkage leaves on their own: a long
    /// article that also covers background, a short one with few words) may join a larger one (0 = never).
    /// </summary>
    public int AttachSize { get; init; } = 4;

    /// <summary>How many of the larger story's most similar articles are averaged when a small story may join it.</summary>
    public int AttachTop { get; init; } = 2;

    /// <summary>The average similarity to those articles at which a small story joins the larger one.</summary>
    public float AttachThreshold { get; init; } = 0.2f;

    /// <summary>
    /// Online: <see cref="AttachThreshold"/> in the local re-clustering, which sees only the latest members of the
    /// stories near an arriving article (older ones frozen into one node), not every article of the event.
    /// </summary>
    public float OnlineAttachThreshold { get; init; } = 0.2f;

    /// <summary>
    /// Analysis (<c>dossier analyze</c>): a store of at most this many articles is re-clustered in batch before the
    /// stories are read (the online pass decides on arrival and is less precise); larger stores keep their online
    /// stories (<c>dossier stories --rebuild</c> re-clusters them on demand). 0 = never. 25,000 covers all of
    /// Reuters-21578 (21,576 articles), where the rebuild costs about what the online pass it replaces did
    /// (docs/benchmarks.md, Stories).
    /// </summary>
    public int AnalyzeRebuildLimit { get; init; } = 25_000;

    /// <summary>Batch mode: nearest neighbours per article kept in the similarity graph.</summary>
    public int Neighbours { get; init; } = 40;

    /// <summary>Batch mode: index features shared by more articles than this are too common to find neighbours with.</summary>
    public int MaxPosting { get; init; } = 5000;

    /// <summary>Count multiplier for words of the title (when it is not already the first line of the text).</summary>
    public float TitleWeight { get; init; } = 1f;

    /// <summary>Count multiplier for words of the lead (first <see cref="LeadSentences"/> sentences, at most <see cref="LeadChars"/> characters).</summary>
    public float LeadWeight { get; init; } = 1f;

    public int LeadChars { get; init; } = 600;

    public int LeadSentences { get; init; } = 2;

    /// <summary>Weight of a content word relative to the other kinds.</summary>
    public float TermWeight { get; init; } = 1f;

    /// <summary>Weight of a name (person, place, organisation): names tell two similar events apart.</summary>
    public float NameWeight { get; init; } = 2f;

    /// <summary>
    /// Share of the name-only cosine in the similarity (the rest is the cosine over all features): two events of
    /// one kind (two rehab check-ins, two title fights) differ in who and where.
    /// </summary>
    public float NameBlend { get; init; } = 0f;

    /// <summary>Weight of a number (casualties, ages, amounts).</summary>
    public float NumberWeight { get; init; } = 1f;

    /// <summary>Weight of a year: two events of one kind years apart must stay apart.</summary>
    public float YearWeight { get; init; } = 1.5f;

    /// <summary>Features kept per article (highest TF-IDF first).</summary>
    public int ArticleFeatures { get; init; } = 80;

    /// <summary>Online: raw features kept per member (heaviest by TF-IDF on arrival), weighed again at each re-clustering.</summary>
    public int MemberFeatures { get; init; } = 80;

    /// <summary>Features kept per story centroid.</summary>
    public int CentroidFeatures { get; init; } = 150;

    /// <summary>Top centroid features under which a story is listed in the candidate index.</summary>
    public int IndexFeatures { get; init; } = 12;

    /// <summary>Batch mode: top article features looked up in the index to find an article's nearest neighbours.</summary>
    public int QueryFeatures { get; init; } = 12;

    /// <summary>
    /// Online: top article features looked up in the candidate index of open stories (their top
    /// <see cref="IndexFeatures"/>), so that an article whose heaviest words are not a story's finds it through its
    /// names and other words.
    /// </summary>
    public int OnlineQueryFeatures { get; init; } = 30;

    /// <summary>Candidates (best by index overlap) scored in full per article.</summary>
    public int MaxCandidates { get; init; } = 64;

    /// <summary>
    /// An article dated more than this many days before a story's first or after its last article cannot join
    /// it; a story whose last article is older than this (plus <see cref="CloseAfterDays"/>) than the newest
    /// article seen is closed and leaves the index.
    /// </summary>
    public double WindowDays { get; init; } = 7;

    /// <summary>
    /// The stream's current day (which closes old stories) is the earliest of the days of this many latest
    /// articles, so a few misdated articles do not close every story.
    /// </summary>
    public int ClockArticles { get; init; } = 5;

    /// <summary>Extra days before a story is closed (late follow-ups of old articles).</summary>
    public double CloseAfterDays { get; init; } = 7;

    /// <summary>Similarity is multiplied by 1 / (1 + gap / DecayDays) for a gap in days outside the story's dates.</summary>
    public double DecayDays { get; init; } = 3;
}
