using System.Globalization;

namespace Dossier.Claims;

/// <summary>
/// Works out, for one story, the facts (aligned claims), consensus, exclusives and conflicts. Copies count once:
/// every article belongs to an independent-source group (a copy lineage), and support is counted in groups.
/// </summary>
public sealed class AgreementAnalyzer
{
    private readonly AgreementOptions _options;
    private readonly ClaimAligner _aligner;

    public AgreementAnalyzer(AgreementOptions? options = null)
    {
        _options = options ?? AgreementOptions.Default;
        _aligner = new ClaimAligner(_options.Align);
    }

    /// <param name="storyId">The story.</param>
    /// <param name="claims">Claims of every article of the story.</param>
    /// <param name="sourceOf">Article id to its independent-source group id.</param>
    /// <param name="quoteVariants">Groups of quotes of one statement as worded by different articles.</param>
    public StoryAgreement Analyze(
        string storyId,
        IReadOnlyList<Claim> claims,
        Func<string, string> sourceOf,
        IReadOnlyList<(string? Speaker, IReadOnlyList<QuoteVariant> Quotes)>? quoteVariants = null,
        Func<string, DateOnly?>? dayOf = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(sourceOf);
        var facts = _aligner.Align(claims, sourceOf, out var termClaims);
        var wire = WireVersions(claims, facts, sourceOf, _options.WireVersionSentences, _options.WireVersionShare);
        if (!ReferenceEquals(wire, sourceOf))
        {
            sourceOf = wire;
            facts = facts.Select(f => f with { Sources = f.Articles.Select(wire).Distinct(StringComparer.Ordinal).Count() }).ToList();
        }

        var sources = claims.Select(c => c.ArticleId).Distinct(StringComparer.Ordinal).Select(sourceOf).Distinct(StringComparer.Ordinal).Count();

        var needed = Math.Max(2, (int)Math.Ceiling(_options.ConsensusShare * sources));
        Coverage? coverage = null;
        Coverage Cover() => coverage ??= new Coverage(claims, sourceOf, termClaims);
        var consensus = sources < 2 ? [] : facts
            .Where(f => f.Sources >= needed && !f.Claims.All(c => c.InCaption || c.Fragment || c.Furniture || c.Headline))
            .Select(f => Carried(f, Cover(), sourceOf, _options.ConsensusMinCoverage))
            .Where(f => f.Sources >= needed)
            .OrderByDescending(f => f.Sources)
            .ThenBy(f => f.Claims.Min(c => c.Position))
            .ToList();

        var exclusives = sources < 2 ? [] : facts
            .Where(f => f.Sources == 1 && Informative(f) && !Cover().Covered(f.Representative, sourceOf(f.Representative.ArticleId), _options.ExclusiveMaxCoverage)
                && !Cover().CoveredByArticle(f.Representative, sourceOf(f.Representative.ArticleId), _options.ExclusiveMaxArticleCoverage))
            .GroupBy(f => f.Articles[0], StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(Specificity).ThenBy(f => f.Representative.Position).Take(_options.MaxExclusivesPerArticle))
            .OrderBy(f => f.Articles[0], StringComparer.Ordinal)
            .ThenBy(f => f.Representative.Position)
            .ToList();

        var conflicts = new List<Conflict>();
        conflicts.AddRange(NumberConflicts(claims, sourceOf, dayOf ?? (_ => null)));
        conflicts.AddRange(NameConflicts(claims));
        conflicts.AddRange(StatementConflicts(claims, sourceOf, _options.StatementConflictSimilarity));
        if (quoteVariants is not null)
        {
            conflicts.AddRange(QuoteWording.Conflicts(quoteVariants));
        }

        return new StoryAgreement(storyId, sources, facts, consensus, exclusives, conflicts)
        {
            AsWritten = Citations(Opposed(conflicts), sourceOf),
            SourceOf = sourceOf,
        };
    }

    /// <summary>
    /// The story's citation test (<see cref="AsWritten"/>), made outside <see cref="Analyze"/> so that the delegate, kept
    /// with the story's results until the summary is made, holds only what it needs.
    /// </summary>
    private static Func<Fact, Fact> Citations(HashSet<(string Text, string Article)> opposed, Func<string, string> sourceOf) =>
        f => AsWritten(f, sourceOf, opposed);

    /// <summary>
    /// A fact as its representative is worded: only the claims that are negated when the text is ("there were no plans
    /// for new talks" is not carried by a claim without a negation; a negated claim may carry a plain text, as "had not
    /// yet regained" carries "had yet to regain" and "no one else was hurt" a sentence with two negations) and are not on
    /// the other side of a statement conflict with it, and their articles. A fact whose claims were aligned through
    /// shared names ("Peskov said ...") but say different things then cites only the articles that say what its text says.
    /// </summary>
    private static Fact AsWritten(Fact f, Func<string, string> sourceOf, HashSet<(string Text, string Article)> opposed)
    {
        if (f.Articles.Count < 2)
        {
            return f;
        }

        var rep = f.Representative;
        var with = f.Claims
            .Where(c => ReferenceEquals(c, rep)
                || (c.ArticleId == rep.ArticleId && c.Version == rep.Version)
                || ((c.Negated || !rep.Negated) && !opposed.Contains((rep.Text, c.ArticleId))))
            .ToList();
        if (with.Count == f.Claims.Count)
        {
            return f;
        }

        var articles = f.Articles.Where(a => with.Any(c => c.ArticleId == a)).ToList();
        return f with { Claims = with, Articles = articles, Sources = articles.Select(sourceOf).Distinct(StringComparer.Ordinal).Count() };
    }

