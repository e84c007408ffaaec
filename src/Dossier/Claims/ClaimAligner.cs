namespace Dossier.Claims;

/// <summary>One fact: claims from one or more articles that state the same thing.</summary>
public sealed record Fact(int Id, IReadOnlyList<Claim> Claims, Claim Representative, IReadOnlyList<string> Articles, int Sources)
{
    /// <summary>
    /// The highest similarity of one of its claims to a claim of another source outside the fact: how near another
    /// source came to stating it (an exclusive must be far from every other source).
    /// </summary>
    public double NearestOtherSource { get; init; }

    /// <summary>True when a claim of another source names the same people, places or figures as one of its claims and shares a word with it.</summary>
    public bool Echoed { get; init; }

    public bool HasNumbers => Claims.Any(c => c.Numbers.Any(n => !n.IsYear));
}

/// <summary>Options of the aligner. Change with <c>with</c>.</summary>
public sealed record AlignOptions
{
    public static AlignOptions Default { get; } = new();

    /// <summary>Cosine similarity (IDF-weighted content stems, names and numbers) at or above which two claims state the same fact.</summary>
    public double Threshold { get; init; } = 0.42;

    /// <summary>Fewest shared content terms for two claims to be aligned.</summary>
    public int MinShared { get; init; } = 3;

    /// <summary>Terms in more than this share of a story's claims do not propose candidates (they still count in the score).</summary>
    public double MaxCandidateDf { get; init; } = 0.2;

    /// <summary>Terms in more claims than this propose no candidates either (keeps long stories near-linear).</summary>
    public int MaxCandidatePostings { get; init; } = 200;

    /// <summary>
    /// Paraphrase across sources: at or above this similarity, two claims from different sources state the same fact
    /// when they also share at least two names and two other content words ("expected to visit in October" /
    /// "instructed to meet in October", both naming Lavrov and North Korea).
    /// </summary>
    public double ParaphraseThreshold { get; init; } = 0.28;

    /// <summary>Weight of the containment score (shared weight over the shorter claim's weight) against the cosine.</summary>
    public double ContainmentWeight { get; init; } = 0.85;

    /// <summary>
    /// Two facts merge through an aligned pair only when their claims are this similar on average (IDF-weighted cosine),
    /// so a chain of pairwise links cannot glue different facts into one.
    /// </summary>
    public double MinAverageLink { get; init; } = 0.2;

    /// <summary>
    /// Weight of a related-word match (Claims/Data/related.txt: "shot" / "gunned") against an exact one: such a pair
    /// adds this share of the two words' weights to the similarity and counts as a shared term.
    /// </summary>
    public double RelatedWeight { get; init; } = 0.7;
}

/// <summary>
/// Aligns the claims of a story's articles into facts: IDF-weighted cosine over content stems, names and numbers;
/// candidates from an inverted index over discriminative terms (so cost follows shared vocabulary, not all pairs);
/// single-link merging above a threshold.
/// </summary>
public sealed class ClaimAligner
{
    private readonly AlignOptions _options;

    public ClaimAligner(AlignOptions? options = null)
    {
        _options = options ?? AlignOptions.Default;
    }

    /// <summary>The terms a claim is compared on: stems, plus numbers as "#value".</summary>
    public static IReadOnlyList<string> TermsOf(Claim c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Terms;
    }

    /// <summary>Groups claims into facts. <paramref name="sourceOf"/> gives an article's independent-source group.</summary>
    public IReadOnlyList<Fact> Align(IReadOnlyList<Claim> claims, Func<string, string> sourceOf) => Align(claims, sourceOf, out _);

