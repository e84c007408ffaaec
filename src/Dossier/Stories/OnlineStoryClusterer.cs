using System.Runtime.InteropServices;

namespace Dossier.Stories;

/// <summary>
/// Single-pass story clustering: each arriving article joins the most similar open story (cosine between its
/// TF-IDF vector and the story centroid, discounted by the time gap) or founds a new one. Document frequencies
/// grow as articles arrive. Candidate stories come from an inverted index over the top centroid features of
/// open stories only, and stories close when no article came for a while, so the cost per article depends on
/// how many stories are open, not on how many there have been. Deterministic: the same articles in the same
/// order give the same stories, however they are batched (state round-trips through <see cref="ClustererState"/>).
/// Not thread-safe.
/// </summary>
public sealed class OnlineStoryClusterer
{
    private readonly StoryOptions _options;
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
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
    private long _docs;
    private string? _lastBest;
    private float _lastBestScore;
    private long _maxDay = long.MinValue;

    public OnlineStoryClusterer(StoryOptions? options = null)
    {
        _options = options ?? StoryOptions.Default;
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
        if (day is { } d && d > _maxDay)
        {
            _maxDay = d;
            CloseExpired();
        }

        if (copyOf is not null && _articleCluster.TryGetValue(copyOf, out var original))
        {
            var oc = _clusters[original];
            oc.AddMember(features.ArticleId, isCopy: true, day);
            _articleCluster[features.ArticleId] = original;
            return oc;
        }

        var (ids, weights) = Vectorize(features, update: true);
        var best = -1;
        var bestScore = 0f;
        if (ids.Length > 0)
        {
            (best, bestScore) = BestCandidate(ids, weights, day);
        }

        _lastBest = best >= 0 ? _clusters[best].Id : null;
        _lastBestScore = bestScore;

        StoryCluster cluster;
        if (best >= 0 && bestScore >= _options.Threshold)
        {
            cluster = _clusters[best];
            Unindex(best);
            cluster.AddMember(features.ArticleId, isCopy: false, day);
            cluster.AddVector(ids, weights, _options.CentroidFeatures);
            Index(best);
            ScheduleExpiry(best);
            best = MergeBridged(best);
            cluster = _clusters[best];
        }
        else
        {
            best = _clusters.Count;
            cluster = new StoryCluster(StoryIds.For(features.ArticleId), features.ArticleId) { Slot = best };
            cluster.AddMember(features.ArticleId, isCopy: false, day);
            cluster.AddVector(ids, weights, _options.CentroidFeatures);
            _clusters.Add(cluster);
            OpenClusters++;
            Index(best);
            ScheduleExpiry(best);
        }

        _articleCluster[features.ArticleId] = best;
        Trace?.Invoke(features.ArticleId, _lastBest, _lastBestScore, cluster.Id);
        return cluster;
    }

    /// <summary>The article's TF-IDF vector (term ids ascending, L2-normalised) under the current frequencies.</summary>
    public (int[] Ids, float[] Weights) Vectorize(ArticleFeatures features, bool update = false, int minDf = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        var fs = features.Features;
        if (update)
        {
            _docs++;
        }

        var n = fs.Count;
        var ids = new int[n];
        var ws = new float[n];
        var m = 0;
        var docs = Math.Max(1, _docs);
        for (var i = 0; i < n; i++)
        {
            var f = fs[i];
            int id;
            if (update)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_termIds, f.Key, out var exists);
                if (!exists)
                {
                    slot = _terms.Count;
                    _terms.Add(f.Key);
                    MarkKind(slot, f.Key);
                    _df.Add(0);
                }

                id = slot;
                _df[id]++;
            }
            else if (!_termIds.TryGetValue(f.Key, out id))
            {
                continue;
            }

            var df = _df[id];
            if (df < minDf)
            {
                continue;
            }

            var idf = MathF.Log((docs + 1f) / (df + 1f)) + 1f;
            var kind = f.Kind switch
            {
                FeatureKind.Name => _options.NameWeight,
                FeatureKind.Number => _options.NumberWeight,
                FeatureKind.Year => _options.YearWeight,
                _ => _options.TermWeight,
            };