    /// <summary>Each statement-conflict side's text paired with every article on another side of that conflict.</summary>
    private static HashSet<(string Text, string Article)> Opposed(List<Conflict> conflicts)
    {
        var opposed = new HashSet<(string Text, string Article)>();
        foreach (var c in conflicts.Where(c => c.Kind == "statement"))
        {
            foreach (var side in c.Sides)
            {
                foreach (var other in c.Sides.Where(o => !ReferenceEquals(o, side)))
                {
                    foreach (var a in other.Articles.Where(a => !side.Articles.Contains(a)))
                    {
                        opposed.Add((side.Text, a));
                    }
                }
            }
        }

        return opposed;
    }

    /// <summary>
    /// A fact worth listing as one source's own: a whole sentence (not a fragment, headline or date line) that says
    /// something (8+ words, or a number or a name), and that no other source came near stating in its own words (a
    /// similar claim, or one with the same names or figures and a shared word).
    /// </summary>
    private bool Informative(Fact f)
    {
        var c = f.Representative;
        return !c.InCaption && !c.Fragment && !c.Headline && !c.Furniture
            && (c.Words >= 8 || c.Numbers.Count > 0 || c.Names.Count > 0)
            && f.NearestOtherSource < _options.ExclusiveMaxSimilarity && !f.Echoed;
    }

