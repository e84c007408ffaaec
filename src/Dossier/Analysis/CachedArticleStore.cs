using Dossier.Core;
using Dossier.Store;

namespace Dossier.Analysis;

/// <summary>
/// A store whose <see cref="Get"/> answers from the articles an analysis run holds in memory (the same articles
/// the store holds: they were stored from these objects), so the copies and stories stages do not read back and
/// re-parse what was just written. Everything else goes to the store. Disposing it leaves the store open.
/// </summary>
internal sealed class CachedArticleStore(IArticleStore inner, Func<string, Article?> held) : IArticleStore
{
    public string Backend => inner.Backend;

    public string Location => inner.Location;

    public IngestOutcome AddBatch(IReadOnlyList<Article> articles) => inner.AddBatch(articles);

    public Article? Get(string idOrPrefix) => held(idOrPrefix) ?? inner.Get(idOrPrefix);

    public bool Contains(string id) => inner.Contains(id);

    public long Count() => inner.Count();

    public IReadOnlyList<ArticleInfo> List(int limit = int.MaxValue, int offset = 0) => inner.List(limit, offset);

    public IEnumerable<Article> Enumerate() => inner.Enumerate();

    public IReadOnlyList<string> Search(string query, int limit = 20) => inner.Search(query, limit);

    public void PutLayers(IReadOnlyList<LayerRecord> layers) => inner.PutLayers(layers);

    public string? GetLayer(string articleId, string layer) => inner.GetLayer(articleId, layer);

    public void PutRelations(IReadOnlyList<ArticleRelation> relations) => inner.PutRelations(relations);

    public IReadOnlyList<ArticleRelation> GetRelations(string? articleId = null) => inner.GetRelations(articleId);

    public void ReplaceStories(IReadOnlyList<StoryRecord> stories) => inner.ReplaceStories(stories);

    public void UpsertStories(IReadOnlyList<StoryRecord> stories) => inner.UpsertStories(stories);

    public IReadOnlyList<StoryRecord> GetStories() => inner.GetStories();

    public string? GetState(string key) => inner.GetState(key);

    public void PutState(string key, string value) => inner.PutState(key, value);

    public void InTransaction(Action work) => inner.InTransaction(work);

    public void Dispose()
    {
        // The wrapped store belongs to the caller.
    }
}
