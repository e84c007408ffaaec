using Dossier.Core;

namespace Dossier.Stories;

/// <summary>
/// Re-clusters a whole corpus at once (<c>dossier stories --rebuild</c>, evaluation): document frequencies from
/// the whole corpus, each article's nearest neighbours found through an inverted index (within the time window),
/// then average-linkage agglomeration over that sparse similarity graph until the best average similarity
/// between two stories falls below the threshold. Unlike the online pass, a late article can bring two early
/// groups together and no decision depends on arrival order. Deterministic.
/// </summary>
public sealed class BatchStoryClusterer
{
    private readonly StoryOptions _options;

    public BatchStoryClusterer(StoryOptions? options = null)
    {
        _options = options ?? StoryOptions.Default;
    }

    /// <summary>Clusters the articles; returns groups of article indices, each group in input order, groups ordered by their first article.</summary>
    /// <param name="features">Article features in corpus order.</param>
    /// <param name="threshold">Average-linkage stopping similarity (default <see cref="StoryOptions.BatchThreshold"/>).</param>
    /// <param name="copyOf">Index of an earlier article this one copies, or -1: copies are joined to their original first.</param>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<ArticleFeatures> features, float? threshold = null, Func<int, int>? copyOf = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var n = features.Count;
        var th = threshold ?? _options.BatchThreshold;
        var vocab = new OnlineStoryClusterer(_options);
        foreach (var f in features)
        {
            vocab.Vectorize(f, update: true);
        }

        var vectors = new (int[] Ids, float[] Weights, float NameNorm)[n];
        var isName = new bool[vocab.Vocabulary];
        for (var t = 0; t < isName.Length; t++)
        {
            isName[t] = vocab.Term(t).StartsWith('@');
        }

        for (var i = 0; i < n; i++)
        {
            var (ids, ws) = vocab.Vectorize(features[i], minDf: 2);
            var nn = 0f;
            for (var k = 0; k < ids.Length; k++)
            {
                if (isName[ids[k]])
                {
                    nn += ws[k] * ws[k];
                }
            }

            vectors[i] = (ids, ws, MathF.Sqrt(nn));
        }

        var days = features.Select(f => f.Published is { } p ? p.UtcDateTime.Ticks / TimeSpan.TicksPerDay : (long?)null).ToArray();