    /// <summary>
    /// Two articles of different lineages that share several sentences nearly word for word (8 terms or more, at least
    /// 80% of them shared; not quotations, which independent outlets share) are two versions of one wire story the
    /// copies stage did not link: they count as one source. At least
    /// <paramref name="minShared"/> such sentences, and <paramref name="minShare"/> of the shorter article's claims.
    /// </summary>
    private static Func<string, string> WireVersions(IReadOnlyList<Claim> claims, IReadOnlyList<Fact> facts, Func<string, string> sourceOf, int minShared, double minShare)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in claims)
        {
            counts[c.ArticleId] = counts.GetValueOrDefault(c.ArticleId) + 1;
        }

        // Near-identical sentences are aligned into one fact: compare the claims of each fact of several sources.
        var shared = new Dictionary<(string, string), int>();
        var sourceOfArticle = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in facts.Where(f => f.Sources > 1 && f.Claims.Count <= 30))
        {
            var cs = f.Claims.Where(c => c.Terms.Count >= 8 && !c.Headline && !c.Furniture && !c.InCaption && !c.Quoted).ToList();
            var groups = cs.Select(c => sourceOfArticle.TryGetValue(c.ArticleId, out var g) ? g : sourceOfArticle[c.ArticleId] = sourceOf(c.ArticleId)).ToList();
            for (var x = 0; x < cs.Count; x++)
            {
                for (var y = x + 1; y < cs.Count; y++)
                {
                    if (groups[x] == groups[y])
                    {
                        continue;
                    }

                    var (a, b) = string.CompareOrdinal(cs[x].ArticleId, cs[y].ArticleId) < 0 ? (cs[x].ArticleId, cs[y].ArticleId) : (cs[y].ArticleId, cs[x].ArticleId);
                    if (NearlySame(cs[x].Terms, cs[y].Terms))
                    {
                        shared[(a, b)] = shared.GetValueOrDefault((a, b)) + 1;
                    }
                }
            }
        }

        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((a, b), n) in shared.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal))
        {
            if (n >= minShared && n >= minShare * Math.Min(counts[a], counts[b]))
            {
                var (ra, rb) = (Find(sourceOf(a)), Find(sourceOf(b)));
                if (ra != rb)
                {
                    parent[string.CompareOrdinal(ra, rb) < 0 ? rb : ra] = string.CompareOrdinal(ra, rb) < 0 ? ra : rb;
                }
            }
        }

        return parent.Count == 0 ? sourceOf : id => Find(sourceOf(id));

        string Find(string g)
        {
            while (parent.TryGetValue(g, out var p))
            {
                g = p;
            }

            return g;
        }
    }

    /// <summary>Most claims of a consensus fact tried as its text when its representative is not carried by every source.</summary>
    private const int MaxTextCandidates = 12;

    /// <summary>
    /// A consensus fact cites only the articles that state it whole: its text is the claim that most of the fact's other
    /// claims carry (IDF-weighted share of its terms, <paramref name="minCoverage"/> or more, and every count of it:
    /// "three cables", "101 yards"), and an article whose claim carries only part of it (or a neighbouring fact it was
    /// chained to) is no longer cited.
    /// </summary>
    private static Fact Carried(Fact f, Coverage coverage, Func<string, string> sourceOf, double minCoverage)
    {
        var members = f.Claims.Where(c => !c.InCaption && !c.Fragment && !c.Furniture).ToList();
        Claim? best = null;
        List<Claim>? carriers = null;
        var bestSources = 0;
        // The fact's representative first; the others (at most MaxTextCandidates) only when some source does not carry it.
        foreach (var rep in members.Where(c => !c.Headline).OrderBy(c => ReferenceEquals(c, f.Representative) ? 0 : 1).Take(MaxTextCandidates))
        {
            var with = f.Claims.Where(c => ReferenceEquals(c, rep) || (coverage.Share(rep, c) >= minCoverage && coverage.StatesCounts(rep, c))).ToList();
            var n = with.Select(c => sourceOf(c.ArticleId)).Distinct(StringComparer.Ordinal).Count();
            if (n > bestSources)
            {
                (best, carriers, bestSources) = (rep, with, n);
            }

            if (bestSources == f.Sources)
            {
                break;
            }
        }

        if (best is null || carriers is null)
        {
            return f with { Sources = 0 };
        }

        var articles = f.Articles.Where(a => carriers.Any(c => c.ArticleId == a)).ToList();
        return f with { Claims = carriers, Representative = best, Articles = articles, Sources = bestSources };
    }

    /// <summary>
    /// How much of a claim another independent source states within a few sentences: the best IDF-weighted share of the
    /// claim's terms (stems, names, numbers; a related word of Claims/Data/related.txt counting as held) that a window
    /// of three consecutive claims of one article of another source holds, where the window states every figure of the
    /// claim. A fact another outlet tells in its own words, spread over its sentences, is covered; a fact with a
    /// figure or a name no other source gives is not.
    /// </summary>
    private sealed class Coverage
    {
        private readonly IReadOnlyList<Claim> _claims;
        private readonly string[] _source;
        private readonly Dictionary<string, List<int>> _derived = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _hits = [];
        private readonly Dictionary<string, List<int>> _postings;
        private readonly Dictionary<Claim, int> _index = new(ReferenceEqualityComparer.Instance);
        private readonly int _maxPostings;

        /// <summary>Most windows read per claim (those holding most of its discriminative terms).</summary>
        private const int MaxWindows = 6;

        /// <param name="claims">The story's claims.</param>
        /// <param name="sourceOf">Article id to its independent source.</param>
        /// <param name="postings">Each term's claims, indexes in order (the aligner's inverted index).</param>
        public Coverage(IReadOnlyList<Claim> claims, Func<string, string> sourceOf, Dictionary<string, List<int>> postings)
        {
            _claims = claims;
            _source = claims.Select(c => sourceOf(c.ArticleId)).ToArray();
            _postings = postings;
            _maxPostings = Math.Max(2, Math.Min(200, claims.Count / 5));
            for (var i = 0; i < claims.Count; i++)
            {
                _index[claims[i]] = i;
            }

            // Derivatives ("arson" / "arsonist": one stem starts the other, five letters or more): for each term, the
            // claims holding a derivative of it, found through the terms' five-letter beginnings.
            // Grouped by a hash of the five letters (no substring); a collision only costs a StartsWith.
            var groups = new Dictionary<int, List<string>>();
            foreach (var t in _postings.Keys)
            {
                if (t.Length >= 5 && t[0] != '#')
                {
                    var key = string.GetHashCode(t.AsSpan(0, 5), StringComparison.Ordinal);
                    if (!groups.TryGetValue(key, out var g))
                    {
                        groups[key] = g = [];
                    }

                    g.Add(t);
                }
            }

            foreach (var terms in groups.Values.Where(g => g.Count > 1))
            {
                foreach (var t in terms)
                {
                    foreach (var u in terms)
                    {
                        if (!ReferenceEquals(t, u) && (u.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(u, StringComparison.Ordinal)))
                        {
                            if (!_derived.TryGetValue(t, out var list))
                            {
                                _derived[t] = list = [];
                            }

                            list.AddRange(_postings[u]);
                        }
                    }
                }
            }

            foreach (var list in _derived.Values)
            {
                list.Sort();
            }
        }

        /// <summary>IDF of a term over the story's claims (a claim's terms are distinct, so its postings count its claims).</summary>
        private double Idf(string t) => _postings.TryGetValue(t, out var list) ? Math.Log(1.0 + (_claims.Count / (double)list.Count)) : 1.0;

        /// <summary>Whether a window of another source holds <paramref name="minShare"/> or more of the claim (see <see cref="Coverage"/>).</summary>
        public bool Covered(Claim c, string source, double minShare)
        {
            // Claims of other sources that hold one of its discriminative terms, with how many they hold; a window is worth
            // reading when it holds two or more, and only the MaxWindows best are read.
            var hits = _hits;
            hits.Clear();
            foreach (var t in c.Terms)
            {
                Collect(t);
                if (Terms.Related.TryGetValue(t, out var rs))
                {
                    foreach (var r in rs)
                    {
                        Collect(r);
                    }
                }
            }

            if (hits.Count == 0)
            {
                return false;
            }

            double all = 0;
            foreach (var t in c.Terms)
            {
                all += Idf(t);
            }

            if (all == 0)
            {
                return false;
            }

            // The MaxWindows windows with most hits (ties to the earlier claim), kept in a small sorted array.
            var best = new (int Centre, int Hits)[MaxWindows];
            var count = 0;
            foreach (var (centre, own) in hits)
            {
                var n = own + Near(centre - 1, centre) + Near(centre + 1, centre);
                if (n < 2)
                {
                    continue;
                }

                var at = count;
                while (at > 0 && (best[at - 1].Hits < n || (best[at - 1].Hits == n && best[at - 1].Centre > centre)))
                {
                    at--;
                }

                if (at >= MaxWindows)
                {
                    continue;
                }

                for (var k = Math.Min(count, MaxWindows - 1); k > at; k--)
                {
                    best[k] = best[k - 1];
                }

                best[at] = (centre, n);
                count = Math.Min(count + 1, MaxWindows);
            }

            for (var x = 0; x < count; x++)
            {
                var j = best[x].Centre;
                double held = 0, missed = 0;
                var fits = true;
                foreach (var t in c.Terms)
                {
                    var w = Idf(t);
                    if (Held(j, t, window: true))
                    {
                        held += w;
                    }
                    else if ((t[0] == '#' && !IsYearTerm(c, t)) || (missed += w) > (1 - minShare) * all)
                    {
                        // A figure the window does not state, or too much of the claim missing already.
                        fits = false;
                        break;
                    }
                }

                if (fits && held >= minShare * all)
                {
                    return true;
                }
            }

            return false;

            int Near(int k, int j) =>
                k >= 0 && k < _claims.Count && _claims[k].ArticleId == _claims[j].ArticleId && _claims[k].Version == _claims[j].Version
                    ? hits.GetValueOrDefault(k) : 0;

            void Collect(string t)
            {
                if (_postings.TryGetValue(t, out var list) && list.Count <= _maxPostings)
                {
                    foreach (var j in list)
                    {
                        if (_source[j] != source)
                        {
                            hits[j] = hits.GetValueOrDefault(j) + 1;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Whether one article of another source names every anchor of the claim (the last word of each name, month and
        /// weekday names, figures), states each of its figures but years in one claim with the first word of what the
        /// figure counts, and holds <paramref name="minShare"/> or more of its IDF-weighted terms anywhere in its text
        /// (related words and derivatives counting): a fact that article tells in other sentences and other words. A claim
        /// without an anchor, or with fewer than <see cref="MinArticleTerms"/> terms, is not judged this way (its words
        /// alone say too little about which fact it is); a share above 1 turns the test off.
        /// </summary>
        public bool CoveredByArticle(Claim c, string source, double minShare)
        {
            if (c.Anchors.Count == 0 || c.Terms.Count < MinArticleTerms || minShare > 1)
            {
                return false;
            }

            _articleOf ??= Articles();
            double all = 0;
            foreach (var t in c.Terms)
            {
                all += Idf(t);
            }

            if (all == 0)
            {
                return false;
            }

            for (var a = 0; a < _articleTerms!.Count; a++)
            {
                if (_articleSource![a] == source || !c.Anchors.All(x => _articleAnchors![a].Contains(x) || _articleTerms[a].Contains(Terms.Key(x)))
                    || !c.Numbers.All(n => n.IsYear || StatesFigure(a, n)))
                {
                    continue;
                }

                double held = 0, missed = 0;
                var fits = true;
                foreach (var t in c.Terms)
                {
                    var w = Idf(t);
                    if (ArticleHolds(a, t))
                    {
                        held += w;
                    }
                    else if ((missed += w) > (1 - minShare) * all)
                    {
                        fits = false;
                        break;
                    }
                }

                if (fits && held >= minShare * all)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Fewest terms of a claim judged against a whole article: a short claim's few words are found in any long article.</summary>
        private const int MinArticleTerms = 8;

        private int[]? _articleOf;
        private List<HashSet<string>>? _articleTerms;
        private List<HashSet<string>>? _articleAnchors;
        private List<string>? _articleSource;

        /// <summary>Each claim's article number, with each article's terms, anchors and source.</summary>
        private int[] Articles()
        {
            var of = new int[_claims.Count];
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            _articleTerms = [];
            _articleAnchors = [];
            _articleSource = [];
            for (var i = 0; i < _claims.Count; i++)
            {
                var c = _claims[i];
                if (!numbers.TryGetValue(c.ArticleId, out var a))
                {
                    numbers[c.ArticleId] = a = _articleTerms.Count;
                    _articleTerms.Add(new HashSet<string>(StringComparer.Ordinal));
                    _articleAnchors.Add(new HashSet<string>(StringComparer.Ordinal));
                    _articleSource.Add(_source[i]);
                }

                of[i] = a;
                _articleTerms[a].UnionWith(c.Terms);
                _articleAnchors[a].UnionWith(c.Anchors);
            }

            return of;
        }

        /// <summary>Whether one claim of article <paramref name="a"/> states the figure with the first word of what it counts ("17 points").</summary>
        private bool StatesFigure(int a, NumberFact n)
        {
            var unit = n.Unit.Split(' ', 2)[0];
            return _postings.TryGetValue(n.Term, out var list)
                && list.Exists(j => _articleOf![j] == a && (unit.Length == 0 || Held(j, unit, window: false)));
        }

        /// <summary>Whether article <paramref name="a"/> holds the term, a derivative of it or a related word anywhere.</summary>
        private bool ArticleHolds(int a, string t)
        {
            if (_articleTerms![a].Contains(t) || (_derived.TryGetValue(t, out var derived) && derived.Exists(j => _articleOf![j] == a)))
            {
                return true;
            }

            if (Terms.Related.TryGetValue(t, out var related))
            {
                foreach (var r in related)
                {
                    if (_articleTerms[a].Contains(r))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="by"/> states every count of <paramref name="c"/> (a figure of a counted thing: not a
        /// year, an age, a label such as "4:43" or a vague quantity): a claim without "three" does not carry "three
        /// cables were damaged", and one naming only Hillis's 101 yards not "Charles rushed for 226 yards while Hillis
        /// added 101".
        /// </summary>
        public bool StatesCounts(Claim c, Claim by)
        {
            var k = _index[by];
            foreach (var n in c.Numbers)
            {
                if (Comparable(n) && !Held(k, n.Term, window: false))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The IDF-weighted share of <paramref name="c"/>'s terms that <paramref name="by"/> holds (related words and derivatives count; a figure told differently is a conflict, not another fact, so it only weighs).</summary>
        public double Share(Claim c, Claim by)
        {
            var k = _index[by];
            double all = 0, held = 0;
            foreach (var t in c.Terms)
            {
                var w = Idf(t);
                all += w;
                if (Held(k, t, window: false))
                {
                    held += w;
                }
            }

            return all == 0 ? 0 : held / all;
        }

        /// <summary>Whether claim <paramref name="k"/> (with <paramref name="window"/>, or a neighbour of it) holds the term or a related word of it.</summary>
        private bool Held(int k, string t, bool window)
        {
            if (window ? Holds(k, t) : In(k, t))
            {
                return true;
            }

            if (Terms.Related.TryGetValue(t, out var related))
            {
                foreach (var r in related)
                {
                    if (window ? Holds(k, r) : In(k, r))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsYearTerm(Claim c, string t) => c.Numbers.Any(n => n.IsYear && n.Term == t);

        /// <summary>Whether the claim at <paramref name="j"/> or its neighbours in the same article version hold the term.</summary>
        private bool Holds(int j, string t)
        {
            for (var k = Math.Max(0, j - 1); k <= Math.Min(_claims.Count - 1, j + 1); k++)
            {
                if ((k == j || (_claims[k].ArticleId == _claims[j].ArticleId && _claims[k].Version == _claims[j].Version)) && In(k, t))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether claim <paramref name="k"/> holds the term or a derivative of it ("arson" / "arsonist").</summary>
        private bool In(int k, string t) =>
            (_postings.TryGetValue(t, out var list) && list.BinarySearch(k) >= 0)
            || (_derived.TryGetValue(t, out var derived) && derived.BinarySearch(k) >= 0);
    }

    /// <summary>Two term lists that differ in at most one term in ten (Jaccard 0.8 or more).</summary>
    private static bool NearlySame(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (Math.Min(a.Count, b.Count) < 0.8 * Math.Max(a.Count, b.Count))
        {
            return false;
        }

        // Jaccard >= 0.8 means at most (|a| + |b|) / 9 terms of the two are unshared.
        var allowed = (a.Count + b.Count) / 9.0;
        var missing = 0;
        foreach (var t in a)
        {
            var found = false;
            foreach (var u in b)
            {
                if (string.Equals(t, u, StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }
            }

            if (!found && ++missing > allowed)
            {
                return false;
            }
        }

        var common = a.Count - missing;
        return common >= 0.8 * (a.Count + b.Count - common);
    }

    private static double Specificity(Fact f)
    {
        var c = f.Representative;
        return (c.Numbers.Count(n => !n.IsYear) * 2) + c.Numbers.Count(n => n.IsYear) + c.Names.Count - (c.Quoted ? 1 : 0);
    }

    /// <summary>
    /// Two sources state a number for the same thing (same unit, a shared word around it: killed, missing) in similar
    /// claims on the same day, and the numbers differ. Figures of different days are a count that moved, not a conflict.
    /// </summary>
    private const int MaxNumberBucket = 200;

    private IEnumerable<Conflict> NumberConflicts(IReadOnlyList<Claim> claims, Func<string, string> sourceOf, Func<string, DateOnly?> dayOf)
    {
        var withNumbers = claims.Where(c => !c.Total && !c.Past && !c.Part && !c.Fragment && !c.InCaption && c.Numbers.Any(Comparable)).ToList();
        var idf = ClaimAligner.Idf(claims.Select(c => (IReadOnlyList<string>)c.Stems).ToList());
        var found = new Dictionary<string, (Dictionary<double, (string Text, HashSet<string> Articles)> Values, string Unit)>(StringComparer.Ordinal);
        // Candidate pairs share a counted thing: the unit's head word and a word around the number. Buckets larger
        // than MaxNumberBucket (a word every claim of a long financial story shares) propose nothing.
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < withNumbers.Count; i++)
        {
            foreach (var n in withNumbers[i].Numbers.Where(Comparable))
            {
                foreach (var key in n.Context.Select(k => FirstWord(n.Unit) + "|" + k).Distinct(StringComparer.Ordinal))
                {
                    if (!buckets.TryGetValue(key, out var list))
                    {
                        buckets[key] = list = [];
                    }

                    if (list.Count == 0 || list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
            }
        }

        var candidates = new SortedSet<(int, int)>();
        foreach (var list in buckets.Values.Where(l => l.Count is > 1 and <= MaxNumberBucket))
        {
            for (var x = 0; x < list.Count; x++)
            {
                for (var y = x + 1; y < list.Count; y++)
                {
                    candidates.Add((list[x], list[y]));
                }
            }
        }

        foreach (var (i, j) in candidates)
        {
            var a = withNumbers[i];
            var b = withNumbers[j];
            if (sourceOf(a.ArticleId) == sourceOf(b.ArticleId))
            {
                continue;
            }

            // Counts move from day to day: only figures of the same day (or of two undated articles) can conflict.
            if (dayOf(a.ArticleId) != dayOf(b.ArticleId))
            {
                continue;
            }

            // Claims that agree on a figure of a unit and differ on another of it count two groups, not one slot.
            if (a.Numbers.Where(Comparable).Any(x => b.Numbers.Any(y => Comparable(y) && y.Value == x.Value && SameUnit(x, y))))
            {
                continue;
            }

            // The claims must say the same thing apart from the number: similar enough, or similar and about a shared name.
            double? sim = null;
            foreach (var na in a.Numbers.Where(Comparable))
            {
                foreach (var nb in b.Numbers.Where(Comparable))
                {
                    if (!SameUnit(na, nb) || !na.Context.Intersect(nb.Context, StringComparer.Ordinal).Any()
                        || Quantities.Compatible(na.Value, na.Bound, nb.Value, nb.Bound))
                    {
                        continue;
                    }

                    // Neither may state both values (a figure and its correction, two groups of one event).
                    if (a.Numbers.Any(n => n.Value == nb.Value) || b.Numbers.Any(n => n.Value == na.Value))
                    {
                        continue;
                    }

                    // A game has many players: two players' statistics ("eight catches for 101 yards") are one slot only
                    // when both claims name the same people.
                    if (Quantities.IsStatistic(FirstWord(na.Unit)) && !SamePeople(a, b))
                    {
                        continue;
                    }

                    // Worked out once per pair, and only for a pair with two incompatible figures of one unit.
                    sim ??= SameSlot(a, b) ? ClaimAligner.Similarity(a.Stems, b.Stems, idf) : double.NegativeInfinity;

                    if (sim < _options.NumberConflictSimilarity && !(sim >= _options.NumberConflictSimilarity / 2 && SharesName(a, b)))
                    {
                        continue;
                    }

                    var key = FirstWord(na.Unit) + "|" + string.Join(',', na.Context.Intersect(nb.Context, StringComparer.Ordinal).Order(StringComparer.Ordinal));
                    if (!found.TryGetValue(key, out var slot))
                    {
                        found[key] = slot = (new Dictionary<double, (string, HashSet<string>)>(), na.UnitText);
                    }

                    Add(slot.Values, na.Value, a);
                    Add(slot.Values, nb.Value, b);
                }
            }
        }

        foreach (var (key, slot) in found.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var values = slot.Values.OrderBy(v => v.Key).ToList();
            var topic = $"{slot.Unit}: {string.Join(" / ", values.Select(v => v.Key.ToString("0.###", CultureInfo.InvariantCulture)))}";
            yield return new Conflict("number", topic, values.Select(v => new ConflictSide(v.Value.Text, v.Value.Articles.Order(StringComparer.Ordinal).ToList())).ToList());
        }

        static void Add(Dictionary<double, (string Text, HashSet<string> Articles)> values, double value, Claim c)
        {
            if (!values.TryGetValue(value, out var side))
            {
                values[value] = side = (c.Text, new HashSet<string>(StringComparer.Ordinal));
            }

            side.Articles.Add(c.ArticleId);
        }

        static string FirstWord(string unit)
        {
            var sp = unit.IndexOf(' ', StringComparison.Ordinal);
            return Terms.Key(sp < 0 ? unit : unit[..sp]);
        }
    }

    /// <summary>A number that is one event's count of something: not a year, not vague ("hundreds of"), not a label ("7-yard"), with a unit in lower case.</summary>
    private static bool Comparable(NumberFact n) => !n.IsYear && !n.Vague && !n.Label && n.Unit.Length > 0 && n.UnitText.Length > 0 && !char.IsUpper(n.UnitText[0]);

    /// <summary>The same counted thing: the same first unit word (synonyms count as one), and the same second word when both have one ("square metre" is not "square foot").</summary>
    private static bool SameUnit(NumberFact a, NumberFact b)
    {
        var pa = a.Unit.Split(' ');
        var pb = b.Unit.Split(' ');
        return Terms.Key(pa[0]) == Terms.Key(pb[0]) && (pa.Length < 2 || pb.Length < 2 || pa[1] == pb[1]);
    }

    private static bool IsMonth(string anchor) => Terms.CalendarWords.Contains(anchor) && !anchor.EndsWith("day", StringComparison.Ordinal) && anchor != "may";

    /// <summary>Both claims name people, and the same ones (by surname).</summary>
    private static bool SamePeople(Claim a, Claim b) =>
        a.People.Count > 0 && a.People.Select(Surname).ToHashSet(StringComparer.Ordinal).SetEquals(b.People.Select(Surname));

    private static bool SharesName(Claim a, Claim b)
    {
        var namesA = a.Names.Select(Surname).ToHashSet(StringComparer.Ordinal);
        return b.Names.Select(Surname).Any(namesA.Contains);
    }

    /// <summary>
    /// Two claims about the same slot: the same time (the same years, the same month and weekday names where both
    /// give some) and the same people or places (when both name some, at least one in common).
    /// </summary>
    private static bool SameSlot(Claim a, Claim b)
    {
        var yearsA = a.Numbers.Where(n => n.IsYear).Select(n => n.Value).ToHashSet();
        var yearsB = b.Numbers.Where(n => n.IsYear).Select(n => n.Value).ToHashSet();
        if (!yearsA.SetEquals(yearsB))
        {
            return false;
        }

        // A month names another time than the story's days ("missed four games after his injury in October"): the months
        // must be the same ("may" is too often the verb to count). Weekdays must meet where both give one.
        var monthsA = a.Anchors.Where(IsMonth).ToHashSet(StringComparer.Ordinal);
        var monthsB = b.Anchors.Where(IsMonth).ToHashSet(StringComparer.Ordinal);
        if (!monthsA.SetEquals(monthsB))
        {
            return false;
        }

        var whenA = a.Anchors.Where(Terms.CalendarWords.Contains).ToHashSet(StringComparer.Ordinal);
        var whenB = b.Anchors.Where(Terms.CalendarWords.Contains).ToHashSet(StringComparer.Ordinal);
        if (whenA.Count > 0 && whenB.Count > 0 && !whenA.Overlaps(whenB))
        {
            return false;
        }

        return a.Names.Count == 0 || b.Names.Count == 0 || SharesName(a, b);
    }

    /// <summary>
    /// One name spelled two ways by different articles (romanisation: "Jo Chun Yong" / "Jo Chun Ryong"), even two
    /// versions of one wire story: same number of parts, all parts equal but one that differs by one letter, never
    /// both forms in one article. Romanisation digraphs ("Dzhavo" / "Djavo") count as one letter.
    /// Hyphenation and spacing differences ("Kim Jong Un" / "Kim Jong-un") are style, not conflicts.
    /// </summary>
    private static IEnumerable<Conflict> NameConflicts(IReadOnlyList<Claim> claims)
    {
        var byName = new Dictionary<string, (string Display, HashSet<string> Articles)>(StringComparer.Ordinal);
        foreach (var c in claims)
        {
            foreach (var name in c.People)
            {
                var parts = NameParts(name);
                if (parts.Length < 2)
                {
                    continue;
                }

                var key = string.Join(' ', parts);
                if (!byName.TryGetValue(key, out var e))
                {
                    byName[key] = e = (name, new HashSet<string>(StringComparer.Ordinal));
                }

                e.Articles.Add(c.ArticleId);
            }
        }

        var keys = byName.Keys.Order(StringComparer.Ordinal).ToList();
        var split = keys.Select(k => k.Split(' ')).ToList();

        // Candidates differ in exactly one part: they share a bucket of the other parts with that one left out.
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            for (var k = 0; k < split[i].Length; k++)
            {
                var bucket = string.Join(' ', split[i].Select((p, x) => x == k ? "\u0001" : p));
                if (!buckets.TryGetValue(bucket, out var list))
                {
                    buckets[bucket] = list = [];
                }

                list.Add(i);
            }
        }

        var candidates = new SortedSet<(int, int)>();
        foreach (var list in buckets.Values)
        {
            for (var x = 0; x < list.Count; x++)
            {
                for (var y = x + 1; y < list.Count; y++)
                {
                    candidates.Add((list[x], list[y]));
                }
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, j) in candidates)
        {
            var pa = split[i];
            var pb = split[j];
            if (pa.Length != pb.Length || string.Concat(pa) == string.Concat(pb))
            {
                continue;
            }

            var diffs = Enumerable.Range(0, pa.Length).Where(k => pa[k] != pb[k]).ToList();
            if (diffs.Count != 1)
            {
                continue;
            }

            var x = pa[diffs[0]];
            var y = pb[diffs[0]];
            if (Math.Min(x.Length, y.Length) < 3 || (Levenshtein(x, y) > 1 && Terms.PhoneticKey(x) != Terms.PhoneticKey(y)))
            {
                continue;
            }

            // Accents dropped ("Vendôme" / "Vendome"), a plural ("Colt" / "Colts") and a short form ("Steve" / "Steven")
            // are not two spellings of a name.
            if (Fold(x) == Fold(y) || x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal))
            {
                continue;
            }

            var ea = byName[keys[i]];
            var eb = byName[keys[j]];
            if (ea.Articles.Overlaps(eb.Articles))
            {
                continue;
            }

            if (reported.Add(keys[i] + "|" + keys[j]))
            {
                yield return new Conflict("name", $"name: {ea.Display} / {eb.Display}",
                [
                    new ConflictSide(ea.Display, ea.Articles.Order(StringComparer.Ordinal).ToList()),
                    new ConflictSide(eb.Display, eb.Articles.Order(StringComparer.Ordinal).ToList()),
                ]);
            }
        }
    }

    /// <summary>
    /// Statements about the same people and thing with opposite polarity from different sources
    /// ("Peskov confirmed that Putin had accepted" / "Peskov said there are currently no plans").
    /// </summary>
    private static IEnumerable<Conflict> StatementConflicts(IReadOnlyList<Claim> claims, Func<string, string> sourceOf, double minSimilarity)
    {
        Dictionary<string, double>? idf = null;
        // A pair needs a shared stance verb, so claims without one are never candidates; surnames and sources are
        // worked out once per claim.
        var candidates = claims.Where(c => c.Names.Count >= 2 && !c.InCaption && c.Stems.Any(StanceVerbs.Contains))
            .Select(c => (Claim: c, Source: sourceOf(c.ArticleId), Surnames: c.Names.Select(Surname).ToList()))
            .Select(x => (x.Claim, x.Source, x.Surnames, Set: x.Surnames.ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (neg, negSource, negSurnames, negSet) in candidates.Where(c => c.Claim.Negated))
        {
            foreach (var (pos, posSource, posSurnames, posSet) in candidates.Where(c => !c.Claim.Negated))
            {
                if (negSource == posSource || negSet.Count(posSet.Contains) < 2)
                {
                    continue;
                }

                var sharedNames = negSurnames.Intersect(posSurnames, StringComparer.Ordinal).ToList();
                if (sharedNames.Count < 2)
                {
                    continue;
                }

                var sharedStems = neg.Stems.Intersect(pos.Stems, StringComparer.Ordinal)
                    .Where(s => !sharedNames.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
                var stance = neg.Stems.Intersect(pos.Stems, StringComparer.Ordinal).Any(StanceVerbs.Contains);
                if (sharedStems.Count < 1 || !stance)
                {
                    continue;
                }

                // The two must tell the same thing, one side denying it: similar claims, not two sentences that share
                // names and a "plan".
                idf ??= ClaimAligner.Idf(claims.Select(c => (IReadOnlyList<string>)c.Stems).ToList());
                var sim = ClaimAligner.Similarity(neg.Stems, pos.Stems, idf);
                if (sim < minSimilarity)
                {
                    continue;
                }

                var key = string.Join(',', sharedNames.Order(StringComparer.Ordinal));
                if (!reported.Add(key))
                {
                    continue;
                }

                yield return new Conflict("statement", $"statement: {string.Join(", ", sharedNames)}",
                [
                    new ConflictSide(pos.Text, [pos.ArticleId]),
                    new ConflictSide(neg.Text, [neg.ArticleId]),
                ]);
            }
        }
    }

    /// <summary>Stems of verbs that report a stance or a decision (accept, confirm, plan, agree...).</summary>
    private static readonly HashSet<string> StanceVerbs = new(
        ["accept", "confirm", "plan", "agre", "invit", "visit", "deni", "reject", "decid", "announc", "approv", "refus"], StringComparer.Ordinal);


    /// <summary>A word without its accents ("Vendôme" -> "vendome").</summary>
    internal static string Fold(string s)
    {
        var d = s.Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Surname(string name)
    {
        var parts = NameParts(name);
        return parts.Length == 0 ? name.ToLowerInvariant() : parts[^1].Length > 2 ? parts[^1] : parts[0];
    }

    /// <summary>Lower-cased name parts with hyphenated syllables joined ("Kim Jong-un" -> kim, jongun).</summary>
    internal static string[] NameParts(string name) =>
        new string(name.Replace("'s", string.Empty, StringComparison.Ordinal).Replace("’s", string.Empty, StringComparison.Ordinal)
                .Where(c => char.IsLetterOrDigit(c) || c == ' ').ToArray())
            .ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    internal static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
