using Dossier.Core;

namespace Dossier.Copies;

/// <summary>A text to compare: its profile and the profiles of its marked earlier versions (oldest first).</summary>
public sealed record CopyDoc(CopyProfile Profile, IReadOnlyList<CopyProfile> EarlierVersions)
{
    public static CopyDoc Of(string text, SignatureOptions? options = null) =>
        new(CopyProfile.Build(text, (options ?? SignatureOptions.Default).ShingleSize), []);

    /// <summary>The article's text, and each earlier version the cleaning marked (all but the newest).</summary>
    public static CopyDoc Of(Article article, SignatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var n = (options ?? SignatureOptions.Default).ShingleSize;
        var versions = article.Versions.Count < 2
            ? []
            : article.Versions.Take(article.Versions.Count - 1)
                .Where(v => !v.Span.IsEmpty && v.Span.End <= article.Text.Length)
                .Select(v => CopyProfile.Build(v.Span.Slice(article.Text), n))
                .ToList();
        return new CopyDoc(CopyProfile.Build(article.Text, n), versions);
    }
}

/// <summary>A relation found by the detector: between the earlier text (ordinal) and the later one, oriented A = earlier.</summary>
public readonly record struct DetectedCopy(int A, int B, CopyMatch Match);

/// <summary>
/// Finds the copies of each new text among the texts seen before it: candidates from the <see cref="CopyIndex"/>
/// (LSH bands and sentence keys), verified by the <see cref="CopyComparer"/>. Texts are processed one at a time
/// in order, so the result does not depend on how they were batched. Earlier texts are fetched through a loader
/// only when they are candidates.
/// </summary>
public sealed class CopyDetector
{
    private readonly Func<int, CopyDoc?> _load;

    public CopyDetector(Func<int, CopyDoc?> load, CopyComparer? comparer = null)
    {
        _load = load ?? throw new ArgumentNullException(nameof(load));
        Comparer = comparer ?? CopyComparer.Default;
    }

    public CopyComparer Comparer { get; }

    public CopyIndex Index { get; } = new();

    /// <summary>Adds a text already processed earlier (rebuilding the index from stored signatures).</summary>
    public int AddKnown(CopySignature signature) => Index.Add(signature);

    /// <summary>Compares a new text with every candidate, then adds it. Returns its ordinal and its relations.</summary>
    public (int Ordinal, CopySignature Signature, List<DetectedCopy> Copies) Process(CopyDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var options = Comparer.Options;
        var signature = CopySignature.Of(doc.Profile, options.Signature);
        var copies = new List<DetectedCopy>();
        var ordinal = Index.Count;
        if (signature.Words > 0)
        {
            SentenceLookup? lookup = null;
            foreach (var c in Index.Query(signature, options.Candidates))
            {
                if (c.Exact)
                {
                    copies.Add(new DetectedCopy(c.Ordinal, ordinal, new CopyMatch(CopyKind.Exact, 1.0,
                        new CopyEvidence { Jaccard = 1, ContainmentA = 1, ContainmentB = 1, CoverageA = 1, CoverageB = 1, Via = "exact" })));
                    continue;
                }

                var earlier = _load(c.Ordinal);
                if (earlier is null)
                {
                    continue;
                }

                var via = c.SharedBands > 0 ? "lsh" : "sentences";
                lookup ??= SentenceLookup.Of(doc.Profile);
                var match = Comparer.Compare(earlier.Profile, lookup, doc.EarlierVersions, via);
                if (match is not null)
                {
                    // A version is oriented from the carried text to the text that carries it.
                    var swap = match.Kind == CopyKind.Version && match.Evidence.VersionOfB is null
                        && match.Evidence.ContainmentB > match.Evidence.ContainmentA;
                    copies.Add(swap
                        ? new DetectedCopy(ordinal, c.Ordinal, match with { Evidence = Swap(match.Evidence) })
                        : new DetectedCopy(c.Ordinal, ordinal, match));
                    continue;
                }

                if (earlier.EarlierVersions.Count > 0)
                {
                    // The earlier text may itself carry the new one as a marked earlier version.
                    var back = Comparer.Compare(doc.Profile, earlier.Profile, earlier.EarlierVersions, via);
                    if (back is not null && back.Evidence.VersionOfB is not null)
                    {
                        copies.Add(new DetectedCopy(ordinal, c.Ordinal, back));
                    }
                }
            }
        }

        Index.Add(signature);
        return (ordinal, signature, copies);
    }

    private static CopyEvidence Swap(CopyEvidence e) => e with
    {
        ContainmentA = e.ContainmentB,
        ContainmentB = e.ContainmentA,
        CoverageA = e.CoverageB,
        CoverageB = e.CoverageA,
        NewSentences = e.DroppedSentences,
        DroppedSentences = e.NewSentences,
    };
}
