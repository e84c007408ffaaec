using System.Runtime.InteropServices;
using Dossier.Core;
using Dossier.Stories.Dense;

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
    /// <param name="counted">Frequencies already counted over <paramref name="features"/> with these options (<see cref="OnlineStoryClusterer.Counted"/>), or null to count them here.</param>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<ArticleFeatures> features, float? threshold = null, Func<int, int>? copyOf = null, OnlineStoryClusterer? counted = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Levels(features, Graph(features, counted), threshold ?? _options.BatchThreshold, copyOf, topics: false).Stories;
    }

    /// <summary>Stories (see <see cref="Cluster"/>) and topics (stories grouped by <see cref="Topics"/>; the stories themselves when <paramref name="topics"/> is false).</summary>
    public (IReadOnlyList<IReadOnlyList<int>> Stories, IReadOnlyList<IReadOnlyList<int>> Topics) ClusterBoth(IReadOnlyList<ArticleFeatures> features, float? threshold = null, Func<int, int>? copyOf = null, bool topics = true)
    {
        ArgumentNullException.ThrowIfNull(features);
        var graph = Graph(features);
        return Levels(features, graph, threshold ?? _options.BatchThreshold, copyOf, topics);
    }

    private (IReadOnlyList<IReadOnlyList<int>> Stories, IReadOnlyList<IReadOnlyList<int>> Topics) Levels(IReadOnlyList<ArticleFeatures> features, SimilarityGraph graph, float threshold, Func<int, int>? copyOf, bool topics)
    {
        var n = features.Count;
        var joinFirst = copyOf is null ? null : Enumerable.Range(0, n).Select(i => (A: copyOf(i), B: i)).Where(p => p.A >= 0 && p.A < n);
        var groups = AverageLinkage.Attach(n, graph.Edges, AverageLinkage.Agglomerate(n, graph.Edges, threshold, joinFirst: joinFirst), _options);
        IReadOnlyList<IReadOnlyList<int>> stories = [.. groups];
        return (stories, topics ? Topics(features, stories, _options.TopicThreshold) : stories);
    }

    /// <summary>The sparse similarity graph: each pair once as (a, b, similarity) with a &lt; b.</summary>
    private sealed record SimilarityGraph((int A, int B, float S)[] Edges);

    /// <summary>Clusters once per threshold, computing the similarity graph only once (threshold sweeps on dev data).</summary>
    public IReadOnlyList<(float Threshold, IReadOnlyList<IReadOnlyList<int>> Groups, IReadOnlyList<IReadOnlyList<int>> Topics)> Sweep(IReadOnlyList<ArticleFeatures> features, IReadOnlyList<float> thresholds)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(thresholds);
        var graph = Graph(features);
        return [.. thresholds.Select(t =>
        {
            var (stories, topics) = Levels(features, graph, t, null, topics: true);
            return (t, stories, topics);
        })];
    }

    /// <summary>The sparse similarity graph of the articles' best neighbours.</summary>
    private SimilarityGraph Graph(IReadOnlyList<ArticleFeatures> features, OnlineStoryClusterer? counted = null)
    {
        var n = features.Count;
        var vocab = counted ?? OnlineStoryClusterer.Counted(features, _options);

        var vectors = new (int[] Ids, float[] Weights, float NameNorm)[n];
        var isName = new bool[vocab.Vocabulary];
        for (var t = 0; t < isName.Length; t++)
        {
            isName[t] = vocab.Term(t).StartsWith('@');
        }

        // The frequencies are final: each article is weighed on its own, in parallel.
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
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
        });

        var days = features.Select(f => f.Published is { } p ? p.UtcDateTime.Ticks / TimeSpan.TicksPerDay : (long?)null).ToArray();

        // Inverted index over each article's top features (by feature id).
        var tops = new int[n][];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i => tops[i] = Top(vectors[i].Ids, vectors[i].Weights, _options.QueryFeatures));
        var postingCount = new int[vocab.Vocabulary];
        foreach (var top in tops)
        {
            foreach (var t in top)
            {
                postingCount[t]++;
            }
        }

        var postings = new int[vocab.Vocabulary][];
        for (var t = 0; t < postings.Length; t++)
        {
            postings[t] = postingCount[t] == 0 ? [] : new int[postingCount[t]];
            postingCount[t] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            foreach (var t in tops[i])
            {
                postings[t][postingCount[t]++] = i;
            }
        }

        // Sparse similarity graph: each article's best neighbours by index overlap, scored in full. Articles are
        // queried in parallel (each worker with its own scratch arrays); the edges are then written in article
        // order, so the graph is the same as a sequential pass.
        var found = new (int J, float S)[n][];
        Parallel.For(
            0,
            n,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            () => new Scratch(n, vocab.Vocabulary),
            (i, _, scratch) =>
            {
                found[i] = Neighbours(i, vectors, tops, postings, isName, days, scratch);
                return scratch;
            },
            _ => { });
        return new SimilarityGraph(Edges(found));
    }

    /// <summary>
    /// Each pair once, as (lower, higher index, similarity). Written in article order, a pair found from both ends
    /// keeps the similarity computed for the later article (the two differ in the last bits when names are blended in).
    /// </summary>
    private static (int A, int B, float S)[] Edges((int J, float S)[][] found)
    {
        var n = found.Length;
        var sorted = new int[n][];
        var total = 0;
        for (var i = 0; i < n; i++)
        {
            var js = new int[found[i].Length];
            for (var k = 0; k < js.Length; k++)
            {
                js[k] = found[i][k].J;
            }

            Array.Sort(js);
            sorted[i] = js;
            total += js.Length;
        }

        var edges = new List<(int A, int B, float S)>(total);
        for (var i = 0; i < n; i++)
        {
            foreach (var (j, s) in found[i])
            {
                if (j < i)
                {
                    edges.Add((j, i, s));
                }
                else if (Array.BinarySearch(sorted[j], i) < 0)
                {
                    // Else the pair is written when article j's neighbours are.
                    edges.Add((i, j, s));
                }
            }
        }

        return [.. edges];
    }

    /// <summary>Per-worker scratch space of <see cref="Neighbours"/>.</summary>
    private sealed class Scratch(int articles, int vocabulary)
    {
        /// <summary>Index overlap per candidate, valid where <see cref="Stamp"/> holds the querying article + 1.</summary>
        public float[] Partial { get; } = new float[articles];

        public int[] Stamp { get; } = new int[articles];

        public List<int> Touched { get; } = [];

        public List<float> TouchedScores { get; } = [];

        public float[] Dense { get; } = new float[vocabulary];

        public float[] NameDense { get; } = new float[vocabulary];
    }

    /// <summary>Article <paramref name="i"/>'s best neighbours by index overlap, each with its full similarity (only those above 0).</summary>
    private (int J, float S)[] Neighbours(int i, (int[] Ids, float[] Weights, float NameNorm)[] vectors, int[][] tops, int[][] postings, bool[] isName, long?[] days, Scratch x)
    {
        var touched = x.Touched;
        var stamp = x.Stamp;
        var partial = x.Partial;
        touched.Clear();
        x.TouchedScores.Clear();
        var (ids, ws, nn) = vectors[i];
        foreach (var t in tops[i])
        {
            var list = postings[t];
            if (list.Length > _options.MaxPosting)
            {
                continue;
            }

            var w = ws[Array.BinarySearch(ids, t)];
            foreach (var j in list)
            {
                if (j != i)
                {
                    if (stamp[j] != i + 1)
                    {
                        stamp[j] = i + 1;
                        partial[j] = 0;
                        touched.Add(j);
                    }

                    partial[j] += w;
                }
            }
        }

        foreach (var j in touched)
        {
            x.TouchedScores.Add(partial[j]);
        }

        var dense = x.Dense;
        var nameDense = x.NameDense;
        var l = _options.NameBlend;
        var blend = l > 0 && nn > 0;
        for (var k = 0; k < ids.Length; k++)
        {
            dense[ids[k]] = ws[k];
            nameDense[ids[k]] = isName[ids[k]] && nn > 0 ? ws[k] / nn : 0;
        }

        // The best neighbours by overlap (ties: lower index first).
        var result = new List<(int J, float S)>(_options.Neighbours);
        foreach (var j in TopK.Ids(CollectionsMarshal.AsSpan(x.Touched), CollectionsMarshal.AsSpan(x.TouchedScores), _options.Neighbours))
        {
            var factor = TimeFactor(days[i], days[j]);
            if (factor <= 0)
            {
                continue;
            }

            var (jids, jws, jnn) = vectors[j];
            float all = 0, names = 0;
            if (blend && jnn > 0)
            {
                for (var k = 0; k < jids.Length; k++)
                {
                    all += dense[jids[k]] * jws[k];
                    if (isName[jids[k]])
                    {
                        names += nameDense[jids[k]] * jws[k] / jnn;
                    }
                }
            }
            else
            {
                // The names' cosine is not blended in: the cosine over all features only.
                for (var k = 0; k < jids.Length; k++)
                {
                    all += dense[jids[k]] * jws[k];
                }
            }

            var s = (nn > 0 && jnn > 0 && l > 0 ? ((1 - l) * all) + (l * names) : all) * factor;
            if (s > 0)
            {
                result.Add((j, s));
            }
        }

        for (var k = 0; k < ids.Length; k++)
        {
            dense[ids[k]] = 0;
            nameDense[ids[k]] = 0;
        }

        return [.. result];
    }

    /// <summary>
    /// Groups stories into topics (stories about one subject: two earthquakes in one region, two signings of one
    /// player): merges the most similar pair of groups while their similarity reaches <paramref name="threshold"/>:
    /// the mean cosine between their members (average linkage, <see cref="StoryOptions.TopicAverage"/>) or else the
    /// cosine of their summed centroids; names, years and numbers weigh <see cref="StoryOptions.TopicNameWeight"/>
    /// and so on. Optionally (off by default: no gain on dev, docs/quality.md) the similarity blends in the mean cosine of
    /// the articles' dense word-vector averages (<see cref="StoryOptions.TopicDenseBlend"/>, <see cref="DenseTopics"/>)
    /// or expands content words with their nearest words (<see cref="StoryOptions.TopicSoftWeight"/>, <see cref="SoftTerms"/>).
    /// Returns groups of article indices. Quadratic in the number of stories, so
    /// meant for evaluation and analysis sets; above 5,000 stories the stories are returned unchanged.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Topics(IReadOnlyList<ArticleFeatures> features, IReadOnlyList<IReadOnlyList<int>> stories, float threshold)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(stories);
        if (stories.Count > 5000)
        {
            return stories;
        }

        // Two stories of one topic differ in who, when and how many: at this level those weigh less.
        var vocab = OnlineStoryClusterer.Counted(features, _options with { NameWeight = _options.TopicNameWeight, YearWeight = _options.TopicYearWeight, NumberWeight = _options.TopicNumberWeight });

        var soft = _options.TopicSoftWeight > 0 ? SoftTerms.Build(vocab.Vocabulary, vocab.Term, StoryWordVectors.Default, _options.TopicSoftNeighbours, _options.TopicSoftCosine) : null;
        var centroids = new List<Dictionary<int, float>>();
        var members = new List<List<int>>();
        foreach (var g in stories)
        {
            var c = new Dictionary<int, float>();
            foreach (var i in g)
            {
                var (ids, ws) = vocab.Vectorize(features[i], minDf: 2);
                if (soft is not null)
                {
                    (ids, ws) = soft.Expand(ids, ws, _options.TopicSoftWeight);
                }

                for (var k = 0; k < ids.Length; k++)
                {
                    c[ids[k]] = c.GetValueOrDefault(ids[k]) + ws[k];
                }
            }

            centroids.Add(c);
            members.Add([.. g]);
        }

        static float Cos(Dictionary<int, float> a, Dictionary<int, float> b)
        {
            var na = Math.Sqrt(a.Values.Sum(v => (double)v * v));
            var nb = Math.Sqrt(b.Values.Sum(v => (double)v * v));
            return na == 0 || nb == 0 ? 0 : (float)(DotOf(a, b) / (na * nb));
        }

        static float Dot(Dictionary<int, float> a, Dictionary<int, float> b) => (float)DotOf(a, b);

        static double DotOf(Dictionary<int, float> a, Dictionary<int, float> b)
        {
            if (a.Count > b.Count)
            {
                (a, b) = (b, a);
            }

            double dot = 0;
            foreach (var (k, v) in a)
            {
                if (b.TryGetValue(k, out var w))
                {
                    dot += v * w;
                }
            }

            return dot;
        }

        var dense = _options.TopicDenseBlend > 0 ? DenseTopics.Sums(features, stories, StoryWordVectors.Default) : null;
        var alive = TopicLinking.From(_options, threshold).Agglomerate(
            stories.Count,
            (a, b) =>
            {
                var s = _options.TopicAverage ? Dot(centroids[a], centroids[b]) / ((float)members[a].Count * members[b].Count) : Cos(centroids[a], centroids[b]);
                return dense is null ? s : DenseTopics.Blend(s, DenseTopics.Average(dense[a], dense[b], members[a].Count, members[b].Count), _options.TopicDenseBlend);
            },
            (a, b) =>
            {
                foreach (var (k, v) in centroids[b])
                {
                    centroids[a][k] = centroids[a].GetValueOrDefault(k) + v;
                }

                if (dense is not null)
                {
                    DenseTopics.Add(dense[a], dense[b]);
                }

                members[a].AddRange(members[b]);
            });

        return [.. members.Where((_, i) => alive[i]).Select(m => (IReadOnlyList<int>)[.. m.Order()]).OrderBy(m => m[0])];
    }

    private float TimeFactor(long? a, long? b) => AverageLinkage.TimeFactor(a, a, b, b, _options);

    private static int[] Top(int[] ids, float[] ws, int k) => TopK.Ids(ids, ws, k);

    /// <summary>Clusters articles and returns article id → story id (founding = earliest article of each group in input order).</summary>
    public Dictionary<string, string> Assign(IReadOnlyList<Article> articles, INameSource? names = null, float? threshold = null) =>
        AssignWithTopics(articles, names, threshold, topics: false).Stories;

    /// <summary>Stories, and topics (stories grouped by <see cref="Topics"/>, id = "t" + founding article) when asked.</summary>
    public (Dictionary<string, string> Stories, Dictionary<string, string>? Topics) AssignWithTopics(IReadOnlyList<Article> articles, INameSource? names = null, float? threshold = null, bool topics = true)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var extractor = new StoryFeatureExtractor(_options, names);
        var features = articles.Select(extractor.Extract).ToList();
        var (groups, topicGroups) = ClusterBoth(features, threshold, topics: topics);
        var stories = Map(articles, groups, "");
        return (stories, topics ? Map(articles, topicGroups, "t") : null);
    }

    private static Dictionary<string, string> Map(IReadOnlyList<Article> articles, IReadOnlyList<IReadOnlyList<int>> groups, string prefix)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var id = prefix + StoryIds.For(articles[g[0]].Id);
            foreach (var i in g)
            {
                map[articles[i].Id] = id;
            }
        }

        return map;
    }
}
