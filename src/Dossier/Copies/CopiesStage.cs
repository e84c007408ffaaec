using System.Runtime.CompilerServices;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Copies;

/// <summary>
/// Keeps the copies index of a store up to date: after each stored batch, compares each new article with the
/// stored ones (candidates from the index, verified exactly), stores its relations and its signature as the
/// layer <see cref="SignatureLayer"/>. The in-memory index is rebuilt from those layers the first time a store
/// is seen, never from the texts; articles stored without a signature are processed then, in store order.
/// </summary>
public sealed class CopiesStage : IIncrementalStage
{
    /// <summary>The layer holding an article's copy signature: <c>{"v":1,"signature":"base64"}</c>.</summary>
    public const string SignatureLayer = "copies.signature";

    private static readonly ConditionalWeakTable<IArticleStore, StoreIndex> Indexes = [];

    public CopiesStage(CopyComparer? comparer = null)
    {
        Comparer = comparer ?? CopyComparer.Default;
    }

    public CopyComparer Comparer { get; }

    public string Name => "copies";

    public IReadOnlyList<string> After => [];

    public void Apply(IArticleStore store, IReadOnlyList<Article> added)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(added);
        var fresh = added.Where(a => !string.IsNullOrEmpty(a.Id)).ToList();
        var index = Indexes.GetValue(store, _ => new StoreIndex(store, Comparer));
        lock (index)
        {
            var expected = index.Count + fresh.Count(a => !index.Knows(a.Id));
            if (!index.Built || store.Count() != expected)
            {
                // A store holding articles stored after this batch (by other workers) is ahead of the applier.
                var ids = fresh.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
                var workersAhead = store.GetState(StoreStateKeys.QueueFed) is not null;
                index.Rebuild(ids, workersAhead);
            }

            index.Process(fresh);
        }
    }

    /// <summary>Forgets the in-memory index of a store (tests; the next batch rebuilds it from the layers).</summary>
    public static void Forget(IArticleStore store) => Indexes.Remove(store);

    /// <summary>Whether this process's index of <paramref name="store"/> holds the article (so its signature layer is stored).</summary>
    internal static bool Indexed(IArticleStore store, string id)
    {
        if (!Indexes.TryGetValue(store, out var index))
        {
            return false;
        }

        lock (index)
        {
            return index.Built && index.Knows(id);
        }
    }

    /// <summary>Words of recently compared texts kept in memory (about 60 bytes a word).</summary>
    private const long CachedWords = 1_000_000;

    /// <summary>New articles profiled at a time, in parallel, before they are compared one by one in order.</summary>
    private const int ProfileChunk = 256;

    private sealed class StoreIndex(IArticleStore store, CopyComparer comparer)
    {
        private readonly CopyDocCache _cache = new(CachedWords);
        private readonly List<string> _ids = [];
        private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
        private CopyDetector _detector = null!;

        public bool Built { get; private set; }

        public int Count => _ids.Count;

        public bool Knows(string id) => _ordinals.ContainsKey(id);

        public void Rebuild(HashSet<string> pending, bool workersAhead)
        {
            _ids.Clear();
            _ordinals.Clear();
            _cache.Clear();
            _detector = new CopyDetector(Load, comparer);
            Built = true;
            foreach (var info in store.List())
            {
                if (pending.Contains(info.Id))
                {
                    continue;
                }

                var json = store.GetLayer(info.Id, SignatureLayer);
                var signature = json is null ? null : Parse(json);
                if (signature is null)
                {
                    // Not yet through this stage. Stored ahead of the batch being applied: another worker stored it
                    // and the single-writer applier will bring it here in queue order, so it is left alone. Stored
                    // before this stage existed (nothing pending behind it): process it now, in store order.
                    if (!workersAhead && store.Get(info.Id) is { } article)
                    {
                        Process([article]);
                    }

                    continue;
                }

                _ordinals[info.Id] = _ids.Count;
                _ids.Add(info.Id);
                _detector.AddKnown(signature);
            }

        }

        public void Process(IReadOnlyList<Article> articles)
        {
            var relations = new List<ArticleRelation>();
            var layers = new List<LayerRecord>();
            var docs = new CopyDoc[Math.Min(ProfileChunk, articles.Count)];
            for (var from = 0; from < articles.Count; from += ProfileChunk)
            {
                // Profiles are pure functions of the texts: built side by side, then compared in store order.
                var n = Math.Min(ProfileChunk, articles.Count - from);
                Parallel.For(0, n, k => docs[k] = CopyDoc.Of(articles[from + k], comparer.Options.Signature));
                for (var k = 0; k < n; k++)
                {
                    var article = articles[from + k];
                    if (_ordinals.ContainsKey(article.Id))
                    {
                        continue;
                    }

                    var (ordinal, signature, copies) = _detector.Process(docs[k]);
                    _cache.Put(ordinal, docs[k]);
                    _ordinals[article.Id] = ordinal;
                    _ids.Add(article.Id);
                    layers.Add(new LayerRecord(article.Id, SignatureLayer, JsonSerializer.Serialize(new { v = 1, signature = signature.ToBase64() })));
                    relations.AddRange(copies.Select(c => new ArticleRelation(_ids[c.A], _ids[c.B], CopyComparer.Name(c.Match.Kind), c.Match.Score, c.Match.Evidence.ToJson())));
                }
            }

            Array.Clear(docs);

            if (layers.Count > 0)
            {
                store.PutLayers(layers);
            }

            if (relations.Count > 0)
            {
                store.PutRelations(relations);
            }
        }

        private CopyDoc? Load(int ordinal)
        {
            if (ordinal < 0 || ordinal >= _ids.Count)
            {
                return null;
            }

            if (_cache.Get(ordinal) is { } cached)
            {
                return cached;
            }

            if (store.Get(_ids[ordinal]) is not { } article)
            {
                return null;
            }

            var doc = CopyDoc.Of(article, comparer.Options.Signature);
            _cache.Put(ordinal, doc);
            return doc;
        }

        private static CopySignature? Parse(string json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                return doc.RootElement.TryGetProperty("signature", out var s) && s.GetString() is { } b64 ? CopySignature.FromBase64(b64) : null;
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// Fills <c>copies[]</c> of the analysis document: the stored relations between the analysed articles. Articles
/// the incremental stage has not seen (no signature layer) are compared here first, in memory.
/// </summary>
public sealed class CopiesSection : ICorpusStage
{
    public string Name => "copies";

    public IReadOnlyList<Type> Requires => [];

    public IReadOnlyList<string> After => [];

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = context.Articles.Select(a => a.Id).ToList();
        var inSet = ids.ToHashSet(StringComparer.Ordinal);
        var relations = new List<ArticleRelation>();
        var store = context.Store;
        if (ids.Any(id => !CopiesStage.Indexed(store, id) && store.GetLayer(id, CopiesStage.SignatureLayer) is null))
        {
            // Not indexed at ingest: compare the analysed articles among themselves.
            var docs = context.Articles.Select(a => CopyDoc.Of(a.Article)).ToList();
            var detector = new CopyDetector(i => docs[i]);
            foreach (var d in docs)
            {
                var (_, _, copies) = detector.Process(d);
                relations.AddRange(copies.Select(c => new ArticleRelation(ids[c.A], ids[c.B], CopyComparer.Name(c.Match.Kind), c.Match.Score, c.Match.Evidence.ToJson())));
            }
        }
        else
        {
            var seen = new HashSet<(string, string, string)>();
            var touching = RelationsTouching(store, ids);
            foreach (var id in ids)
            {
                foreach (var r in touching(id))
                {
                    if (inSet.Contains(r.A) && inSet.Contains(r.B) && seen.Add((r.A, r.B, r.Kind)))
                    {
                        relations.Add(r);
                    }
                }
            }
        }

        context.Set(new CopyRelations(relations));
        foreach (var r in relations)
        {
            context.Document.Copies.Add(new CopyEntry { A = r.A, B = r.B, Kind = r.Kind, Score = r.Score });
        }
    }

    /// <summary>
    /// The stored relations touching an article, in the store's order (a, b, kind). When the analysed articles are
    /// most of the store, one query reads them all; otherwise one query per article.
    /// </summary>
    private static Func<string, IReadOnlyList<ArticleRelation>> RelationsTouching(IArticleStore store, List<string> ids)
    {
        if (ids.Count < 64 || ids.Count * 2L < store.Count())
        {
            return id => store.GetRelations(id);
        }

        var byId = new Dictionary<string, List<ArticleRelation>>(StringComparer.Ordinal);
        foreach (var r in store.GetRelations())
        {
            Add(r.A, r);
            if (r.B != r.A)
            {
                Add(r.B, r);
            }
        }

        return id => byId.TryGetValue(id, out var l) ? l : [];

        void Add(string id, ArticleRelation r)
        {
            if (!byId.TryGetValue(id, out var l))
            {
                byId[id] = l = [];
            }

            l.Add(r);
        }
    }
}

/// <summary>The copy relations among the analysed articles, for later corpus stages (independent-source counts).</summary>
public sealed record CopyRelations(IReadOnlyList<ArticleRelation> Relations)
{
    public int IndependentSources(IReadOnlyList<string> articles) => CopyGroups.IndependentSources(articles, Relations);
}
