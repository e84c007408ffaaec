using System.Collections.Concurrent;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Analysis;

/// <summary>Options of an <see cref="AnalysisRun"/>.</summary>
public sealed record AnalysisRunOptions
{
    public static AnalysisRunOptions Default { get; } = new();

    /// <summary>
    /// Run the incremental stages (copies, stories) once after the last batch instead of after each one. They give
    /// the same state either way; once is cheaper (each story rewrite happens once). Only for a store nobody else
    /// keeps: a run killed in between leaves stored articles those stages have not seen.
    /// </summary>
    public bool DeferIncremental { get; init; }

    /// <summary>Threads annotating articles while the ingest goes on.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
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
    private readonly Dictionary<string, AnnotatedArticle> _annotated = new(StringComparer.Ordinal);
    private readonly List<Article> _deferred = [];
    private readonly BlockingCollection<List<AnnotatedArticle>> _queue = new();
    private readonly Task _annotator;
    private bool _finished;

    public AnalysisRun(IArticleStore store, DossierPipeline? pipeline = null, AnalysisRunOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _cached = new CachedArticleStore(store, id => _annotated.TryGetValue(id, out var a) ? a.Article : null);
        _pipeline = pipeline ?? DossierPipelineBuilder.Default;
        _options = options ?? AnalysisRunOptions.Default;
        _annotator = Task.Factory.StartNew(Annotate, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>A handler for <c>Ingestor.BatchStored</c> (called on the ingest's writer thread, inside the batch's transaction).</summary>
    public void OnBatchStored(IReadOnlyList<Article> batch, IngestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(outcome);
        var added = new HashSet<string>(outcome.AddedIds, StringComparer.Ordinal);
        var work = new List<AnnotatedArticle>();
        foreach (var a in batch)
        {
            if (!_annotated.ContainsKey(a.Id))
            {
                // An article stored by an earlier run is analysed as stored (as Analyzer.Run would load it).
                var article = added.Contains(a.Id) ? a : _store.Get(a.Id) ?? a;
                var x = new AnnotatedArticle(article);
                _annotated[a.Id] = x;
                work.Add(x);
            }
        }

        var fresh = batch.Where(a => added.Remove(a.Id)).ToList();
        if (_options.DeferIncremental)
        {
            _deferred.AddRange(fresh);
        }
        else
        {
            _pipeline.ApplyIncremental(_cached, fresh);
        }

        if (work.Count > 0)
        {
            _queue.Add(work);
        }
    }

    /// <summary>
    /// After the ingest: runs the deferred incremental stages (while the last articles are still being annotated),
    /// then every corpus stage on the given articles (ids in order; duplicates ignored).
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
        if (_deferred.Count > 0)
        {
            _store.InTransaction(() =>
            {
                foreach (var s in _pipeline.IncrementalStages)
                {
                    onStage?.Invoke(s.Name + " (incremental)");
                    s.Apply(_cached, _deferred);
                }
            });
        }

        onStage?.Invoke("annotate");
        _annotator.GetAwaiter().GetResult();
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

        _pipeline.AnnotateAll(late);
        var context = new CorpusContext(_cached, articles, new AnalysisDocument());
        _pipeline.RunCorpus(context, onStage);
        return context;
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        try
        {
            _annotator.Wait();
        }
        catch (AggregateException)
        {
            // Finish reports the annotator's failure; a run abandoned before Finish has nothing to report.
        }

        _queue.Dispose();
    }

    private void Annotate()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) };
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            Parallel.ForEach(batch, options, _pipeline.Annotate);
        }
    }
}
