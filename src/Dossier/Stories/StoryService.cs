using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Copies;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Stories;

/// <summary>A story as shown to users and written to the store.</summary>
public sealed record StoryView(
    string Id,
    string Title,
    IReadOnlyList<string> Articles,
    IReadOnlyList<string> Outlets,
    int IndependentSources,
    DateTimeOffset? First,
    DateTimeOffset? Last);

/// <summary>Extra story fields kept in <see cref="StoryRecord.Json"/>.</summary>
public sealed class StoryExtra
{
    [JsonPropertyName("outlets")]
    public List<string> Outlets { get; set; } = [];

    [JsonPropertyName("independent_sources")]
    public int IndependentSources { get; set; }

    [JsonPropertyName("first")]
    public DateTimeOffset? First { get; set; }

    [JsonPropertyName("last")]
    public DateTimeOffset? Last { get; set; }
}

/// <summary>
/// Stories kept in a store: the online clusterer's state (state key <c>stories/clusterer</c>), the user's
/// corrections (<c>stories/corrections</c>) and the resulting story records. Used by the incremental stage, the
/// <c>stories</c>/<c>story</c> verbs and the corpus stage.
/// </summary>
public sealed class StoryService
{
    public const string ClustererKey = "stories/clusterer";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly IArticleStore _store;
    private readonly StoryOptions _options;
    private readonly StoryFeatureExtractor _extractor;
    private readonly Lock _storeReads = new();

    public StoryService(IArticleStore store, StoryOptions? options = null, INameSource? names = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? StoryOptions.Default;
        _extractor = new StoryFeatureExtractor(_options, names);
    }

    public OnlineStoryClusterer LoadClusterer()
    {
        var json = _store.GetState(ClustererKey);
        if (string.IsNullOrEmpty(json))
        {
            return new OnlineStoryClusterer(_options);
        }

        var state = JsonSerializer.Deserialize<ClustererState>(json) ?? new ClustererState();
        return OnlineStoryClusterer.Load(state, _options);
    }

    public void SaveClusterer(OnlineStoryClusterer clusterer)
    {
        ArgumentNullException.ThrowIfNull(clusterer);
        _store.PutState(ClustererKey, Serialize(clusterer));
    }

    private static string Serialize(OnlineStoryClusterer clusterer) => JsonSerializer.Serialize(clusterer.Save(), Json);

    public StoryCorrections LoadCorrections() => StoryCorrections.Parse(_store.GetState(StoryCorrections.StateKey));