    /// <summary>As <see cref="Align(IReadOnlyList{Claim}, Func{string, string})"/>, also giving each term's claims (indexes in order).</summary>
    internal IReadOnlyList<Fact> Align(IReadOnlyList<Claim> claims, Func<string, string> sourceOf, out Dictionary<string, List<int>> termClaims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(sourceOf);
        var n = claims.Count;
        var terms = claims.Select(TermsOf).ToArray();
        var idf = Idf(terms);
        var norms = terms.Select(ts => Math.Sqrt(ts.Sum(t => idf[t] * idf[t]))).ToArray();

        // Terms as ids in each claim's own order (a claim's terms are distinct), with their squared weights, so a
        // pair is compared on integers; a stamp per term marks the longer claim's terms.
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var vectors = terms.Select(ts => ts.Select(t => termIds.TryGetValue(t, out var id) ? id : termIds[t] = termIds.Count).ToArray()).ToArray();
        var squares = new double[termIds.Count];
        foreach (var (t, id) in termIds)
        {
            var w = idf[t];
            squares[id] = w * w;
        }

        var stamps = new int[termIds.Count];
        var stamp = 0;

        // Related words present in the story, as term ids.
        var related = new int[termIds.Count][];
        foreach (var (t, id) in termIds)
        {
            related[id] = Terms.Related.TryGetValue(t, out var rs)
                ? rs.Select(r => termIds.TryGetValue(r, out var rid) ? rid : -1).Where(r => r >= 0).ToArray()
                : [];
        }

        // Candidate pairs through discriminative terms.
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var maxDf = Math.Min(_options.MaxCandidatePostings, Math.Max(2, (int)(_options.MaxCandidateDf * n)));
        for (var i = 0; i < n; i++)
        {
            foreach (var t in terms[i])
            {
                if (!postings.TryGetValue(t, out var list))
                {
                    postings[t] = list = [];
                }

                list.Add(i);
            }
        }

        // Each claim meets the later claims sharing a discriminative term once (a stamp per claim, no pair set).
        var pairs = new List<(int A, int B, double Sim)>();

        // Each claim's independent source as a small integer, worked out once per article.
        var sourceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var articleSource = new Dictionary<string, int>(StringComparer.Ordinal);
        var source = new int[n];
        for (var i = 0; i < n; i++)
        {
            var id = claims[i].ArticleId;
            if (!articleSource.TryGetValue(id, out var sid))
            {
                var group = sourceOf(id);
                if (!sourceIds.TryGetValue(group, out sid))
                {
                    sourceIds[group] = sid = sourceIds.Count;
                }

                articleSource[id] = sid;
            }

            source[i] = sid;
        }

        var nearest = new double[n];
        var echoed = new bool[n];
        var met = new int[n];
        Array.Fill(met, -1);
        for (var a = 0; a < n; a++)
        {
            foreach (var t in terms[a])
            {
                var list = postings[t];
                if (list.Count > maxDf || list.Count < 2)
                {
                    continue;
                }

                // Postings are in claim order: the claims after a start after its own entry.
                var from = list.BinarySearch(a) + 1;
                for (var y = from; y < list.Count; y++)
                {
                    var b = list[y];
                    if (met[b] == a)
                    {
                        continue;
                    }

                    met[b] = a;
                    if (claims[a].ArticleId == claims[b].ArticleId && claims[a].Version == claims[b].Version)
                    {
                        continue;
                    }

                    var sim = Similarity(vectors[a], vectors[b], squares, related, stamps, ++stamp, norms[a], norms[b], out var shared);
                    var otherSource = source[a] != source[b];
                    if (otherSource)
                    {
                        nearest[a] = Math.Max(nearest[a], sim);
                        nearest[b] = Math.Max(nearest[b], sim);

                        // Another source naming the same people, places or figures and sharing a word has the fact in its
                        // own words, even below the alignment threshold.
                        if (shared >= 3 && sim < _options.Threshold && !(echoed[a] && echoed[b]) && Echo(claims[a], claims[b]))
                        {
                            echoed[a] |= Carries(claims[b], claims[a]);
                            echoed[b] |= Carries(claims[a], claims[b]);
                        }
                    }

                    if (shared < _options.MinShared)
                    {
                        continue;
                    }

                    if ((sim >= _options.Threshold
                        || (sim >= _options.ParaphraseThreshold && otherSource && Paraphrase(claims[a], claims[b])))
                        && !OtherScope(claims[a], claims[b]))
                    {
                        pairs.Add((a, b, sim));
                    }
                }
            }
        }

        // Merge, strongest pairs first: single link, held back by two rules. A fact holds one claim per article version
        // (an article states a fact once; two of its sentences in one fact mean a chain through other articles), and two
        // facts merge only when their claims are similar on average (average link through the sums of their unit
        // vectors, so chains of weak links do not glue different facts together).
        var parent = Enumerable.Range(0, n).ToArray();
        var members = new List<int>?[n];
        var sums = new Dictionary<int, double>?[n];
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var (a, b, _) in pairs.OrderByDescending(p => p.Sim).ThenBy(p => p.A).ThenBy(p => p.B))
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb)
            {
                continue;
            }

            var ma = members[ra] ??= [ra];
            var mb = members[rb] ??= [rb];
            if (ma.Any(x => mb.Any(y => claims[x].ArticleId == claims[y].ArticleId && claims[x].Version == claims[y].Version)))
            {
                continue;
            }

            var sa = sums[ra] ??= UnitVector(ra);
            var sb = sums[rb] ??= UnitVector(rb);
            if (ma.Count + mb.Count > 2)
            {
                var (small, large) = sa.Count <= sb.Count ? (sa, sb) : (sb, sa);
                double dot = 0;
                foreach (var (t, w) in small)
                {
                    if (large.TryGetValue(t, out var v))
                    {
                        dot += w * v;
                    }
                }

                if (dot / (ma.Count * mb.Count) < _options.MinAverageLink)
                {
                    continue;
                }
            }

            var (keep, drop) = ra < rb ? (ra, rb) : (rb, ra);
            parent[drop] = keep;
            var (into, from) = ra < rb ? (sa, sb) : (sb, sa);
            foreach (var (t, w) in from)
            {
                into[t] = into.GetValueOrDefault(t) + w;
            }

            var merged = ra < rb ? ma : mb;
            merged.AddRange(ra < rb ? mb : ma);
            members[keep] = merged;
            sums[keep] = into;
            members[drop] = null;
            sums[drop] = null;
        }

        Dictionary<int, double> UnitVector(int i)
        {
            var v = new Dictionary<int, double>(vectors[i].Length);
            if (norms[i] == 0)
            {
                return v;
            }

            foreach (var t in vectors[i])
            {
                v[t] = Math.Sqrt(squares[t]) / norms[i];
            }

            return v;
        }

        var facts = new List<Fact>();
        foreach (var group in Enumerable.Range(0, n).GroupBy(Find).OrderBy(g => g.Key))
        {
            var claimsOf = group.Select(i => claims[i]).ToList();
            var rep = Representative(group.ToList(), terms, idf, norms, claims);
            var articles = claimsOf.Select(c => c.ArticleId).Distinct(StringComparer.Ordinal).ToList();
            var sources = articles.Select(sourceOf).Distinct(StringComparer.Ordinal).Count();
            facts.Add(new Fact(facts.Count, claimsOf, rep, articles, sources) { NearestOtherSource = group.Max(i => nearest[i]), Echoed = group.Any(i => echoed[i]) });
        }

        termClaims = postings;
        return facts;
    }

    /// <summary>IDF-weighted cosine of two claims' term sets.</summary>
    public static double Similarity(IReadOnlyList<string> a, IReadOnlyList<string> b, IReadOnlyDictionary<string, double> idf)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(idf);
        double W(string t) => idf.TryGetValue(t, out var w) ? w : 1.0;
        var na = Math.Sqrt(a.Sum(t => W(t) * W(t)));
        var nb = Math.Sqrt(b.Sum(t => W(t) * W(t)));
        var sb = b.ToHashSet(StringComparer.Ordinal);
        var dot = a.Where(sb.Contains).Sum(t => W(t) * W(t));
        return na == 0 || nb == 0 ? 0 : dot / (na * nb);
    }

    public static Dictionary<string, double> Idf(IReadOnlyList<IReadOnlyList<string>> docs)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            foreach (var t in d)
            {
                df[t] = df.GetValueOrDefault(t) + 1;
            }
        }

        var n = Math.Max(1, docs.Count);
        return df.ToDictionary(kv => kv.Key, kv => Math.Log(1.0 + (n / (double)kv.Value)), StringComparer.Ordinal);
    }

    private double Similarity(int[] a, int[] b, double[] squares, int[][] related, int[] stamps, int stamp, double na, double nb, out int shared)
    {
        var cosine = Cosine(a, b, squares, related, _options.RelatedWeight, stamps, stamp, na, nb, out shared);
        if (Math.Min(a.Length, b.Length) < 5)
        {
            return cosine;
        }

        // Containment: how much of the shorter claim the longer one carries.
        var shorter = Math.Min(na, nb);
        return Math.Max(cosine, _options.ContainmentWeight * cosine * na * nb / (shorter * shorter));
    }

    /// <summary>
    /// Two claims pinned to the same slots: at least two shared anchors (names, month or weekday names, numbers) and
    /// at least one other shared content word (synonyms count as one).
    /// </summary>
    private static bool Paraphrase(Claim a, Claim b) => SharedSlots(a, b) is (>= 2, >= 1);

    /// <summary>Whether <paramref name="other"/> states every figure of <paramref name="claim"/> (its numbers other than years): a claim's figures are what it adds.</summary>
    private static bool Carries(Claim other, Claim claim) =>
        claim.Numbers.Where(n => !n.IsYear).All(n => other.Numbers.Any(m => m.Value == n.Value));

    /// <summary>A looser <see cref="Paraphrase"/> for exclusivity: three shared anchors and another shared word, or two and two.</summary>
    private static bool Echo(Claim a, Claim b) => SharedSlots(a, b) is (>= 3, >= 1) or (2, >= 2);

    /// <summary>The anchors two claims share, and their shared content words that are not part of a name or an anchor.</summary>
    private static (int Anchors, int Words) SharedSlots(Claim a, Claim b)
    {
        var anchors = 0;
        foreach (var x in a.Anchors)
        {
            foreach (var y in b.Anchors)
            {
                if (string.Equals(x, y, StringComparison.Ordinal))
                {
                    anchors++;
                    break;
                }
            }
        }

        if (anchors < 2)
        {
            return (anchors, 0);
        }

        var anchorStems = a.Anchors.Concat(b.Anchors).Concat(a.Names.Concat(b.Names).SelectMany(n => n.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)))
            .Select(Terms.Key).ToHashSet(StringComparer.Ordinal);
        return (anchors, a.Stems.Intersect(b.Stems, StringComparer.Ordinal).Count(s => !anchorStems.Contains(s)));
    }

    /// <summary>
    /// Two claims that count the same thing with different numbers, one of them as a running total or of an earlier
    /// time ("140 rescues so far this year" / "12 rescues on Monday"), state two facts however alike their words.
    /// </summary>
    private static bool OtherScope(Claim a, Claim b)
    {
        if ((a.Total || a.Past) == (b.Total || b.Past) || a.Numbers.Count == 0 || b.Numbers.Count == 0)
        {
            return false;
        }

        return a.Numbers.Any(x => !x.IsYear && x.Unit.Length > 0 && b.Numbers.Any(y => !y.IsYear && y.Value != x.Value && y.Unit.Length > 0 && FirstWord(y.Unit) == FirstWord(x.Unit)));

        static string FirstWord(string unit)
        {
            var sp = unit.IndexOf(' ', StringComparison.Ordinal);
            return sp < 0 ? unit : unit[..sp];
        }
    }

    /// <summary>
    /// IDF-weighted cosine, the dot product summed in the shorter claim's term order; a term of the shorter claim that
    /// the longer lacks but whose related word (Terms.Related) it has adds <paramref name="relatedWeight"/> of the pair's weight.
    /// </summary>
    private static double Cosine(int[] a, int[] b, double[] squares, int[][] related, double relatedWeight, int[] stamps, int stamp, double na, double nb, out int shared)
    {
        shared = 0;
        if (na == 0 || nb == 0)
        {
            return 0;
        }

        var (small, large) = a.Length <= b.Length ? (a, b) : (b, a);
        foreach (var t in large)
        {
            stamps[t] = stamp;
        }

        double dot = 0;
        foreach (var t in small)
        {
            if (stamps[t] == stamp)
            {
                dot += squares[t];
                shared++;
            }
        }

        if (relatedWeight > 0 && shared < small.Length)
        {
            // Terms of the shorter claim are marked so a related pair is counted once and an exact match is not.
            var mark = -stamp;
            foreach (var t in small)
            {
                if (stamps[t] == stamp)
                {
                    continue;
                }

                foreach (var r in related[t])
                {
                    if (stamps[r] == stamp)
                    {
                        dot += relatedWeight * Math.Sqrt(squares[t] * squares[r]);
                        shared++;
                        stamps[r] = mark;
                        break;
                    }
                }
            }
        }

        return dot / (na * nb);
    }

    private static Claim Representative(List<int> members, IReadOnlyList<string>[] sets, Dictionary<string, double> idf, double[] norms, IReadOnlyList<Claim> claims)
    {
        if (members.Count == 1)
        {
            return claims[members[0]];
        }

        // The most central claim; ties to the earlier position, then the shorter text. Its summed cosine to the
        // others is computed through per-term sums (linear in the fact's terms, not quadratic in its claims):
        // sum over j != i of cos(i, j) = (1 / |i|) * sum over terms t of i of w(t)^2 * (sum over j != i holding t of 1 / |j|).
        var inverse = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var j in members)
        {
            if (norms[j] == 0)
            {
                continue;
            }

            foreach (var t in sets[j])
            {
                inverse[t] = inverse.GetValueOrDefault(t) + (1.0 / norms[j]);
            }
        }

        var best = members[0];
        var bestScore = double.MinValue;
        foreach (var i in members)
        {
            double score = 0;
            if (norms[i] != 0)
            {
                double sum = 0;
                foreach (var t in sets[i])
                {
                    var w = idf[t];
                    sum += w * w * (inverse[t] - (1.0 / norms[i]));
                }

                score = sum / norms[i];
            }

            score -= claims[i].Position * 0.05;
            score -= claims[i].Quoted ? 0.05 : 0;
            score -= claims[i].InCaption || claims[i].Fragment || claims[i].Furniture ? 1.0 : 0;
            score -= claims[i].Headline ? 0.5 : 0;
            if (score > bestScore + 1e-9)
            {
                bestScore = score;
                best = i;
            }
        }

        return claims[best];
    }
}
