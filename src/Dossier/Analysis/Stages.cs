using Dossier.Store;

namespace Dossier.Analysis;

/// <summary>A per-article stage: a pure function of the article and earlier layers. Must be thread-safe.</summary>
public interface IArticleStage
{
    string Name { get; }

    /// <summary>Layer types this stage reads.</summary>
    IReadOnlyList<Type> Requires { get; }

    /// <summary>Layer types this stage adds.</summary>
    IReadOnlyList<Type> Provides { get; }

    void Run(AnnotatedArticle article);
}

/// <summary>A corpus-level stage: reads every annotated article and the store, fills its sections of the document.</summary>
public interface ICorpusStage
{
    string Name { get; }

    /// <summary>
    /// Layer types this stage reads. A stage that requires none may run while the articles are still being annotated
    /// (<see cref="AnalysisRun"/>); if it reads a layer when present, it calls <see cref="CorpusContext.WaitForLayers"/> first.
    /// </summary>
    IReadOnlyList<Type> Requires { get; }

    /// <summary>Names of corpus stages that must run before this one.</summary>
    IReadOnlyList<string> After { get; }

    /// <summary>
    /// True when <see cref="Run"/> reads nothing but the articles and their layers (not the store, not what other
    /// corpus stages wrote) and writes only its own sections: the pipeline may then run it on another thread,
    /// alongside the other stages, as soon as every article is annotated.
    /// </summary>
    bool ReadsLayersOnly => false;

    /// <summary>
    /// True when <see cref="Run"/> reads nothing but the articles, their layers and what the stages named in
    /// <see cref="After"/> (and those they come after) wrote, not the store, and writes only its own sections, results
    /// and layers that only stages after it read: the pipeline may then run it on another thread as soon as those
    /// stages are done, alongside the stages that do not depend on it.
    /// </summary>
    bool ReadsAfterOnly => false;

    void Run(CorpusContext context);
}

/// <summary>What a corpus stage sees: the store, the annotated articles of this run, the document being built.</summary>
public sealed class CorpusContext
{
    public CorpusContext(IArticleStore store, IReadOnlyList<AnnotatedArticle> articles, AnalysisDocument document)
    {
        Store = store;
        Articles = articles;
        Document = document;
        ById = articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public IArticleStore Store { get; }

    /// <summary>The store is deleted after this run: what only a later run on it would read need not be written.</summary>
    public bool Throwaway { get; init; }

    public IReadOnlyList<AnnotatedArticle> Articles { get; }

    public IReadOnlyDictionary<string, AnnotatedArticle> ById { get; }

    public AnalysisDocument Document { get; }

    /// <summary>Corpus-level results shared between corpus stages, keyed by type.</summary>
    public Dictionary<Type, object> Results { get; } = [];

    /// <summary>
    /// A result an earlier corpus stage set; null when none did. Asked while the stages that read only layers are
    /// still running alongside (<see cref="ICorpusStage.ReadsLayersOnly"/>), a result not yet set is waited for, so
    /// the answer is the same as when every stage runs in order.
    /// </summary>
    public T? Get<T>()
        where T : class
    {
        lock (Results)
        {
            if (Results.TryGetValue(typeof(T), out var v))
            {
                return (T)v;
            }
        }

        if (Alongside is { IsCompleted: false } running && Task.CurrentId != running.Id)
        {
            running.GetAwaiter().GetResult();
            return Get<T>();
        }

        return null;
    }

    /// <summary>The corpus stages running alongside the others, while they run.</summary>
    internal Task? Alongside { get; set; }

    /// <summary>Done when every article of the run is annotated (null: they were before the corpus stages started).</summary>
    internal Task? Annotated { get; set; }

    /// <summary>
    /// Waits until every article has all its layers. Only a stage that requires no layer (it may run while the articles
    /// are still being annotated) and reads one when present needs this.
    /// </summary>
    public void WaitForLayers() => Annotated?.GetAwaiter().GetResult();

    public void Set<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (Results)
        {
            Results[typeof(T)] = value;
        }
    }
}

/// <summary>
/// Corpus-level state kept up to date as articles arrive (the copies index, the story clustering), so nothing
/// needs a full rebuild. Called after each stored batch with the articles that batch added, in store order.
/// Must give the same state whether articles arrive in one batch or many (workers rely on this).
/// </summary>
public interface IIncrementalStage
{
    string Name { get; }

    /// <summary>Names of incremental stages that must run before this one.</summary>
    IReadOnlyList<string> After { get; }

    void Apply(IArticleStore store, IReadOnlyList<Core.Article> added);
}

/// <summary>Store state keys shared by capabilities.</summary>
public static class StoreStateKeys
{
    /// <summary>
    /// Present when the store is fed by the work queue: workers store articles ahead of the single-writer step that
    /// runs the incremental stages, so a stage must not process stored articles it has not been handed.
    /// </summary>
    public const string QueueFed = "workers/queue-fed";
}
