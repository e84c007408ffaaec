using System.Runtime.InteropServices;

namespace Dossier.Stories;

/// <summary>
/// Incremental story clustering. Each arriving article is compared with the centroids of open stories (found
/// through an inverted index over their top features, discounted by the time gap); the stories it is similar to
/// (its neighbourhood) are re-clustered together with it by the batch rules (<see cref="AverageLinkage"/> over
/// their members' vectors under the current document frequencies), so a story that took in an article of
/// another event of the same kind splits again once that event has articles of its own, and two parts of one
/// event merge. A story's latest <see cref="StoryOptions.LocalMembers"/> members keep their features and may
/// move; older ones are frozen into a summed vector, so the cost per article is bounded and does not grow with
/// the number of stories; stories close when no article came for a while. Ids stay stable: a re-clustered group
/// keeps the id of the story it holds most of (always that of its frozen part). Deterministic: the same articles
/// in the same order give the same stories, however they are batched (state round-trips through
/// <see cref="ClustererState"/>). Not thread-safe.
/// </summary>
public sealed class OnlineStoryClusterer
{
    private readonly StoryOptions _options;

    /// <summary>The options of a local re-clustering: <see cref="StoryOptions.OnlineAttachThreshold"/> as the attach threshold.</summary>
    private readonly StoryOptions _localOptions;
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);

    /// <summary>The term id of each feature (in feature order) of the articles <see cref="Counted"/> counted: weighing them later reads these instead of looking every key up again.</summary>
    private readonly Dictionary<ArticleFeatures, int[]> _countedIds = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _terms = [];
    private readonly List<int> _df = [];
    private readonly List<StoryCluster> _clusters = [];
    private readonly Dictionary<string, int> _articleCluster = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _postings = [];
    private readonly PriorityQueue<int, (long Day, int Cluster)> _expiry = new();
    private float[] _scratch = new float[1024];
    private float[] _partial = new float[1024];
    private float[] _nameScratch = new float[1024];
    private bool[] _isName = new bool[1024];
    private readonly List<int> _touched = [];
    private readonly List<(int Cluster, float Score)> _above = [];
    private readonly HashSet<string> _storyIds = new(StringComparer.Ordinal);
    private long _docs;

    /// <summary>IDF per feature id while the frequencies are final (set by <see cref="Counted"/>, dropped when an article is counted), else null.</summary>
    private float[]? _idfs;
    private string? _lastBest;
    private float _lastBestScore;
    private long _maxDay = long.MinValue;

    /// <summary>The latest article days seen (at most <see cref="StoryOptions.ClockArticles"/>); the earliest of them is the stream's current day.</summary>
    private readonly PriorityQueue<long, long> _latestDays = new();

    public OnlineStoryClusterer(StoryOptions? options = null)
    {
        _options = options ?? StoryOptions.Default;
        _localOptions = _options with { AttachThreshold = _options.OnlineAttachThreshold };
    }

    public StoryOptions Options => _options;

    /// <summary>Called for each added article: article id, best candidate story id (or null), its similarity, the story joined.</summary>
    public Action<string, string?, float, string>? Trace { get; set; }

    /// <summary>Stories in founding order.</summary>
    public IReadOnlyList<StoryCluster> Clusters => _clusters;

    public long Documents => _docs;

    public int Vocabulary => _terms.Count;

    public int OpenClusters { get; private set; }

    /// <summary>Candidate stories scored in full so far (to show the cost per article).</summary>
    public long CandidatesScored { get; private set; }

    /// <summary>The story an article was put in, or null.</summary>
    public StoryCluster? ClusterOf(string articleId) =>
        _articleCluster.TryGetValue(articleId, out var c) ? _clusters[c] : null;

    public bool Contains(string articleId) => _articleCluster.ContainsKey(articleId);

    /// <summary>Adds an article; returns its story. An article already added keeps its story.</summary>
    /// <param name="features">The article's features.</param>
    /// <param name="copyOf">An earlier article this one copies (exact or near copy): it joins that article's story and counts once.</param>
    public StoryCluster Add(ArticleFeatures features, string? copyOf = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (_articleCluster.TryGetValue(features.ArticleId, out var known))
        {
            return _clusters[known];
        }

        long? day = features.Published is { } p ? p.UtcDateTime.Ticks / TimeSpan.TicksPerDay : null;
        if (day is { } d)
        {
            Tick(d);
        }

        if (copyOf is not null && _articleCluster.TryGetValue(copyOf, out var original))
        {
            var oc = _clusters[original];
            oc.AddCopy(features.ArticleId, copyOf);
            _articleCluster[features.ArticleId] = original;
            return oc;
        }

        var member = NewMember(features, day);
        var hood = Neighbourhood(member.Retrieval.Ids, member.Retrieval.Weights, day);
        var cluster = hood.Count == 0 ? Found([member]) : Recluster(member, hood);
        Trace?.Invoke(features.ArticleId, _lastBest, _lastBestScore, cluster.Id);
        return cluster;
    }

    /// <summary>
    /// Advances the stream's clock with an article's day: the current day is the earliest of the
    /// <see cref="StoryOptions.ClockArticles"/> latest days seen, so one misdated article (a download date, a
    /// wrong year) does not close every story; stories past the window close when it moves.
    /// </summary>
    private void Tick(long day)
    {
        var k = Math.Max(1, _options.ClockArticles);
        if (_latestDays.Count < k)
        {
            _latestDays.Enqueue(day, day);
        }
        else if (day > _latestDays.Peek())
        {
            _latestDays.DequeueEnqueue(day, day);
        }
        else
        {
            return;
        }

        var now = _latestDays.Peek();
        if (_latestDays.Count == k && now > _maxDay)
        {
            _maxDay = now;
            CloseExpired();
        }
    }

    /// <summary>
    /// Document frequencies updated with the article, its raw features kept (the <see cref="StoryOptions.ArticleFeatures"/>
    /// heaviest by TF-IDF now) and its vectors computed.
    /// </summary>
    private StoryMember NewMember(ArticleFeatures features, long? day)
    {
        var (terms, raw) = Raw(features, update: true);
        var member = new StoryMember { Id = features.ArticleId, Seq = _docs, Day = day, Terms = terms, Raw = raw };
        Weigh(member);
        return member;
    }

    /// <summary>Feature ids (ascending) and raw weights (TF x zone x kind) of the article's heaviest features under the current frequencies.</summary>
    private (int[] Terms, float[] Raw) Raw(ArticleFeatures features, bool update)
    {
        var fs = features.Features;
        if (update)
        {
            _docs++;
            _idfs = null;
        }

        var counted = update ? null : _countedIds.GetValueOrDefault(features);
        var n = fs.Count;
        var x = Work.For(n);
        var ids = x.Ids;
        var raw = x.Weights;
        var keys = x.Keys;
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            var f = fs[i];
            int id;
            if (counted is not null)
            {
                id = counted[i];
            }
            else if (!TermId(f.Key, update, out id))
            {
                continue;
            }

            ids[m] = id;
            raw[m] = Tf(f.Count) * f.Zone * KindWeight(f.Kind);
            keys[m] = -(raw[m] * Idf(id));
            m++;
        }

        var keep = Math.Min(m, _options.MemberFeatures);
        var order = x.Order;
        var sortKeys = x.Packed;
        for (var i = 0; i < m; i++)
        {
            order[i] = i;

            // Heaviest first, ties by lower id (weights are positive, so their bits order like their values).
            sortKeys[i] = ((long)(uint.MaxValue - BitConverter.SingleToUInt32Bits(-keys[i])) << 32) | (uint)ids[i];
        }

        if (m > keep)
        {
            Array.Sort(sortKeys, order, 0, m);
        }

        var t = new int[keep];
        var w = new float[keep];
        for (var i = 0; i < keep; i++)
        {
            t[i] = ids[order[i]];
            w[i] = raw[order[i]];
        }

        Array.Sort(t, w);
        return (t, w);
    }

    /// <summary>A feature's id; with <paramref name="update"/> a new feature gets one and its document frequency grows by one.</summary>
    private bool TermId(string key, bool update, out int id)
    {
        if (!update)
        {
            return _termIds.TryGetValue(key, out id);
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_termIds, key, out var exists);
        if (!exists)
        {
            slot = _terms.Count;
            _terms.Add(key);
            MarkKind(slot, key);
            _df.Add(0);
        }

        id = slot;
        _df[id]++;
        return true;
    }

    private float KindWeight(FeatureKind kind) => kind switch
    {
        FeatureKind.Name => _options.NameWeight,
        FeatureKind.Number => _options.NumberWeight,
        FeatureKind.Year => _options.YearWeight,
        _ => _options.TermWeight,
    };

    private float Idf(int id) => _idfs is { } idfs ? idfs[id] : ComputeIdf(id);

    private float ComputeIdf(int id) => MathF.Log((Math.Max(1, _docs) + 1f) / (_df[id] + 1f)) + 1f;

    /// <summary>The term-frequency factor 1 + ln(count), from a table for the small whole counts that nearly every feature has.</summary>
    private static float Tf(float count) =>
        count >= 0 && count < TfTable.Length && count == (int)count ? TfTable[(int)count] : 1f + MathF.Log(Math.Max(1f, count));

    private static readonly float[] TfTable = [.. Enumerable.Range(0, 64).Select(k => 1f + MathF.Log(Math.Max(1f, k)))];

    /// <summary>
    /// A member's vectors under the current frequencies: for finding candidates every feature counts; for
    /// re-clustering, as in the batch clusterer, only features seen in two articles or more. Both L2-normalised.
    /// </summary>
    private void Weigh(StoryMember m)
    {
        var n = m.Terms.Length;
        var x = Work.For(n);
        var w = x.Weights;
        var order = x.Order;
        for (var i = 0; i < n; i++)
        {
            w[i] = m.Raw[i] * Idf(m.Terms[i]);
            order[i] = i;
        }

        var keep = _options.ArticleFeatures;
        if (n > keep)
        {
            // Heaviest first, ties by position (weights are not negative, so their bits order like their values).
            var keys = x.Packed;
            for (var i = 0; i < n; i++)
            {
                keys[i] = ((long)(uint.MaxValue - BitConverter.SingleToUInt32Bits(w[i])) << 32) | (uint)i;
            }

            Array.Sort(keys, order, 0, n);
        }

        m.Retrieval = Select(m.Terms, w, order.AsSpan(0, n), keep, 0, x.Ids);
        m.Vector = Select(m.Terms, w, order.AsSpan(0, n), keep, 2, x.Ids);
    }

    /// <summary>
    /// A thread's working arrays for weighing one article (<see cref="Raw"/>, <see cref="Weigh"/>, <see cref="Vectorize"/>):
    /// only the vectors kept are allocated. Each of those methods uses them for one call and calls none of the others.
    /// </summary>
    private sealed class Work
    {
        [ThreadStatic]
        private static Work? t_work;

        private Work(int n)
        {
            Ids = new int[n];
            Weights = new float[n];
            Keys = new float[n];
            Order = new int[n];
            Packed = new long[n];
        }

        public int[] Ids { get; }

        public float[] Weights { get; }

        public float[] Keys { get; }

        public int[] Order { get; }

        public long[] Packed { get; }

        /// <summary>The thread's arrays, at least <paramref name="n"/> long.</summary>
        public static Work For(int n)
        {
            if (t_work is not { } w || w.Ids.Length < n)
            {
                t_work = w = new Work(Math.Max(n, Math.Max(256, (t_work?.Ids.Length ?? 0) * 2)));
            }

            return w;
        }
    }

    /// <summary>The first <paramref name="keep"/> features in <paramref name="order"/> seen in at least <paramref name="minDf"/> articles, in id order, L2-normalised.</summary>
    /// <param name="scratch">Working space at least as long as <paramref name="order"/>.</param>
    private (int[] Ids, float[] Weights) Select(int[] terms, float[] w, ReadOnlySpan<int> order, int keep, int minDf, int[] scratch)
    {
        var count = 0;
        foreach (var i in order)
        {
            if (count == keep)
            {
                break;
            }

            if (_df[terms[i]] >= minDf)
            {
                scratch[count++] = i;
            }
        }

        var ids = scratch.AsSpan(0, count);
        ids.Sort();
        var t = new int[ids.Length];
        var v = new float[ids.Length];
        var norm = 0f;
        for (var k = 0; k < t.Length; k++)
        {
            t[k] = terms[ids[k]];
            v[k] = w[ids[k]];
            norm += v[k] * v[k];
        }

        norm = MathF.Sqrt(norm);
        for (var k = 0; k < v.Length && norm > 0; k++)
        {
            v[k] /= norm;
        }

        return (t, v);
    }

    /// <summary>Counts the article in the document frequencies (as <see cref="Vectorize"/> with update does) without weighing it.</summary>
    public void Count(ArticleFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _docs++;
        _idfs = null;
        foreach (var f in features.Features)
        {
            TermId(f.Key, update: true, out _);
        }
    }

    /// <summary>The article's TF-IDF vector (term ids ascending, L2-normalised) under the current frequencies.</summary>
    public (int[] Ids, float[] Weights) Vectorize(ArticleFeatures features, bool update = false, int minDf = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        var fs = features.Features;
        if (update)
        {
            _docs++;
            _idfs = null;
        }

        var counted = update ? null : _countedIds.GetValueOrDefault(features);
        var n = fs.Count;
        var x = Work.For(n);
        var ids = x.Ids;
        var ws = x.Weights;
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            var f = fs[i];
            int id;
            if (counted is not null)
            {
                id = counted[i];
            }
            else if (!TermId(f.Key, update, out id))
            {
                continue;
            }

            if (_df[id] < minDf)
            {
                continue;
            }

            // A feature seen in a single document so far says nothing about similarity yet, except through later arrivals; keep it.
            ids[m] = id;
            ws[m] = Tf(f.Count) * f.Zone * Idf(id) * KindWeight(f.Kind);
            m++;
        }

        if (m > _options.ArticleFeatures)
        {
            var order = x.Order;
            var keys = x.Keys;
            for (var i = 0; i < m; i++)
            {
                order[i] = i;
                keys[i] = -ws[i];
            }

            Array.Sort(keys, order, 0, m);
            var ti = new int[_options.ArticleFeatures];
            var tw = new float[ti.Length];
            for (var i = 0; i < ti.Length; i++)
            {
                ti[i] = ids[order[i]];
                tw[i] = ws[order[i]];
            }

            ids = ti;
            ws = tw;
            m = ids.Length;
        }
        else
        {
            ids = ids.AsSpan(0, m).ToArray();
            ws = ws.AsSpan(0, m).ToArray();
        }

        Array.Sort(ids, ws);
        var norm = 0f;
        for (var i = 0; i < m; i++)
        {
            norm += ws[i] * ws[i];
        }

        norm = MathF.Sqrt(norm);
        if (norm > 0)
        {
            for (var i = 0; i < m; i++)
            {
                ws[i] /= norm;
            }
        }

        return (ids, ws);
    }

    /// <summary>Cosine similarity between a vector from <see cref="Vectorize"/> and a story's centroid.</summary>
    public float Similarity(int[] ids, float[] weights, StoryCluster cluster)
    {
        EnsureScratch();
        return Similarity(ids, weights, cluster, _scratch);
    }

    /// <summary>As <see cref="Similarity(int[], float[], StoryCluster)"/> with a zeroed scratch vector of at least <see cref="Vocabulary"/> entries (left zeroed), so several threads can score at once.</summary>
    public static float Similarity(int[] ids, float[] weights, StoryCluster cluster, float[] scratch)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(scratch);
        for (var i = 0; i < ids.Length; i++)
        {
            scratch[ids[i]] = weights[i];
        }

        var s = cluster.Dot(scratch);
        for (var i = 0; i < ids.Length; i++)
        {
            scratch[ids[i]] = 0;
        }

        return s;
    }

    /// <summary>
    /// Merges story <paramref name="from"/> into <paramref name="into"/> (a user correction): every member of both is
    /// frozen into one part, so no later re-clustering separates them.
    /// </summary>
    public void Merge(StoryCluster into, StoryCluster from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        var a = into.Slot;
        var b = from.Slot;
        if (a < 0 || b < 0 || a == b || _clusters[a] != into || _clusters[b] != from)
        {
            return;
        }

        Unindex(a);
        Unindex(b);
        foreach (var m in into.Free.Concat(from.Free))
        {
            Weigh(m);
        }

        into.FreezeAll(_options.CentroidFeatures);
        from.FreezeAll(_options.CentroidFeatures);
        var moved = from.Members.ToList();
        into.AbsorbCore(from, _options.CentroidFeatures);
        into.UpdateCentroid(_options.CentroidFeatures, Scratch());
        foreach (var m in moved)
        {
            _articleCluster[m] = a;
        }

        if (from.Open)
        {
            from.Open = false;
            OpenClusters--;
        }

        Index(a);
        ScheduleExpiry(a);
    }

    /// <summary>
    /// Open stories similar to the article (centroid cosine x time discount >= <see cref="StoryOptions.Threshold"/>),
    /// at most <see cref="StoryOptions.LocalStories"/>, most similar first.
    /// </summary>
    private List<int> Neighbourhood(int[] ids, float[] weights, long? day)
    {
        var (best, bestScore) = ids.Length > 0 ? BestCandidate(ids, weights, day) : (-1, 0f);
        _lastBest = best >= 0 ? _clusters[best].Id : null;
        _lastBestScore = bestScore;
        var hood = _above.OrderByDescending(x => x.Score).ThenBy(x => x.Cluster).Take(_options.LocalStories).Select(x => x.Cluster).ToList();
        _above.Clear();
        return hood;
    }

    /// <summary>A new story of the given members (ascending arrival); its id comes from the first member whose id is not taken.</summary>
    private StoryCluster Found(IReadOnlyList<StoryMember> members)
    {
        var founder = members.Select(m => m.Id).FirstOrDefault(id => !_storyIds.Contains(StoryIds.For(id))) ?? members[0].Id;
        var id = StoryIds.For(founder);
        for (var k = 2; _storyIds.Contains(id); k++)
        {
            id = StoryIds.For(founder) + "-" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var slot = _clusters.Count;
        var cluster = new StoryCluster(id, founder) { Slot = slot };
        _clusters.Add(cluster);
        _storyIds.Add(id);
        OpenClusters++;
        Fill(cluster, members);
        return cluster;
    }

    /// <summary>Sets a story's free members (freezing the oldest beyond <see cref="StoryOptions.LocalMembers"/>), its centroid and its index entries.</summary>
    private void Fill(StoryCluster cluster, IReadOnlyList<StoryMember> members)
    {
        cluster.SetFree(members);
        cluster.UpdateCentroid(_options.CentroidFeatures, Scratch());
        Settle(cluster, members);
    }

    /// <summary>After a story took the given members: the oldest beyond <see cref="StoryOptions.LocalMembers"/> frozen, members mapped, index entries and closing date set.</summary>
    private void Settle(StoryCluster cluster, IReadOnlyList<StoryMember> members)
    {
        while (cluster.Free.Count > _options.LocalMembers)
        {
            cluster.FreezeOldest(_options.CentroidFeatures);
        }

        foreach (var m in members)
        {
            _articleCluster[m.Id] = cluster.Slot;
            foreach (var c in m.Copies)
            {
                _articleCluster[c] = cluster.Slot;
            }
        }

        Index(cluster.Slot);
        ScheduleExpiry(cluster.Slot);
    }

    /// <summary>One node of a local re-clustering: a free member, or a story's frozen part (<see cref="Member"/> null).</summary>
    private readonly record struct Node(int Origin, StoryMember? Member, int Size, long? First, long? Last, int[] Ids, float[] Weights);

    /// <summary>
    /// Re-clusters the neighbourhood stories' members with the new article by the batch rules, then maps the groups
    /// back to stories: a group holding frozen parts keeps the id of the largest of them (the others join it); a
    /// group of free members only keeps the id of the story it holds most of (ties: the older story), each id used
    /// once; other groups found new stories. Returns the new article's story.
    /// </summary>
    private StoryCluster Recluster(StoryMember? article, List<int> hood)
    {
        hood.Sort();
        var nodes = new List<Node>(hood.Sum(h => _clusters[h].Free.Count + 1) + 1);
        foreach (var slot in hood)
        {
            var c = _clusters[slot];
            if (c.CoreCount > 0)
            {
                nodes.Add(new Node(slot, null, c.CoreCount, c.CoreFirst, c.CoreLast, c.CoreTerms, c.CoreWeights));
            }

            foreach (var m in c.Free)
            {
                Weigh(m);
                nodes.Add(new Node(slot, m, 1, m.Day, m.Day, m.Vector.Ids, m.Vector.Weights));
            }
        }

        if (article is not null)
        {
            nodes.Add(new Node(-1, article, 1, article.Day, article.Day, article.Vector.Ids, article.Vector.Weights));
        }

        var n = nodes.Count;
        var sims = new float[n * n];
        EnsureScratch();
        for (var i = 0; i < n; i++)
        {
            var a = nodes[i];
            for (var k = 0; k < a.Ids.Length; k++)
            {
                _scratch[a.Ids[k]] = a.Weights[k];
            }

            for (var j = i + 1; j < n; j++)
            {
                var b = nodes[j];
                var factor = AverageLinkage.TimeFactor(a.First, a.Last, b.First, b.Last, _options);
                if (factor <= 0)
                {
                    continue;
                }

                var dot = 0f;
                for (var k = 0; k < b.Ids.Length; k++)
                {
                    dot += _scratch[b.Ids[k]] * b.Weights[k];
                }

                if (dot > 0)
                {
                    sims[(i * n) + j] = sims[(j * n) + i] = dot * factor;
                }
            }

            for (var k = 0; k < a.Ids.Length; k++)
            {
                _scratch[a.Ids[k]] = 0;
            }
        }

        var sizes = nodes.Select(x => x.Size).ToList();
        var groups = AverageLinkage.AgglomerateDense(n, sims, _options.BatchThreshold, sizes);
        var groupSizes = groups.Select(g => g.Sum(i => sizes[i])).ToList();
        if (groupSizes.Any(x => x <= _options.AttachSize) && groupSizes.Any(x => x > _options.AttachSize))
        {
            var edges = new List<(int A, int B, float S)>();
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (sims[(i * n) + j] > 0)
                    {
                        edges.Add((i, j, sims[(i * n) + j]));
                    }
                }
            }

            groups = AverageLinkage.Attach(n, CollectionsMarshal.AsSpan(edges), groups, _localOptions, sizes);
        }

        // Which story each group becomes.
        var pairs = new List<(int Group, int Slot, int Overlap, bool Core)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var cores = groups[g].Where(i => nodes[i].Member is null).Select(i => nodes[i].Origin).ToHashSet();
            foreach (var slot in groups[g].Select(i => nodes[i].Origin).Where(o => o >= 0).Distinct())
            {
                var eligible = cores.Count > 0 ? cores.Contains(slot) : _clusters[slot].CoreCount == 0;
                if (eligible)
                {
                    pairs.Add((g, slot, groups[g].Where(i => nodes[i].Origin == slot).Sum(i => nodes[i].Size), cores.Count > 0));
                }
            }
        }

        var slotOf = Enumerable.Repeat(-1, groups.Count).ToArray();
        var used = new HashSet<int>();
        foreach (var (g, slot, _, _) in pairs.OrderByDescending(x => x.Core).ThenByDescending(x => x.Overlap).ThenBy(x => x.Slot).ThenBy(x => x.Group))
        {
            if (slotOf[g] < 0 && used.Add(slot))
            {
                slotOf[g] = slot;
            }
        }

        StoryCluster? result = null;
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups[g].Select(i => nodes[i].Member).OfType<StoryMember>().OrderBy(m => m.Seq).ToList();
            var hasArticle = article is not null && groups[g].Contains(n - 1);
            StoryCluster cluster;
            if (slotOf[g] >= 0)
            {
                cluster = _clusters[slotOf[g]];
                var others = groups[g].Where(i => nodes[i].Member is null && nodes[i].Origin != slotOf[g]).Select(i => _clusters[nodes[i].Origin]).ToList();
                var kept = others.Count == 0 && members.Count - (hasArticle ? 1 : 0) == cluster.Free.Count && members.Take(cluster.Free.Count).SequenceEqual(cluster.Free);
                if (kept && !hasArticle)
                {
                    // Unchanged: its index entries and centroid stay.
                    continue;
                }

                Unindex(cluster.Slot);
                if (kept)
                {
                    // The story only gained the article: its centroid grows by the article's vector.
                    cluster.Append(article!, _options.CentroidFeatures);
                    Settle(cluster, [article!]);
                }
                else
                {
                    foreach (var other in others)
                    {
                        foreach (var id in other.CoreMembers)
                        {
                            _articleCluster[id] = cluster.Slot;
                        }

                        cluster.AbsorbCore(other, _options.CentroidFeatures);
                    }

                    Fill(cluster, members);
                }
            }
            else
            {
                cluster = Found(members);
            }

            if (hasArticle)
            {
                result = cluster;
            }
        }

        // Stories whose members all went elsewhere.
        foreach (var slot in hood.Where(s => !used.Contains(s)))
        {
            var c = _clusters[slot];
            Unindex(slot);
            c.Clear();
            if (c.Open)
            {
                c.Open = false;
                OpenClusters--;
            }
        }

        return result!;
    }

    private (int Best, float Score) BestCandidate(int[] ids, float[] weights, long? day)
    {
        _above.Clear();
        EnsureScratch();
        EnsurePartial();
        foreach (var i in TopK.Positions(ids, weights, _options.OnlineQueryFeatures))
        {
            if (!_postings.TryGetValue(ids[i], out var list))
            {
                continue;
            }

            foreach (var c in list)
            {
                if (_partial[c] == 0)
                {
                    _touched.Add(c);
                }

                _partial[c] += weights[i];
            }
        }

        var best = -1;
        var bestScore = 0f;
        if (_touched.Count > 0)
        {
            IEnumerable<int> candidates = _touched;
            if (_touched.Count > _options.MaxCandidates)
            {
                candidates = _touched.OrderByDescending(c => _partial[c]).ThenBy(c => c).Take(_options.MaxCandidates).ToList();
            }

            var nameNorm = 0f;
            for (var i = 0; i < ids.Length; i++)
            {
                _scratch[ids[i]] = weights[i];
                if (_isName[ids[i]])
                {
                    nameNorm += weights[i] * weights[i];
                }
            }

            nameNorm = MathF.Sqrt(nameNorm);
            for (var i = 0; i < ids.Length && nameNorm > 0; i++)
            {
                if (_isName[ids[i]])
                {
                    _nameScratch[ids[i]] = weights[i] / nameNorm;
                }
            }

            foreach (var c in candidates)
            {
                var cluster = _clusters[c];
                var factor = TimeFactor(cluster, day);
                if (factor <= 0)
                {
                    continue;
                }

                CandidatesScored++;
                var s = Blend(cluster.Dot2(_scratch, _nameScratch, _isName), nameNorm > 0) * factor;
                if (s >= _options.Threshold)
                {
                    _above.Add((c, s));
                }

                if (s > bestScore || (s == bestScore && best >= 0 && c < best))
                {
                    best = c;
                    bestScore = s;
                }
            }

            for (var i = 0; i < ids.Length; i++)
            {
                _scratch[ids[i]] = 0;
                _nameScratch[ids[i]] = 0;
            }

            foreach (var c in _touched)
            {
                _partial[c] = 0;
            }

            _touched.Clear();
        }

        return (best, bestScore);
    }

    private float TimeFactor(StoryCluster cluster, long? day)
    {
        if (day is not { } d || cluster.FirstDay is not { } first || cluster.LastDay is not { } last)
        {
            return 1f;
        }

        var gap = d < first ? first - d : d > last ? d - last : 0;
        if (gap > _options.WindowDays)
        {
            return 0f;
        }

        return (float)(1.0 / (1.0 + (gap / _options.DecayDays)));
    }

    private void Index(int c)
    {
        var cluster = _clusters[c];
        if (!cluster.Open)
        {
            return;
        }

        cluster.IndexTerms = cluster.TopTerms(_options.IndexFeatures);
        foreach (var t in cluster.IndexTerms)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, t, out _);
            list ??= [];
            list.Add(c);
        }
    }

    private void Unindex(int c)
    {
        var cluster = _clusters[c];
        foreach (var t in cluster.IndexTerms)
        {
            if (_postings.TryGetValue(t, out var list))
            {
                var at = list.LastIndexOf(c);
                if (at >= 0)
                {
                    list[at] = list[^1];
                    list.RemoveAt(list.Count - 1);
                }

                if (list.Count == 0)
                {
                    _postings.Remove(t);
                }
            }
        }

        cluster.IndexTerms = [];
    }

    private void ScheduleExpiry(int c)
    {
        if (_clusters[c].LastDay is { } last)
        {
            _expiry.Enqueue(c, (last, c));
        }
    }

    private void CloseExpired()
    {
        var horizon = _options.WindowDays + _options.CloseAfterDays;
        while (_expiry.TryPeek(out var c, out var key) && key.Day + horizon < _maxDay)
        {
            _expiry.Dequeue();
            var cluster = _clusters[c];
            if (!cluster.Open || cluster.LastDay != key.Day)
            {
                continue;
            }

            Unindex(c);
            cluster.Close();
            OpenClusters--;
        }
    }

    /// <summary>The zeroed dense scratch, vocabulary-sized.</summary>
    private float[] Scratch()
    {
        EnsureScratch();
        return _scratch;
    }

    private void EnsureScratch()
    {
        if (_scratch.Length < _terms.Count)
        {
            Array.Resize(ref _scratch, Math.Max(_terms.Count, _scratch.Length * 2));
        }

        if (_nameScratch.Length < _terms.Count)
        {
            Array.Resize(ref _nameScratch, Math.Max(_terms.Count, _nameScratch.Length * 2));
        }
    }

    private void MarkKind(int id, string key)
    {
        if (_isName.Length <= id)
        {
            Array.Resize(ref _isName, Math.Max(id + 1, _isName.Length * 2));
        }

        _isName[id] = key.Length > 0 && key[0] == '@';
    }

    /// <summary>The similarity used to pick a story: all features, blended with names only when both sides have names.</summary>
    private float Blend((float All, float Names) d, bool articleHasNames)
    {
        var l = _options.NameBlend;
        return articleHasNames && l > 0 ? ((1 - l) * d.All) + (l * d.Names) : d.All;
    }

    private void EnsurePartial()
    {
        if (_partial.Length < _clusters.Count + 1)
        {
            Array.Resize(ref _partial, Math.Max(_clusters.Count + 1, _partial.Length * 2));
        }
    }

    /// <summary>The clusterer's complete state, for persistence.</summary>
    public ClustererState Save() => new()
    {
        Documents = _docs,
        MaxDay = _maxDay,
        LatestDays = [.. _latestDays.UnorderedItems.Select(x => x.Element).Order()],
        Terms = [.. _terms],
        DocumentFrequencies = [.. _df],
        Clusters = [.. _clusters.Select(c => c.Save())],
    };

    /// <summary>Restores a clusterer saved by <see cref="Save"/>.</summary>
    public static OnlineStoryClusterer Load(ClustererState state, StoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var c = new OnlineStoryClusterer(options)
        {
            _docs = state.Documents,
            _maxDay = state.MaxDay,
        };
        foreach (var d in state.LatestDays)
        {
            c._latestDays.Enqueue(d, d);
        }

        for (var i = 0; i < state.Terms.Count; i++)
        {
            c._termIds[state.Terms[i]] = i;
            c.MarkKind(i, state.Terms[i]);
            c._terms.Add(state.Terms[i]);
            c._df.Add(state.DocumentFrequencies[i]);
        }

        for (var i = 0; i < state.Clusters.Count; i++)
        {
            var cluster = StoryCluster.Load(state.Clusters[i], state.Version);
            cluster.Slot = i;
            c._clusters.Add(cluster);
            c._storyIds.Add(cluster.Id);
            foreach (var m in cluster.Members)
            {
                c._articleCluster[m] = i;
            }

            if (cluster.Open)
            {
                c.OpenClusters++;
                cluster.IndexTerms = [];
                c.Index(i);
                c.ScheduleExpiry(i);
            }
        }

        return c;
    }

    /// <summary>A clusterer with no stories whose document frequencies count every given article (as <see cref="Count"/>).</summary>
    public static OnlineStoryClusterer Counted(IReadOnlyList<ArticleFeatures> features, StoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var c = new OnlineStoryClusterer(options);
        foreach (var f in features)
        {
            // As Count, keeping the ids.
            ArgumentNullException.ThrowIfNull(f);
            c._docs++;
            var fs = f.Features;
            var ids = new int[fs.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                c.TermId(fs[i].Key, update: true, out ids[i]);
            }

            c._countedIds[f] = ids;
        }

        // The frequencies are final: each feature's IDF is computed once.
        var idfs = new float[c._terms.Count];
        for (var t = 0; t < idfs.Length; t++)
        {
            idfs[t] = c.ComputeIdf(t);
        }

        c._idfs = idfs;
        return c;
    }

    /// <summary>
    /// An online clusterer whose stories are the given groups (from the batch clusterer): frequencies over all
    /// articles, each group's latest members free and the older ones frozen, stories older than the window closed.
    /// Later articles continue from there.
    /// </summary>
    /// <param name="copyOf">Index of an earlier article this one copies, or -1: a copy in its original's group rides with it.</param>
    /// <param name="counted">The clusterer to fill: <see cref="Counted"/> over <paramref name="features"/> (e.g. the one the batch clusterer used), or null to count them here.</param>
    public static OnlineStoryClusterer FromGroups(IReadOnlyList<ArticleFeatures> features, IReadOnlyList<IReadOnlyList<int>> groups, StoryOptions? options = null, Func<int, int>? copyOf = null, OnlineStoryClusterer? counted = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(groups);
        var c = counted ?? Counted(features, options);

        // The frequencies are final once every article is counted, and a member's weights read only them: the
        // members (articles that are not a copy of an earlier one of their group) are weighed in parallel, then the
        // stories are founded in order.
        var weighed = new StoryMember?[features.Count];
        var isMember = new List<int>();
        foreach (var g in groups)
        {
            var seen = new HashSet<int>();
            foreach (var i in g.Order())
            {
                var o = copyOf?.Invoke(i) ?? -1;
                if (!(o >= 0 && seen.Contains(o)))
                {
                    isMember.Add(i);
                }

                seen.Add(i);
            }
        }

        Parallel.ForEach(isMember, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var f = features[i];
            var (terms, raw) = c.Raw(f, update: false);
            var member = new StoryMember { Id = f.ArticleId, Seq = i + 1, Day = Day(f), Terms = terms, Raw = raw };
            c.Weigh(member);
            weighed[i] = member;
        });

        foreach (var g in groups)
        {
            var members = new List<StoryMember>();
            var byIndex = new Dictionary<int, StoryMember>();
            foreach (var i in g.Order())
            {
                var f = features[i];
                if (Day(f) is { } d)
                {
                    c.Tick(d);
                }

                var o = copyOf?.Invoke(i) ?? -1;
                if (o >= 0 && byIndex.TryGetValue(o, out var original))
                {
                    original.Copies.Add(f.ArticleId);
                    byIndex[i] = original;
                    continue;
                }

                var member = weighed[i]!;
                members.Add(member);
                byIndex[i] = member;
            }

            c.Found(members);
        }

        c.CloseExpired();
        return c;
    }

    private static long? Day(ArticleFeatures f) => f.Published is { } p ? p.UtcDateTime.Ticks / TimeSpan.TicksPerDay : null;

    /// <summary>The feature text of a term id (for explanations).</summary>
    public string Term(int id) => _terms[id];
}
