namespace Dossier.Stories;

/// <summary>
/// The grouping rules of the batch clusterer, shared with the online clusterer's local re-clustering: average
/// linkage over a sparse similarity graph, then small groups joining their nearest larger group. A node may stand
/// for several articles (<c>sizes</c>: a story's frozen part, whose edge weight is the sum of its articles'
/// similarities), so the average between two groups is always per article pair. Deterministic.
/// </summary>
internal static class AverageLinkage
{
    /// <summary>Packs an edge (a &lt; b) into a key.</summary>
    public static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>
    /// Average linkage over a sparse graph (missing pairs count as similarity 0): merges the pair of groups with the
    /// highest mean similarity per article pair while it reaches <paramref name="threshold"/>. Returns groups of node
    /// indices, each ascending, ordered by their first node; a group is merged into the one with the lower first node.
    /// </summary>
    /// <param name="sizes">Articles per node (null = one each).</param>
    /// <param name="joinFirst">Node pairs joined before anything else (copies and their originals).</param>
    public static List<List<int>> Agglomerate(int n, Dictionary<long, float> edges, float threshold, IReadOnlyList<int>? sizes = null, IEnumerable<(int A, int B)>? joinFirst = null) =>
        Agglomerate(n, Pairs(edges), threshold, sizes, joinFirst);

    /// <summary>The edges of a graph keyed by <see cref="Key"/>, as (a, b, similarity).</summary>
    public static (int A, int B, float S)[] Pairs(Dictionary<long, float> edges) =>
        [.. edges.Select(e => ((int)(e.Key >> 32), (int)(e.Key & 0xffffffff), e.Value))];

    /// <summary><see cref="Agglomerate(int, Dictionary{long, float}, float, IReadOnlyList{int}?, IEnumerable{ValueTuple{int, int}}?)"/> over edges (a, b, similarity), each pair once.</summary>
    public static List<List<int>> Agglomerate(int n, ReadOnlySpan<(int A, int B, float S)> edges, float threshold, IReadOnlyList<int>? sizes = null, IEnumerable<(int A, int B)>? joinFirst = null)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        var size = new int[n];
        for (var i = 0; i < n; i++)
        {
            size[i] = sizes?[i] ?? 1;
        }

        var degree = new int[n];
        foreach (var (a, b, _) in edges)
        {
            degree[a]++;
            degree[b]++;
        }

        var adj = new Dictionary<int, double>[n];
        for (var i = 0; i < n; i++)
        {
            adj[i] = new Dictionary<int, double>(degree[i]);
        }

        foreach (var (a, b, s) in edges)
        {
            adj[a][b] = s;
            adj[b][a] = s;
        }

        var alive = Enumerable.Repeat(true, n).ToArray();
        var version = new int[n];
        // Every live pair has one entry with its nodes' current versions and a priority no other pair has, so the
        // order pairs are pushed in does not change the order they come out. A pair below the threshold would only
        // come out after every pair above it, and end the merging: it is not pushed.
        var heap = new PriorityQueue<(int A, int B, int Va, int Vb), (double NegAvg, int A, int B)>();
        void Push(int a, int b, double sum)
        {
            var (x, y) = a < b ? (a, b) : (b, a);
            var avg = sum / ((double)size[x] * size[y]);
            if (avg < threshold)
            {
                return;
            }

            heap.Enqueue((x, y, version[x], version[y]), (-avg, x, y));
        }

        void Join(int a, int b)
        {
            // Merge the later group into the earlier one (its first article founded the story).
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
            foreach (var (x, sum) in adj[into])
            {
                Push(into, x, sum);
            }
        }

