using System.Collections.Concurrent;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Analysis;

/// <summary>Options of an <see cref="AnalysisRun"/>.</summary>
public sealed record AnalysisRunOptions
{
    public static AnalysisRunOptions Default { get; } = new();

    /// <summary>
    /// Run the incremental stages named in <see cref="Deferrable"/> once after the last batch instead of after each
    /// one. They give the same state either way; once is cheaper for a stage whose every batch redoes work over the
    /// whole store. Only for a store nobody else keeps: a run killed in between leaves stored articles those stages
    /// have not seen.
    /// </summary>
    public bool DeferIncremental { get; init; }

    /// <summary>
    /// With <see cref="DeferIncremental"/>, the incremental stages (by name) that wait for the last batch: by default
    /// the story clustering, whose every batch rewrites every story. The others (the copies index, whose cost per
    /// article is the same in any batch) run after each stored batch, alongside the reading of the next batches and
    /// the annotation of the stored ones. A stage that must come after a deferred one is deferred too.
    /// </summary>
    public IReadOnlyList<string> Deferrable { get; init; } = ["stories"];

    /// <summary>
    /// The store is this run's own and is deleted after it (<c>analyze</c>'s temporary store): state kept only for later
    /// runs on the same store (the online story clusterer's) is not written (<see cref="CorpusContext.Throwaway"/>).
    /// </summary>
    public bool ThrowawayStore { get; init; }

    /// <summary>Threads annotating articles while the ingest goes on.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// A corpus stage that may rebuild, from every stored article, the state an incremental stage keeps (the stories of
/// a small store are re-clustered in batch). An <see cref="AnalysisRun"/> that defers that incremental stage skips
/// it when the rebuild follows: its work would be thrown away.
/// </summary>
public interface IRebuildingCorpusStage : ICorpusStage
{
    /// <summary>The incremental stage (by name) whose state <see cref="ICorpusStage.Run"/> may rebuild.</summary>
    string Rebuilds { get; }

    /// <summary>True when <see cref="ICorpusStage.Run"/> on this store rebuilds that state whatever the incremental stage left.</summary>
    bool RebuildsFrom(IArticleStore store);
}

/// <summary>
/// What <c>dossier analyze</c> does, overlapped: attached to an <see cref="Ingestion.Ingestor"/>, it annotates each
/// stored batch's articles (every per-article stage) on other threads while the next batches are read, cleaned and
/// stored, and runs the incremental stages; <see cref="Finish"/> then runs the corpus stages on the articles as
/// they were ingested (no reload from the store). Gives the same document as ingesting, then
/// <see cref="Analyzer.Run(IArticleStore, IEnumerable{string}, Action{string}?)"/>.
/// </summary>
public sealed class AnalysisRun : IDisposable
{
    private readonly DossierPipeline _pipeline;
    private readonly IArticleStore _store;
    private readonly IArticleStore _cached;
    private readonly AnalysisRunOptions _options;
    private readonly IReadOnlyList<IIncrementalStage> _perBatch;
    private readonly IReadOnlyList<IIncrementalStage> _deferred;
    private readonly Dictionary<string, AnnotatedArticle> _annotated = new(StringComparer.Ordinal);
    private readonly List<Article> _added = [];
    private readonly BlockingCollection<List<AnnotatedArticle>> _queue = new();
    private readonly Task _annotator;
    private Task? _layered;
    private bool _finished;