    /// <summary>Clusters newly stored articles (in store order) into the persisted stories and rewrites the story records.</summary>
    public void Add(IReadOnlyList<Article> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var clusterer = LoadClusterer();
        var fresh = added.Where(a => !clusterer.Contains(a.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        // One query for the copy relations of a large batch (e.g. analyze's single batch), one per article otherwise.
        var bulk = fresh.Count >= BulkRelations ? CopyRelations(null) : null;
        var features = new Dictionary<string, ArticleFeatures>(StringComparer.Ordinal);
        foreach (var a in fresh)
        {
            var f = _extractor.Extract(a);
            clusterer.Add(f, CopyOf(a.Id, clusterer, bulk));
            if (features.Count < FeatureCache)
            {
                features[a.Id] = f;
            }
        }

        SaveClusterer(clusterer);
        Publish(clusterer, features);
    }

    /// <summary>From this many new articles on, the copy relations are read in one query.</summary>
    private const int BulkRelations = 256;

    /// <summary>Features of at most this many new articles are kept to pick titles without extracting them again.</summary>
    private const int FeatureCache = 50_000;

    /// <summary>Re-clusters every stored article with the batch clusterer; the online state is rebuilt from the result. Corrections still apply.</summary>
    /// <param name="held">Stored articles already in memory (by id), e.g. those <c>analyze</c> just ingested: when it
    /// holds every stored article, the store is not read again.</param>
    /// <param name="keepState">Store the online clusterer's state, from which later ingests continue; false for a store
    /// deleted after this run (<c>analyze</c>'s), where nothing would read it (18 M characters of JSON on Reuters-21578).</param>
    public int Rebuild(Func<string, Article?>? held = null, bool keepState = true)
    {
        List<Article>? articles = null;
        var listed = _store.List();
        if (held is not null)
        {
            articles = [];
            foreach (var info in listed)
            {
                if (held(info.Id) is not { } a)
                {
                    articles = null;
                    break;
                }

                articles.Add(a);
            }
        }

        articles ??= [.. _store.Enumerate()];
        // Extraction is a pure function of the article: in parallel, in order.
        var features = articles.AsParallel().AsOrdered().Select(_extractor.Extract).ToList();
        var index = articles.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var copyOf = CopyIndex(index);
        // The frequencies are counted once: the batch clusterer weighs with them, then the online state is built on them.
        var clusterer = OnlineStoryClusterer.Counted(features, _options);
        int Original(int i) => copyOf.TryGetValue(i, out var o) ? o : -1;
        var groups = new BatchStoryClusterer(_options).Cluster(features, copyOf: Original, counted: clusterer);
        clusterer = OnlineStoryClusterer.FromGroups(features, groups, _options, Original, clusterer);

        // The state is serialised on another thread while the story records are made: both only read the clusterer.
        var state = keepState ? Task.Run(() => Serialize(clusterer)) : null;
        Publish(clusterer, features.Take(FeatureCache).ToDictionary(f => f.ArticleId, StringComparer.Ordinal), listed);
        if (state is not null)
        {
            _store.PutState(ClustererKey, state.GetAwaiter().GetResult());
        }

        return groups.Count;
    }

    /// <summary>Records a merge (the story holding <paramref name="into"/>'s articles absorbs <paramref name="from"/>) and applies it.</summary>
    public StoryView Merge(string into, string from)
    {
        var stories = GetStories();
        var a = Find(stories, into);
        var b = Find(stories, from);
        if (a.Id == b.Id)
        {
            throw new DossierException($"Stories '{into}' and '{from}' are the same story.");
        }

        var corrections = LoadCorrections();
        corrections.Items.Add(new StoryCorrection { Op = "merge", Into = a.Id, IntoAnchor = a.Articles[0], From = b.Id, FromAnchor = b.Articles[0] });
        _store.PutState(StoryCorrections.StateKey, corrections.ToJson());

        // Let later articles see the merged story too.
        var clusterer = LoadClusterer();
        if (clusterer.ClusterOf(a.Articles[0]) is { } ca && clusterer.ClusterOf(b.Articles[0]) is { } cb && ca != cb)
        {
            clusterer.Merge(ca, cb);
            SaveClusterer(clusterer);
        }

        Publish(clusterer);
        return Find(GetStories(), a.Id);
    }

    /// <summary>Records a split (the given articles of a story form a story of their own) and applies it.</summary>
    public StoryView Split(string story, IReadOnlyList<string> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var s = Find(GetStories(), story);
        var ids = new List<string>();
        foreach (var a in articles)
        {
            var full = s.Articles.FirstOrDefault(x => x.StartsWith(a, StringComparison.Ordinal))
                ?? throw new DossierException($"Article '{a}' is not in story '{s.Id}'. Run 'dossier story {s.Id}' to see its articles.");
            ids.Add(full);
        }

        if (ids.Count >= s.Articles.Count)
        {
            throw new DossierException($"Splitting every article out of story '{s.Id}' changes nothing; name only the articles to move.");
        }

        var corrections = LoadCorrections();
        corrections.Items.Add(new StoryCorrection { Op = "split", Articles = ids });
        _store.PutState(StoryCorrections.StateKey, corrections.ToJson());
        Publish(LoadClusterer());
        return GetStories().First(v => v.Articles.Contains(ids[0]));
    }

    /// <summary>Stories in the store, largest first.</summary>
    public IReadOnlyList<StoryView> GetStories() =>
        [.. _store.GetStories().Select(ToView).OrderByDescending(s => s.Articles.Count).ThenBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>A story by id or unique id prefix, or the story holding an article with this id.</summary>
    public static StoryView Find(IReadOnlyList<StoryView> stories, string idOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        var exact = stories.FirstOrDefault(s => s.Id == idOrPrefix);
        if (exact is not null)
        {
            return exact;
        }

        var prefix = stories.Where(s => s.Id.StartsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
        if (prefix.Count == 1)
        {
            return prefix[0];
        }

        if (prefix.Count > 1)
        {
            throw new DossierException($"Story id prefix '{idOrPrefix}' matches {prefix.Count} stories; give more characters.");
        }

        var byArticle = stories.FirstOrDefault(s => s.Articles.Any(a => a.StartsWith(idOrPrefix, StringComparison.Ordinal)));
        if (byArticle is null)
        {
            DossierThrow.Dossier_StoryNotFound(idOrPrefix);
        }

        return byArticle;
    }

    /// <summary>Writes the story records: clusters, then corrections, then titles, outlets and dates from the stored articles.</summary>
    public void Publish(OnlineStoryClusterer clusterer) => Publish(clusterer, null);

    /// <summary>As <see cref="Publish(OnlineStoryClusterer)"/>, with the features of articles already extracted (by id) and the store's listing when already read.</summary>
    private void Publish(OnlineStoryClusterer clusterer, IReadOnlyDictionary<string, ArticleFeatures>? features, IReadOnlyList<ArticleInfo>? listed = null)
    {
        ArgumentNullException.ThrowIfNull(clusterer);
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in clusterer.Clusters)
        {
            if (c.Members.Count > 0)
            {
                groups[c.Id] = [.. c.Members];
            }
        }

        groups = LoadCorrections().Apply(groups);
        var info = (listed ?? _store.List()).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var copies = CopiesByArticle(CopyPairs());
        // Stories are described independently: in parallel (each worker with its own scratch vector), in id order.
        var ordered = groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var records = new StoryRecord[ordered.Count];
        Parallel.For(
            0,
            ordered.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new float[clusterer.Vocabulary],
            (k, _, scratch) =>
            {
                var (id, members) = ordered[k];
                var view = Describe(id, members, x => info.GetValueOrDefault(x), copies, clusterer, features, scratch);
                records[k] = new StoryRecord(view.Id, view.Title, view.Articles, JsonSerializer.Serialize(new StoryExtra
                {
                    Outlets = [.. view.Outlets],
                    IndependentSources = view.IndependentSources,
                    First = view.First,
                    Last = view.Last,
                }, Json));
                return scratch;
            },
            _ => { });
        _store.ReplaceStories(records);
    }

    /// <summary>Describes a group of articles as a story.</summary>
    public StoryView Describe(string id, IReadOnlyList<string> members, Func<string, ArticleInfo?> info, IReadOnlyList<(string A, string B)> copies, OnlineStoryClusterer? clusterer = null) =>
        Describe(id, members, info, CopiesByArticle(copies), clusterer, null, null);

    /// <summary>As <see cref="Describe(string, IReadOnlyList{string}, Func{string, ArticleInfo?}, IReadOnlyList{ValueTuple{string, string}}, OnlineStoryClusterer?)"/>, with the copy pairs indexed once for many stories (<see cref="CopiesByArticle"/>).</summary>
    public StoryView Describe(string id, IReadOnlyList<string> members, Func<string, ArticleInfo?> info, ILookup<string, string> copies) =>
        Describe(id, members, info, copies, null, null, null);

    /// <summary>Copy pairs (a, b) looked up by a, for the stories' independent sources (<see cref="SourceGroups"/>).</summary>
    public static ILookup<string, string> CopiesByArticle(IEnumerable<(string A, string B)> copies) => copies.ToLookup(c => c.A, c => c.B, StringComparer.Ordinal);

    /// <param name="scratch">A zeroed vector of the clusterer's vocabulary size that this call may use (and leaves zeroed); null: the clusterer's own, on one thread only.</param>
    private StoryView Describe(string id, IReadOnlyList<string> members, Func<string, ArticleInfo?> info, ILookup<string, string> copies, OnlineStoryClusterer? clusterer, IReadOnlyDictionary<string, ArticleFeatures>? features, float[]? scratch)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(info);
        var infos = members.Select(info).OfType<ArticleInfo>().ToList();
        var outlets = infos.Select(i => i.Outlet).OfType<string>().Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var dates = infos.Select(i => i.Published).OfType<DateTimeOffset>().ToList();
        return new StoryView(
            id,
            Title(members, infos, clusterer, features, scratch),
            members,
            outlets,
            SourceGroups.Of(members, copies, infos.ToDictionary(i => i.Id, i => i.Outlet, StringComparer.Ordinal).GetValueOrDefault).Groups,
            dates.Count == 0 ? null : dates.Min(),
            dates.Count == 0 ? null : dates.Max());
    }

    /// <summary>The most representative headline: the titled member closest to the story's centroid (else the first titled member, else the first lead sentence).</summary>
    private string Title(IReadOnlyList<string> members, List<ArticleInfo> infos, OnlineStoryClusterer? clusterer, IReadOnlyDictionary<string, ArticleFeatures>? features, float[]? scratch)
    {
        var titled = infos.Where(i => !string.IsNullOrWhiteSpace(i.Title)).Take(20).ToList();
        if (titled.Count > 1 && clusterer?.ClusterOf(titled[0].Id) is { } cluster)
        {
            var best = titled[0];
            var bestScore = float.MinValue;
            foreach (var t in titled)
            {
                var f = features?.GetValueOrDefault(t.Id);
                if (f is null)
                {
                    if (Get(t.Id) is not { } article)
                    {
                        continue;
                    }

                    f = _extractor.Extract(article);
                }

                var (ids, ws) = clusterer.Vectorize(f);
                var s = scratch is null ? clusterer.Similarity(ids, ws, cluster) : OnlineStoryClusterer.Similarity(ids, ws, cluster, scratch);
                if (s > bestScore)
                {
                    best = t;
                    bestScore = s;
                }
            }

            return best.Title!.Trim();
        }

        if (titled.Count > 0)
        {
            return titled[0].Title!.Trim();
        }

        return members.Count > 0 && Get(members[0]) is { } first ? StoryTitle.FromLead(first) : "";
    }

    /// <summary>A stored article; one read at a time (stories are described in parallel).</summary>
    private Article? Get(string id)
    {
        lock (_storeReads)
        {
            return _store.Get(id);
        }
    }

    /// <summary>
    /// The first sentence of an article's newest version, after its dateline ("KELDBY, Sarn (Coastline Press) — " is
    /// page furniture, not headline), at most 160 characters.
    /// </summary>
    public static string LeadSentence(Article article) => CutToLength(FirstSentence(LeadText(article)));

    /// <summary>The text of an article's newest version after its dateline.</summary>
    internal static ReadOnlySpan<char> LeadText(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var latest = article.Latest;
        var start = article.DatelineSpan is { } d && d.Start >= latest.Start && d.End <= latest.End ? d.End : latest.Start;
        return article.Text.AsSpan(start, latest.End - start);
    }

    /// <summary>The first sentence of a text (to its first sentence mark or line end after 20 characters), trimmed.</summary>
    internal static ReadOnlySpan<char> FirstSentence(ReadOnlySpan<char> text)
    {
        var t = text.TrimStart();
        var end = t.Length;
        for (var i = 20; i < t.Length; i++)
        {
            if ((t[i] is '.' or '!' or '?' && (i + 1 == t.Length || char.IsWhiteSpace(t[i + 1]))) || t[i] == '\n')
            {
                end = t[i] == '\n' ? i : i + 1;
                break;
            }
        }

        return t[..end].Trim();
    }

    /// <summary>The first sentence of a text, at most 160 characters (a longer one is cut after a whole word).</summary>
    public static string LeadSentence(ReadOnlySpan<char> text) => CutToLength(FirstSentence(text));

    /// <summary>A sentence of at most 160 characters as it is; a longer one cut after a whole word, with "...".</summary>
    internal static string CutToLength(ReadOnlySpan<char> s)
    {
        if (s.Length <= 160)
        {
            return s.ToString();
        }

        // Cut at the last word boundary that fits, so no word is shown half.
        var cut = s[..158].LastIndexOf(' ');
        return string.Concat(s[..(cut > 80 ? cut : 157)].TrimEnd(" ,;:-".AsSpan()), "...");
    }

    /// <summary>Every copy relation (exact, near, rewrite, version): one lineage counts as one independent source.</summary>
    private List<(string A, string B)> CopyPairs() =>
        [.. _store.GetRelations().Select(r => (r.A, r.B))];

    /// <summary>The earliest already-clustered article this one is an exact or near copy of, if any.</summary>
    private string? CopyOf(string id, OnlineStoryClusterer clusterer, ILookup<string, string>? bulk) =>
        (bulk is null ? CopyRelations(id)[id] : bulk[id])
            .Where(clusterer.Contains)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Exact and near copy relations of one article (or of all when null), both ways: article → the other article.</summary>
    private ILookup<string, string> CopyRelations(string? id) =>
        _store.GetRelations(id)
            .Where(r => r.Kind is "exact" or "near")
            .SelectMany(r => new[] { (r.A, r.B), (r.B, r.A) })
            .ToLookup(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    private Dictionary<int, int> CopyIndex(Dictionary<string, int> index)
    {
        var map = new Dictionary<int, int>();
        foreach (var r in _store.GetRelations().Where(r => r.Kind is "exact" or "near"))
        {
            if (index.TryGetValue(r.A, out var a) && index.TryGetValue(r.B, out var b) && a != b)
            {
                var (orig, copy) = a < b ? (a, b) : (b, a);
                if (!map.TryGetValue(copy, out var o) || orig < o)
                {
                    map[copy] = orig;
                }
            }
        }

        return map;
    }

    private static StoryView ToView(StoryRecord r)
    {
        var extra = string.IsNullOrEmpty(r.Json) ? new StoryExtra() : JsonSerializer.Deserialize<StoryExtra>(r.Json) ?? new StoryExtra();
        return new StoryView(r.Id, r.Title, r.Articles, extra.Outlets, extra.IndependentSources, extra.First, extra.Last);
    }

    /// <summary>ISO 8601 UTC for JSON outputs.</summary>
    public static string? Iso(DateTimeOffset? d) => d?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
