using Dossier.Claims;

namespace Dossier.Brief;

/// <summary>Options of the extractive summary. Change with <c>with</c>.</summary>
public sealed record SummaryOptions
{
    public static SummaryOptions Default { get; } = new();

    public int MaxSentences { get; init; } = 8;

    /// <summary>A candidate this similar (IDF cosine) to a chosen sentence repeats it and is skipped.</summary>
    public double Redundancy { get; init; } = 0.3;

    public int MinWords { get; init; } = 8;

    public int MaxWords { get; init; } = 60;
}

/// <summary>
/// Picks 5-10 facts for the summary: supported by many independent sources and near the lead, specific (numbers,
/// names), never repeating a chosen fact (maximal marginal relevance), ordered as the news leads with them.
/// Every sentence cites every article that carries its fact.
/// </summary>
public sealed class Summarizer
{
    private readonly SummaryOptions _options;

    public Summarizer(SummaryOptions? options = null)
    {
        _options = options ?? SummaryOptions.Default;
    }

    public IReadOnlyList<Fact> Select(StoryAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var candidates = agreement.Facts
            .Where(f => !f.Claims.All(c => c.InCaption))
            .Where(f => f.Representative.Words >= _options.MinWords && f.Representative.Words <= _options.MaxWords)
            .ToList();
        var idf = ClaimAligner.Idf(agreement.Facts.SelectMany(f => f.Claims).Select(ClaimAligner.TermsOf).ToList());
        var scored = candidates
            .Select(f => (Fact: f, Score: Score(f, agreement.Sources)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Fact.Id)
            .ToList();
        var chosen = new List<Fact>();
        var vectors = new Dictionary<Claim, (IReadOnlyList<string> Terms, HashSet<string> Set, double Norm)>(ReferenceEqualityComparer.Instance);
        foreach (var (fact, _) in scored)
        {
            if (chosen.Count >= _options.MaxSentences)
            {
                break;
            }

            if (chosen.Any(c => Max(fact, c, idf, vectors) >= _options.Redundancy))
            {
                continue;
            }

            chosen.Add(fact);
        }

        return chosen.OrderBy(f => f.Claims.Min(c => c.Position)).ThenBy(f => f.Id).ToList();
    }

    /// <summary>The highest similarity between a claim of one fact and a claim of the other (each claim's terms and norm worked out once).</summary>
    private static double Max(Fact a, Fact b, Dictionary<string, double> idf, Dictionary<Claim, (IReadOnlyList<string> Terms, HashSet<string> Set, double Norm)> vectors)
    {
        return a.Claims.Max(x => b.Claims.Max(y => Similarity(Of(x), Of(y))));

        (IReadOnlyList<string> Terms, HashSet<string> Set, double Norm) Of(Claim c)
        {
            if (!vectors.TryGetValue(c, out var v))
            {
                var terms = ClaimAligner.TermsOf(c);
                double sum = 0;
                foreach (var t in terms)
                {
                    var w = W(t);
                    sum += w * w;
                }

                vectors[c] = v = (terms, terms.ToHashSet(StringComparer.Ordinal), Math.Sqrt(sum));
            }

            return v;
        }

        // As ClaimAligner.Similarity: the dot product summed in the first claim's term order.
        double Similarity((IReadOnlyList<string> Terms, HashSet<string> Set, double Norm) x, (IReadOnlyList<string> Terms, HashSet<string> Set, double Norm) y)
        {
            if (x.Norm == 0 || y.Norm == 0)
            {
                return 0;
            }

            double dot = 0;
            foreach (var t in x.Terms)
            {
                if (y.Set.Contains(t))
                {
                    var w = W(t);
                    dot += w * w;
                }
            }

            return dot / (x.Norm * y.Norm);
        }

        double W(string t) => idf.TryGetValue(t, out var w) ? w : 1.0;
    }

    private static double Score(Fact f, int storySources)
    {
        var rep = f.Representative;
        var support = storySources <= 1 ? 1.0 : f.Sources / (double)storySources;
        var lead = 1.0 - f.Claims.Min(c => c.Position);
        var specific = Math.Min(3, rep.Names.Count) * 0.1 + (f.HasNumbers ? 0.15 : 0);
        var coverage = Math.Min(5, f.Articles.Count) * 0.05;
        var quoted = rep.Quoted ? -0.3 : 0;
        return (support * 1.5) + (lead * 1.2) + specific + coverage + quoted;
    }
}