        if (joinFirst is not null)
        {
            foreach (var (a, b) in joinFirst)
            {
                var ra = Find(parent, a);
                var rb = Find(parent, b);
                if (ra != rb)
                {
                    Join(ra, rb);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (!alive[i])
            {
                continue;
            }

            foreach (var (j, sum) in adj[i])
            {
                if (j > i)
                {
                    Push(i, j, sum);
                }
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

        return Groups(parent);
    }

    /// <summary>
    /// <see cref="Agglomerate"/> over a dense similarity matrix (row-major, n x n, 0 = no edge), for the small graphs
    /// of a local re-clustering: the same merges in the same order, without the heap and dictionaries.
    /// </summary>
    public static List<List<int>> AgglomerateDense(int n, float[] sims, float threshold, IReadOnlyList<int> sizes)
    {
        var sum = new double[n * n];
        var has = new bool[n * n];
        for (var i = 0; i < n * n; i++)
        {
            sum[i] = sims[i];
            has[i] = sims[i] > 0;
        }

        var size = new double[n];
        var parent = new int[n];
        var alive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            size[i] = sizes[i];
            parent[i] = i;
            alive[i] = true;
        }

        while (true)
        {
            var (ba, bb, bavg) = (-1, -1, double.NegativeInfinity);
            for (var a = 0; a < n; a++)
            {
                if (!alive[a])
                {
                    continue;
                }

                for (var b = a + 1; b < n; b++)
                {
                    if (alive[b] && has[(a * n) + b])
                    {
                        var avg = sum[(a * n) + b] / (size[a] * size[b]);
                        if (avg > bavg)
                        {
                            (ba, bb, bavg) = (a, b, avg);
                        }
                    }
                }
            }

            if (ba < 0 || bavg < threshold)
            {
                break;
            }

            // Merge the later group into the earlier one, as Agglomerate does.
            alive[bb] = false;
            parent[bb] = ba;
            size[ba] += size[bb];
            for (var x = 0; x < n; x++)
            {
                if (!alive[x] || x == ba || !has[(bb * n) + x])
                {
                    continue;
                }

                var v = (has[(ba * n) + x] ? sum[(ba * n) + x] : 0) + sum[(bb * n) + x];
                sum[(ba * n) + x] = v;
                sum[(x * n) + ba] = v;
                has[(ba * n) + x] = true;
                has[(x * n) + ba] = true;
            }
        }

        return Groups(parent);
    }

    /// <summary>
    /// Average linkage leaves outliers (a long article that also covers background, a short one with few words) as
    /// groups of their own. A group of at most <see cref="StoryOptions.AttachSize"/> articles joins the larger group
    /// whose <see cref="StoryOptions.AttachTop"/> most similar articles are, on average, at least
    /// <see cref="StoryOptions.AttachThreshold"/> similar to it (missing neighbours count as 0). A node of several
    /// articles counts as that many articles at its mean similarity.
    /// </summary>
    public static List<List<int>> Attach(int n, Dictionary<long, float> edges, List<List<int>> groups, StoryOptions options, IReadOnlyList<int>? sizes = null) =>
        Attach(n, Pairs(edges), groups, options, sizes);

    /// <summary><see cref="Attach(int, Dictionary{long, float}, List{List{int}}, StoryOptions, IReadOnlyList{int}?)"/> over edges (a, b, similarity), each pair once.</summary>
    public static List<List<int>> Attach(int n, ReadOnlySpan<(int A, int B, float S)> edges, List<List<int>> groups, StoryOptions options, IReadOnlyList<int>? sizes = null)
    {
        if (options.AttachSize <= 0)
        {
            return groups;
        }

        var of = new int[n];
        var groupSize = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var i in groups[g])
            {
                of[i] = g;
                groupSize[g] += sizes?[i] ?? 1;
            }
        }

        var small = new bool[groups.Count];
        var anySmall = false;
        for (var g = 0; g < groups.Count; g++)
        {
            small[g] = groupSize[g] <= options.AttachSize;
            anySmall |= small[g];
        }

        if (!anySmall)
        {
            return groups;
        }

        // Similarities from the small groups' articles to articles of larger groups.
        var sims = new Dictionary<int, Dictionary<int, List<float>>>();
        void Add(int x, int y, float s)
        {
            if (!small[of[x]] || small[of[y]])
            {
                return;
            }

            if (!sims.TryGetValue(of[x], out var per))
            {
                sims[of[x]] = per = [];
            }

            if (!per.TryGetValue(of[y], out var list))
            {
                per[of[y]] = list = [];
            }

            var sx = sizes?[x] ?? 1;
            var sy = sizes?[y] ?? 1;
            var mean = s / (sx * sy);
            for (var k = 0; k < Math.Min(sy, options.AttachTop); k++)
            {
                list.Add(mean);
            }
        }

        foreach (var (a, b, s) in edges)
        {
            Add(a, b, s);
            Add(b, a, s);
        }

        var target = Enumerable.Range(0, groups.Count).ToArray();
        foreach (var (g, per) in sims)
        {
            var best = (G: -1, S: options.AttachThreshold);
            foreach (var (h, list) in per.OrderBy(kv => kv.Key))
            {
                var top = list.OrderDescending().Take(options.AttachTop).Sum() / options.AttachTop;
                if (top >= best.S)
                {
                    best = (h, top);
                }
            }

            if (best.G >= 0)
            {
                target[g] = best.G;
            }
        }

        var merged = new Dictionary<int, List<int>>();
        for (var g = 0; g < groups.Count; g++)
        {
            if (!merged.TryGetValue(target[g], out var list))
            {
                merged[target[g]] = list = [];
            }

            list.AddRange(groups[g]);
        }

        return [.. merged.Values.Select(l => l.Order().ToList()).OrderBy(l => l[0])];
    }

    /// <summary>
    /// The time discount between two articles (or groups spanning days): 1 within <see cref="StoryOptions.WindowDays"/>,
    /// 0 beyond twice that, in between 1 / (1 + excess / <see cref="StoryOptions.DecayDays"/>); 1 when either is undated.
    /// </summary>
    public static float TimeFactor(long? firstA, long? lastA, long? firstB, long? lastB, StoryOptions options)
    {
        if (firstA is not { } fa || lastA is not { } la || firstB is not { } fb || lastB is not { } lb)
        {
            return 1f;
        }

        var gap = Math.Max(0, Math.Max(fa, fb) - Math.Min(la, lb));
        if (gap > options.WindowDays * 2)
        {
            return 0f;
        }

        return (float)(1.0 / (1.0 + (Math.Max(0, gap - options.WindowDays) / options.DecayDays)));
    }

    /// <summary>The groups of a union-find forest: node indices ascending, groups ordered by their first node.</summary>
    private static List<List<int>> Groups(int[] parent)
    {
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < parent.Length; i++)
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
}
