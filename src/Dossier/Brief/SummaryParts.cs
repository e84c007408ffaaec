using Dossier.Claims;

namespace Dossier.Brief;

/// <summary>
/// The facts the summary chooses from: each aligned fact cut into the parts that tell one thing. Alignment joins claims
/// through shared names, attribution tails and chains (A~B~C), which is fine for counting who reports a story's facts
/// but not for telling them: a fact whose representative says "Marek cut short a visit abroad" can hold another
/// outlet's "Marek suspended the director and ordered an inquiry", and a fact told as "Marek will visit Vessa on
/// Friday" can hold "the director has been suspended, Marek said during a visit to Vessa". The summary would then
/// never tell the suspension: the sentence shown says something else, and the fact that would tell it looks told
/// already. A part is a representative with the claims that go with it: half or more of the IDF weight of one's core
/// words (lower-case content words before the attribution tail and outside a ", who/which ..." relative clause: no
/// names, titles, month or weekday names or figures) held by the other's core words, either way round (related words
/// and derivatives counting, <see cref="Retelling"/>); another version of the same sentence goes with it at once.
/// The first part is led by the fact's own representative; each next one by the remaining claim nearest the top of its
/// article. The agreement report (consensus, exclusives, conflicts) keeps the aligned facts.
/// </summary>
internal sealed class SummaryParts
{
    private readonly Dictionary<string, double> _idf;
    private readonly Func<string, string> _sourceOf;
    private readonly double _share;
    private readonly Dictionary<Claim, CoreWords> _cores = new(ReferenceEqualityComparer.Instance);

    public SummaryParts(Dictionary<string, double> idf, Func<string, string> sourceOf, double share)
    {
        _idf = idf;
        _sourceOf = sourceOf;
        _share = share;
    }

    /// <summary>Facts with more claims than this are not cut (a widely carried fact; bounds the pairwise test).</summary>
    private const int MaxClaims = 30;

    /// <summary>
    /// The parts of a fact, its representative's first; the fact itself when it has one claim, all go together, or no
    /// claim but its representative's wording could be a summary sentence (<paramref name="eligible"/>).
    /// </summary>
    public IReadOnlyList<Fact> Of(Fact fact, Func<Claim, bool> eligible)
    {
        if (fact.Claims.Count < 2 || fact.Claims.Count > MaxClaims || !HasOtherSentence(fact, eligible))
        {
            return [fact];
        }

        return [.. Split(fact)];

        static bool HasOtherSentence(Fact f, Func<Claim, bool> eligible)
        {
            foreach (var c in f.Claims)
            {
                if (!ReferenceEquals(c, f.Representative) && c.Text != f.Representative.Text && eligible(c))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private IEnumerable<Fact> Split(Fact fact)
    {
        if (fact.Claims.Count < 2)
        {
            yield return fact;
            yield break;
        }

        var rest = fact.Claims.ToList();
        var rep = fact.Representative;
        while (rest.Count > 0)
        {
            var repTerms = rep.Terms.ToHashSet(StringComparer.Ordinal);
            var group = rest.Where(c => ReferenceEquals(c, rep) || c.Text == rep.Text || NearlySame(c, repTerms) || GoTogether(rep, c)).ToList();
            if (group.Count == fact.Claims.Count)
            {
                yield return fact;
                yield break;
            }

            var articles = fact.Articles.Where(a => group.Any(c => c.ArticleId == a)).ToList();
            yield return fact with
            {
                Claims = group,
                Representative = rep,
                Articles = articles,
                Sources = articles.Select(_sourceOf).Distinct(StringComparer.Ordinal).Count(),
            };
            rest.RemoveAll(c => group.Contains(c, ReferenceEqualityComparer.Instance));
            if (rest.Count == 0)
            {
                yield break;
            }

            // The next part: the remaining sentence nearest the top of its article, a headline or date line only when nothing else is left.
            rep = rest.OrderBy(c => c.Headline || c.Furniture || c.Fragment || c.InCaption)
                .ThenBy(c => c.Position)
                .ThenBy(c => c.Index)
                .First();
        }
    }

    /// <summary>Another version of the same sentence: 80% or more of its terms are the representative's (no need to weigh core words).</summary>
    private static bool NearlySame(Claim c, HashSet<string> repTerms)
    {
        if (c.Terms.Count == 0)
        {
            return false;
        }

        var shared = 0;
        foreach (var t in c.Terms)
        {
            shared += repTerms.Contains(t) ? 1 : 0;
        }

        return shared >= 0.8 * c.Terms.Count && shared >= 0.8 * repTerms.Count;
    }

    /// <summary>Whether half or more of one claim's core weight is held by the other's core, either way round.</summary>
    private bool GoTogether(Claim a, Claim b)
    {
        var (x, y) = (Core(a), Core(b));
        return x.Keys.Length == 0 || y.Keys.Length == 0 || Held(x, y) >= _share * x.Total || Held(y, x) >= _share * y.Total;
    }

    private static double Held(CoreWords of, CoreWords by)
    {
        double held = 0;
        for (var i = 0; i < of.Keys.Length; i++)
        {
            if (Retelling.Holds(of.Keys[i], by.Keys, by.Set))
            {
                held += of.Weights[i];
            }
        }

        return held;
    }

    private static readonly IReadOnlySet<string> RelativeWords = Terms.LoadList("relative-words.txt");

    /// <summary>Where the relative clause opening at <paramref name="k"/> (after a comma) starts its next word, or -1 when none opens there.</summary>
    private static int RelativeAfter(string text, int k, int end)
    {
        while (k < end && text[k] == ' ')
        {
            k++;
        }

        var from = k;
        while (k < end && char.IsLetter(text[k]))
        {
            k++;
        }

        return k > from && RelativeWords.Contains(text[from..k]) ? k : -1;
    }

    private sealed record CoreWords(string[] Keys, double[] Weights, double Total, HashSet<string> Set);

    /// <summary>
    /// A claim's core words: the keys of its lower-case content words before its attribution tail (capitalised words are
    /// names and titles, "Prime Minister"; month and weekday names, figures and stop words aside), with their weights.
    /// </summary>
    private CoreWords Core(Claim c)
    {
        if (_cores.TryGetValue(c, out var core))
        {
            return core;
        }

        var text = c.Text;
        var tail = Attribution.TailStart(text);
        var end = tail < 0 ? text.Length : tail;
        var keys = new List<string>();
        var k = 0;
        while (k < end)
        {
            var from = k;
            while (k < end && char.IsLetter(text[k]))
            {
                k++;
            }

            if (k == from)
            {
                // A relative clause between commas describes ("Marek, who returned to the capital from a visit abroad,
                // suspended ..."): its words are not what the sentence tells.
                if (text[k] == ',' && RelativeAfter(text, k + 1, end) is var skip and > 0)
                {
                    var next = text.IndexOf(',', skip);
                    k = next < 0 || next >= end ? end : next;
                    continue;
                }

                k++;
                continue;
            }

            if (k - from < 2 || char.IsUpper(text[from]) || (k < end && char.IsDigit(text[k])) || (from > 0 && char.IsDigit(text[from - 1])))
            {
                continue;
            }

            var lower = text[from..k].ToLowerInvariant();
            if (!Terms.IsStopWord(lower) && !Terms.CalendarWords.Contains(lower))
            {
                var key = Terms.Key(lower);
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        var words = keys.ToArray();
        var weights = Array.ConvertAll(words, t => _idf.TryGetValue(t, out var w) ? w : 1.0);
        _cores[c] = core = new CoreWords(words, weights, weights.Sum(), words.ToHashSet(StringComparer.Ordinal));
        return core;
    }
}
