using Dossier.Core;

namespace Dossier.Store;

/// <summary>
/// The one storage contract. Capabilities talk to this, never to SQLite or PostgreSQL. Every backend passes
/// the same test suite (tests/Dossier.Tests/Store/StoreContractTests.cs). Implementations are safe to use
/// from one thread at a time; open one per worker.
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Backend { get; }

    /// <summary>A printable location (file path or connection without password).</summary>
    string Location { get; }

    /// <summary>Adds articles in one transaction. Articles already stored (same id) are left as they are.</summary>
    IngestOutcome AddBatch(IReadOnlyList<Article> articles);

    /// <summary>An article by full id or unique id prefix; null when absent. Throws when the prefix is ambiguous.</summary>
    Article? Get(string idOrPrefix);

    bool Contains(string id);

    long Count();

    /// <summary>Article summaries in ingest order.</summary>
    IReadOnlyList<ArticleInfo> List(int limit = int.MaxValue, int offset = 0);

    /// <summary>Every article in ingest order, streamed.</summary>
    IEnumerable<Article> Enumerate();

    /// <summary>Full-text search over titles and texts (FTS5 / tsvector); article ids, best first.</summary>
    IReadOnlyList<string> Search(string query, int limit = 20);

    /// <summary>Stores per-article annotation layers (JSON), replacing earlier values, in one transaction.</summary>
    void PutLayers(IReadOnlyList<LayerRecord> layers);

    string? GetLayer(string articleId, string layer);

    /// <summary>Stores relations between two articles (copies), replacing the same (a, b, kind).</summary>
    void PutRelations(IReadOnlyList<ArticleRelation> relations);

    /// <summary>Relations touching <paramref name="articleId"/>, or all when null.</summary>
    IReadOnlyList<ArticleRelation> GetRelations(string? articleId = null);

    /// <summary>Replaces the whole story assignment (stories and their members) in one transaction.</summary>
    void ReplaceStories(IReadOnlyList<StoryRecord> stories);

    /// <summary>Adds or updates some stories (their member lists are replaced).</summary>
    void UpsertStories(IReadOnlyList<StoryRecord> stories);

    IReadOnlyList<StoryRecord> GetStories();

    /// <summary>Corpus-level state (indexes, registries, user corrections) under a key; null when absent.</summary>
    string? GetState(string key);

    void PutState(string key, string value);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: every call on this store made inside it joins that
    /// transaction, so the whole of it is committed or none of it (the incremental stages of a batch use this).
    /// Nested calls join the outer transaction. An exception rolls everything back and is rethrown.
    /// </summary>
    void InTransaction(Action work);
}

/// <summary>What one batch did.</summary>
public sealed record IngestOutcome(int Added, int Existing, IReadOnlyList<string> AddedIds);

/// <summary>The listing fields of an article.</summary>
public sealed record ArticleInfo(
    string Id,
    string SourcePath,
    SourceFormat Format,
    string? Outlet,
    DateTimeOffset? Published,
    DateKind PublishedKind,
    string? Dateline,
    string? Title,
    int Length,
    long Sequence);

/// <summary>One annotation layer of one article, as JSON.</summary>
public sealed record LayerRecord(string ArticleId, string Layer, string Json);

/// <summary>A relation between two articles: kind is exact|near|rewrite|version; evidence is JSON.</summary>
public sealed record ArticleRelation(string A, string B, string Kind, double Score, string? Evidence = null);

/// <summary>A story: its stable id, title, member article ids and extra JSON.</summary>
public sealed record StoryRecord(string Id, string Title, IReadOnlyList<string> Articles, string? Json = null);