    public AnalysisRun(IArticleStore store, DossierPipeline? pipeline = null, AnalysisRunOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _cached = new CachedArticleStore(store, id => _annotated.TryGetValue(id, out var a) ? a.Article : null);
        _pipeline = pipeline ?? DossierPipelineBuilder.Default;
        _options = options ?? AnalysisRunOptions.Default;
        var deferred = new HashSet<string>(StringComparer.Ordinal);
        if (_options.DeferIncremental)
        {
            foreach (var s in _pipeline.IncrementalStages)
            {
                if (_options.Deferrable.Contains(s.Name, StringComparer.Ordinal) || s.After.Any(deferred.Contains))
                {
                    deferred.Add(s.Name);
                }
            }
        }

        _perBatch = [.. _pipeline.IncrementalStages.Where(s => !deferred.Contains(s.Name))];
        _deferred = [.. _pipeline.IncrementalStages.Where(s => deferred.Contains(s.Name))];
        _annotator = Task.Factory.StartNew(Annotate, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>A handler for <c>Ingestor.BatchStored</c> (called on the ingest's writer thread, inside the batch's transaction).</summary>
    public void OnBatchStored(IReadOnlyList<Article> batch, IngestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(outcome);
        var added = new HashSet<string>(outcome.AddedIds, StringComparer.Ordinal);
        var work = new List<AnnotatedArticle>();
        var kept = new Dictionary<string, Article>(StringComparer.Ordinal);
        foreach (var a in batch)
        {
            if (!_annotated.ContainsKey(a.Id))
            {
                // An article stored by an earlier run is analysed as stored (as Analyzer.Run would load it). One this
                // batch stored is kept without its input item as read (Article.RawInput): it is in the store and no
                // stage reads it, and every article stays in memory until the end of the run.
                var article = added.Contains(a.Id) ? kept[a.Id] = WithoutRawInput(a) : _store.Get(a.Id) ?? a;
                var x = new AnnotatedArticle(article);
                _annotated[a.Id] = x;
                work.Add(x);
            }
        }

        // The batch's articles are annotated on other threads while the incremental stages run here.
        if (work.Count > 0)
        {
            _queue.Add(work);
        }

        var fresh = batch.Where(a => added.Remove(a.Id)).Select(a => kept.GetValueOrDefault(a.Id, a)).ToList();
        if (_deferred.Count > 0)
        {
            _added.AddRange(fresh);
        }

        if (fresh.Count > 0)
        {
            foreach (var s in _perBatch)
            {
                using (_pipeline.Observe(s))
                {
                    s.Apply(_cached, fresh);
                }
            }
        }
    }

    /// <summary>
    /// After the ingest: runs the deferred incremental stages, then the corpus stages that require no layer, while the
    /// last articles are still being annotated and, once every article is, the corpus stages that read only layers on
    /// another thread and the other corpus stages (<see cref="DossierPipeline.RunOtherStages"/>), on the given articles
    /// (ids in order; duplicates ignored).
    /// </summary>
    public CorpusContext Finish(IEnumerable<string> articleIds, Action<string>? onStage = null)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        if (_finished)
        {
            throw new InvalidOperationException("An analysis run finishes once.");
        }

        _finished = true;
        _queue.CompleteAdding();
        var articles = new List<AnnotatedArticle>();
        var late = new List<AnnotatedArticle>();
        foreach (var id in articleIds.Distinct(StringComparer.Ordinal))
        {
            if (_annotated.TryGetValue(id, out var a))
            {
                articles.Add(a);
            }
            else if (_cached.Get(id) is { } stored)
            {
                var x = new AnnotatedArticle(stored);
                articles.Add(x);
                late.Add(x);
            }
        }

        var context = new CorpusContext(_cached, articles, new AnalysisDocument()) { Throwaway = _options.ThrowawayStore };
        var annotated = _annotator.ContinueWith(
            previous =>
            {
                previous.GetAwaiter().GetResult();
                _pipeline.AnnotateAll(late);
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        _layered = _pipeline.StartLayerStages(context, annotated);
        try
        {
            if (_deferred.Count > 0 && _added.Count > 0)
            {
                // A deferred stage whose state a corpus stage rebuilds from the whole store anyway is skipped (unless
                // another deferred stage reads its state).
                var rebuilt = _pipeline.CorpusStages.OfType<IRebuildingCorpusStage>().Where(c => c.RebuildsFrom(_store)).Select(c => c.Rebuilds).ToHashSet(StringComparer.Ordinal);
                _store.InTransaction(() =>
                {
                    foreach (var s in _deferred)
                    {
                        if (rebuilt.Contains(s.Name) && !_deferred.Any(d => d.After.Contains(s.Name, StringComparer.Ordinal)))
                        {
                            continue;
                        }

                        onStage?.Invoke(s.Name + " (incremental)");
                        using (_pipeline.Observe(s))
                        {
                            s.Apply(_cached, _added);
                        }
                    }
                });
            }

            // The stages that need no layer (articles, copies, the stories rebuild) run while the last articles are
            // being annotated; the others wait for them.
            _pipeline.RunOtherStages(context, onStage, annotated);
        }
        catch
        {
            DossierPipeline.WaitQuietly(_layered);
            throw;
        }

        onStage?.Invoke("layer sections");
        _layered.GetAwaiter().GetResult();
        return context;
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        // Finish reports the failures of the other threads; a run abandoned before Finish has nothing to report.
        DossierPipeline.WaitQuietly(_annotator);
        if (_layered is not null)
        {
            DossierPipeline.WaitQuietly(_layered);
        }

        _queue.Dispose();
    }

    /// <summary>The article as the analysis keeps it: its input item as read (often several times its text) is left to the store.</summary>
    private static Article WithoutRawInput(Article a) => a.RawInput.Length == 0 ? a : a with { RawInput = string.Empty };

    private void Annotate()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) };
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            Parallel.ForEach(batch, options, _pipeline.Annotate);
        }
    }
}