        // Inverted index over each article's top features.
        var postings = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            foreach (var t in Top(vectors[i].Ids, vectors[i].Weights, _options.QueryFeatures))
            {
                if (!postings.TryGetValue(t, out var list))
                {
                    postings[t] = list = [];
                }

                list.Add(i);
            }
        }

        // Sparse similarity graph: each article's best neighbours by index overlap, scored in full.
        var dense = new float[vocab.Vocabulary];
        var nameDense = new float[vocab.Vocabulary];
        var partial = new Dictionary<int, float>();
        var edges = new Dictionary<long, float>();
        for (var i = 0; i < n; i++)
        {
            partial.Clear();
            var (ids, ws, nn) = vectors[i];
            foreach (var t in Top(ids, ws, _options.QueryFeatures))
            {
                var list = postings[t];
                if (list.Count > _options.MaxPosting)
                {
                    continue;
                }

                var w = ws[Array.BinarySearch(ids, t)];
                foreach (var j in list)
                {
                    if (j != i)
                    {
                        partial[j] = partial.GetValueOrDefault(j) + w;
                    }
                }
            }

            for (var k = 0; k < ids.Length; k++)
            {
                dense[ids[k]] = ws[k];
                nameDense[ids[k]] = isName[ids[k]] && nn > 0 ? ws[k] / nn : 0;
            }

            foreach (var j in partial.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(_options.Neighbours).Select(kv => kv.Key))
            {
                var factor = TimeFactor(days[i], days[j]);
                if (factor <= 0)
                {
                    continue;
                }

                var (jids, jws, jnn) = vectors[j];
                float all = 0, names = 0;
                for (var k = 0; k < jids.Length; k++)
                {
                    all += dense[jids[k]] * jws[k];
                    if (jnn > 0 && isName[jids[k]])
                    {
                        names += nameDense[jids[k]] * jws[k] / jnn;
                    }
                }

                var l = _options.NameBlend;
                var s = (nn > 0 && jnn > 0 && l > 0 ? ((1 - l) * all) + (l * names) : all) * factor;
                if (s > 0)
                {
                    edges[Key(Math.Min(i, j), Math.Max(i, j))] = s;
                }
            }

            for (var k = 0; k < ids.Length; k++)
            {
                dense[ids[k]] = 0;
                nameDense[ids[k]] = 0;
            }
        }

        return Agglomerate(n, edges, th, copyOf);
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    private float TimeFactor(long? a, long? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return 1f;
        }

        var gap = Math.Abs(x - y);
        if (gap > _options.WindowDays * 2)
        {
            return 0f;
        }

        return (float)(1.0 / (1.0 + (Math.Max(0, gap - _options.WindowDays) / _options.DecayDays)));
    }

    private static IEnumerable<int> Top(int[] ids, float[] ws, int k) =>
        Enumerable.Range(0, ids.Length).OrderByDescending(i => ws[i]).ThenBy(i => ids[i]).Take(k).Select(i => ids[i]);

    /// <summary>Average linkage over a sparse graph (missing pairs count as similarity 0).</summary>
    private static IReadOnlyList<IReadOnlyList<int>> Agglomerate(int n, Dictionary<long, float> edges, float threshold, Func<int, int>? copyOf)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        var size = Enumerable.Repeat(1, n).ToArray();
        var adj = new Dictionary<int, double>[n];
        for (var i = 0; i < n; i++)
        {
            adj[i] = [];
        }

        foreach (var (k, s) in edges)
        {
            var a = (int)(k >> 32);
            var b = (int)(k & 0xffffffff);
            adj[a][b] = s;
            adj[b][a] = s;
        }

        var alive = Enumerable.Repeat(true, n).ToArray();
        var version = new int[n];
        var heap = new PriorityQueue<(int A, int B, int Va, int Vb), (double NegAvg, int A, int B)>();
        void Push(int a, int b)
        {
            var (x, y) = a < b ? (a, b) : (b, a);
            var avg = adj[x][y] / ((double)size[x] * size[y]);
            heap.Enqueue((x, y, version[x], version[y]), (-avg, x, y));
        }

        void Join(int a, int b)
        {
            // Merge the later cluster into the earlier one (its first article founded the story).
            var (into, from) = a < b ? (a, b) : (b, a);
            alive[from] = false;
            parent[from] = into;
            size[into] += size[from];
            foreach (var (x, s) in adj[from])
            {
                if (x == into)
                {
                    continue;
                }

                adj[x].Remove(from);
                var sum = adj[into].GetValueOrDefault(x) + s;
                adj[into][x] = sum;
                adj[x][into] = sum;
            }

            adj[into].Remove(from);
            adj[from].Clear();
            version[into]++;
            foreach (var x in adj[into].Keys.OrderBy(k => k))
            {
                Push(into, x);
            }
        }

        if (copyOf is not null)
        {
            for (var i = 0; i < n; i++)
            {
                var o = copyOf(i);
                if (o >= 0 && o < n)
                {
                    var ra = Find(parent, o);
                    var rb = Find(parent, i);
                    if (ra != rb)
                    {
                        Join(ra, rb);
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (!alive[i])
            {
                continue;
            }

            foreach (var j in adj[i].Keys.Where(j => j > i).OrderBy(j => j))
            {
                Push(i, j);
            }
        }

        while (heap.TryDequeue(out var e, out var pr))
        {
            if (-pr.NegAvg < threshold)
            {
                break;
            }

            if (!alive[e.A] || !alive[e.B] || version[e.A] != e.Va || version[e.B] != e.Vb)
            {
                continue;
            }

            Join(e.A, e.B);
        }

        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            var r = Find(parent, i);
            if (!groups.TryGetValue(r, out var g))
            {
                groups[r] = g = [];
            }

            g.Add(i);
        }

        return [.. groups.Values.OrderBy(g => g[0])];
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    /// <summary>Clusters articles and returns article id → story id (founding = earliest article of each group in input order).</summary>
    public Dictionary<string, string> Assign(IReadOnlyList<Article> articles, INameSource? names = null, float? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var extractor = new StoryFeatureExtractor(_options, names);
        var features = articles.Select(extractor.Extract).ToList();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in Cluster(features, threshold))
        {
            var id = StoryIds.For(articles[g[0]].Id);
            foreach (var i in g)
            {
                map[articles[i].Id] = id;
            }
        }

        return map;
    }
}