            // A feature seen in a single document so far says nothing about similarity yet, except through later arrivals; keep it.
            ids[m] = id;
            ws[m] = (1f + MathF.Log(Math.Max(1f, f.Count))) * f.Zone * idf * kind;
            m++;
        }

        if (m > _options.ArticleFeatures)
        {
            var order = Enumerable.Range(0, m).OrderByDescending(i => ws[i]).ThenBy(i => ids[i]).Take(_options.ArticleFeatures).ToArray();
            ids = [.. order.Select(i => ids[i])];
            ws = [.. order.Select(i => ws[i])];
            m = ids.Length;
        }
        else
        {
            Array.Resize(ref ids, m);
            Array.Resize(ref ws, m);
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
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(cluster);
        EnsureScratch();
        for (var i = 0; i < ids.Length; i++)
        {
            _scratch[ids[i]] = weights[i];
        }

        var s = cluster.Dot(_scratch);
        for (var i = 0; i < ids.Length; i++)
        {
            _scratch[ids[i]] = 0;
        }

        return s;
    }

    /// <summary>Merges story <paramref name="from"/> into <paramref name="into"/> (a user correction).</summary>
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
        into.Absorb(from, _options.CentroidFeatures);
        foreach (var m in into.Members)
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
    /// The article just joined <paramref name="best"/>; other stories it was also similar to are merged with it
    /// when their centroids have become similar enough (the article bridged two parts of one story). The older
    /// story keeps its id.
    /// </summary>
    private int MergeBridged(int best)
    {
        if (_above.Count < 2 || _options.MergeThreshold > 1f)
        {
            _above.Clear();
            return best;
        }

        var others = _above.Where(x => x.Cluster != best).OrderByDescending(x => x.Score).ThenBy(x => x.Cluster).Select(x => x.Cluster).ToList();
        _above.Clear();
        foreach (var o in others)
        {
            var a = _clusters[best];
            var b = _clusters[o];
            if (!b.Open || b.Members.Count == 0 || a.Cosine(b, ref _scratch) < _options.MergeThreshold)
            {
                continue;
            }

            var (into, from) = o < best ? (o, best) : (best, o);
            Merge(_clusters[into], _clusters[from]);
            best = into;
        }

        return best;
    }

    private (int Best, float Score) BestCandidate(int[] ids, float[] weights, long? day)
    {
        _above.Clear();
        EnsureScratch();
        EnsurePartial();
        var q = Math.Min(_options.QueryFeatures, ids.Length);
        var query = Enumerable.Range(0, ids.Length).OrderByDescending(i => weights[i]).ThenBy(i => ids[i]).Take(q);
        foreach (var i in query)
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
            cluster.Open = false;
            OpenClusters--;
        }
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
        for (var i = 0; i < state.Terms.Count; i++)
        {
            c._termIds[state.Terms[i]] = i;
            c.MarkKind(i, state.Terms[i]);
            c._terms.Add(state.Terms[i]);
            c._df.Add(state.DocumentFrequencies[i]);
        }

        for (var i = 0; i < state.Clusters.Count; i++)
        {
            var cluster = StoryCluster.Load(state.Clusters[i]);
            cluster.Slot = i;
            c._clusters.Add(cluster);
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

    /// <summary>
    /// An online clusterer whose stories are the given groups (from the batch clusterer): frequencies over all
    /// articles, each group's centroid the sum of its members' vectors, stories older than the window closed.
    /// Later articles continue from there.
    /// </summary>
    public static OnlineStoryClusterer FromGroups(IReadOnlyList<ArticleFeatures> features, IReadOnlyList<IReadOnlyList<int>> groups, StoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(groups);
        var c = new OnlineStoryClusterer(options);
        foreach (var f in features)
        {
            c.Vectorize(f, update: true);
        }

        foreach (var g in groups)
        {
            var slot = c._clusters.Count;
            var founder = features[g[0]].ArticleId;
            var cluster = new StoryCluster(StoryIds.For(founder), founder) { Slot = slot };
            foreach (var i in g)
            {
                var f = features[i];
                long? day = f.Published is { } p ? p.UtcDateTime.Ticks / TimeSpan.TicksPerDay : null;
                if (day is { } d && d > c._maxDay)
                {
                    c._maxDay = d;
                }

                var (ids, ws) = c.Vectorize(f);
                cluster.AddMember(f.ArticleId, isCopy: false, day);
                cluster.AddVector(ids, ws, c._options.CentroidFeatures);
                c._articleCluster[f.ArticleId] = slot;
            }

            c._clusters.Add(cluster);
            c.OpenClusters++;
            c.Index(slot);
            c.ScheduleExpiry(slot);
        }

        c.CloseExpired();
        return c;
    }

    /// <summary>The feature text of a term id (for explanations).</summary>
    public string Term(int id) => _terms[id];
}
