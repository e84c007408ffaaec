namespace Dossier.Analysis;

/// <summary>
/// The analysis pipeline: built once by <see cref="DossierPipelineBuilder"/>, then immutable and thread-safe.
/// Its order was checked at build time: every stage's required layers are provided by an earlier stage.
/// </summary>
public sealed class DossierPipeline
{
    private readonly Func<object, IDisposable?>? _observer;

    internal DossierPipeline(IReadOnlyList<IArticleStage> articleStages, IReadOnlyList<IIncrementalStage> incrementalStages, IReadOnlyList<ICorpusStage> corpusStages, Func<object, IDisposable?>? observer = null)
    {
        ArticleStages = articleStages;
        IncrementalStages = incrementalStages;
        CorpusStages = corpusStages;
        _observer = observer;
    }

    /// <summary>
    /// The same stages in the same order, each run of a stage (on one article, one batch, the corpus) bracketed by
    /// <paramref name="observer"/>: called with the stage on the thread about to run it, what it returns is disposed
    /// on that thread when the run ends (a benchmark's clock). The stages themselves are not wrapped, so everything
    /// they declare reaches the pipeline and the analysis run unchanged.
    /// </summary>
    public DossierPipeline Observed(Func<object, IDisposable?> observer) =>
        new(ArticleStages, IncrementalStages, CorpusStages, observer ?? throw new ArgumentNullException(nameof(observer)));

    /// <summary>What brackets one run of a stage (null when the pipeline is not observed).</summary>
    internal IDisposable? Observe(object stage) => _observer?.Invoke(stage);

    /// <summary>Stages run after each stored batch (copies index, story clustering).</summary>
    public IReadOnlyList<IIncrementalStage> IncrementalStages { get; }

    /// <summary>
    /// A handler for <c>Ingestor.BatchStored</c>: runs the incremental stages on what each stored batch added (an
    /// article repeated within the batch once).
    /// </summary>
    public Action<IReadOnlyList<Core.Article>, Store.IngestOutcome> IncrementalHandler(Store.IArticleStore store) => (batch, outcome) =>
    {
        var added = new HashSet<string>(outcome.AddedIds, StringComparer.Ordinal);
        ApplyIncremental(store, batch.Where(a => added.Remove(a.Id)).ToList());
    };

    /// <summary>Runs every incremental stage on a batch of newly stored articles.</summary>
    public void ApplyIncremental(Store.IArticleStore store, IReadOnlyList<Core.Article> added)
    {
        if (added.Count == 0)
        {
            return;
        }

        foreach (var s in IncrementalStages)
        {
            using (Observe(s))
            {
                s.Apply(store, added);
            }
        }
    }

    public IReadOnlyList<IArticleStage> ArticleStages { get; }

    public IReadOnlyList<ICorpusStage> CorpusStages { get; }

    /// <summary>Runs every per-article stage on one article.</summary>
    public void Annotate(AnnotatedArticle article)
    {
        foreach (var s in ArticleStages)
        {
            using (Observe(s))
            {
                s.Run(article);
            }
        }
    }

    /// <summary>Runs every per-article stage on many articles, in parallel.</summary>
    public void AnnotateAll(IReadOnlyList<AnnotatedArticle> articles, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var done = 0;
        Parallel.ForEach(articles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, a =>
        {
            Annotate(a);
            var n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 64 == 0 || n == articles.Count))
            {
                progress(n);
            }
        });
    }

    /// <summary>
    /// Runs every corpus stage: those that read only the articles' layers (<see cref="ICorpusStage.ReadsLayersOnly"/>)
    /// on another thread, alongside the others, which run in order on this one.
    /// </summary>
    public void RunCorpus(CorpusContext context, Action<string>? onStage = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var layered = StartLayerStages(context);
        try
        {
            RunOtherStages(context, onStage);
        }
        catch
        {
            // This failure is the one reported, once the other thread has stopped touching the context.
            WaitQuietly(layered);
            throw;
        }

        layered.GetAwaiter().GetResult();
    }

    /// <summary>Waits for a task whose own failure does not matter (another one is being reported).</summary>
    internal static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
        }
    }

    /// <summary>
    /// Starts the corpus stages that read only the articles' layers, in order, on a thread of their own (after
    /// <paramref name="after"/>); the context waits for them when asked for a result they may still set.
    /// </summary>
    internal Task StartLayerStages(CorpusContext context, Task? after = null)
    {
        var task = (after ?? Task.CompletedTask).ContinueWith(
            previous =>
            {
                previous.GetAwaiter().GetResult();
                foreach (var s in CorpusStages.Where(s => s.ReadsLayersOnly))
                {
                    using (Observe(s))
                    {
                        s.Run(context);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.LongRunning,
            TaskScheduler.Default);
        context.Alongside = task;
        return task;
    }

    /// <summary>
    /// Runs, in order on this thread, the corpus stages that read the store or other stages' sections; one that must
    /// come after a stage running alongside first waits for those. A stage that reads only what the stages it comes
    /// after wrote (<see cref="ICorpusStage.ReadsAfterOnly"/>) is started on another thread once they are done, so
    /// stages that do not depend on each other overlap; a later stage that may read anything waits for every stage
    /// started before it. With <paramref name="annotated"/> (the articles are still being annotated), the stages that
    /// require no layer run meanwhile and the others wait for it. <paramref name="onStage"/> names each stage when this
    /// thread starts it or starts waiting for it ("annotate" when it waits for the annotation).
    /// </summary>
    internal void RunOtherStages(CorpusContext context, Action<string>? onStage, Task? annotated = null)
    {
        context.Annotated = annotated;
        var alongside = CorpusStages.Where(s => s.ReadsLayersOnly).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var started = new Dictionary<string, Task>(StringComparer.Ordinal);
        var pending = new List<(string Name, Task Task)>();
        try
        {
            foreach (var s in CorpusStages.Where(s => !s.ReadsLayersOnly))
            {
                var layers = s.After.Any(alongside.Contains);
                var annotation = s.Requires.Count > 0 && annotated is not null;
                if (s.ReadsAfterOnly)
                {
                    var stage = s;
                    var before = s.After.Where(started.ContainsKey).Select(a => started[a]);
                    var task = Task.WhenAll(annotation ? before.Append(annotated!) : before).ContinueWith(
                        previous =>
                        {
                            previous.GetAwaiter().GetResult();
                            if (layers)
                            {
                                context.Alongside?.GetAwaiter().GetResult();
                            }

                            using (Observe(stage))
                            {
                                stage.Run(context);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.LongRunning,
                        TaskScheduler.Default);
                    started[s.Name] = task;
                    pending.Add((s.Name, task));
                    continue;
                }

                if (annotation)
                {
                    AwaitAnnotation();
                }

                WaitFor(pending, onStage);
                if (layers)
                {
                    context.Alongside?.GetAwaiter().GetResult();
                }

                onStage?.Invoke(s.Name);
                using (Observe(s))
                {
                    s.Run(context);
                }
            }

            AwaitAnnotation();
            WaitFor(pending, onStage);
        }
        catch
        {
            // The first failure is the one reported, once no other stage touches the context.
            foreach (var (_, task) in pending)
            {
                WaitQuietly(task);
            }

            throw;
        }

        // Before this thread waits for anything else (the annotation is shown as a phase of its own).
        void AwaitAnnotation()
        {
            if (annotated is { IsCompleted: false })
            {
                onStage?.Invoke("annotate");
                annotated.GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Waits, in order, for the stages started on other threads (a failure is rethrown as it was thrown).</summary>
    private static void WaitFor(List<(string Name, Task Task)> pending, Action<string>? onStage)
    {
        foreach (var (name, task) in pending)
        {
            onStage?.Invoke(name);
            task.GetAwaiter().GetResult();
        }

        pending.Clear();
    }
}

/// <summary>Assembles a pipeline. Adding a capability is one <c>Use</c> line in <see cref="DossierPipelineBuilder.UseDefaults"/>.</summary>
public sealed class DossierPipelineBuilder
{
    private readonly List<IArticleStage> _articleStages = [];
    private readonly List<ICorpusStage> _corpusStages = [];
    private readonly List<IIncrementalStage> _incrementalStages = [];

    public DossierPipelineBuilder Use(IArticleStage stage)
    {
        _articleStages.Add(stage);
        return this;
    }

    public DossierPipelineBuilder Use(ICorpusStage stage)
    {
        _corpusStages.Add(stage);
        return this;
    }

    public DossierPipelineBuilder Use(IIncrementalStage stage)
    {
        _incrementalStages.Add(stage);
        return this;
    }

    /// <summary>Every built-in capability, in order.</summary>
    public DossierPipelineBuilder UseDefaults()
    {
        // Per-article layers, in dependency order.
        Use(new Text.TextStage());
        Use(new Entities.EntityStage());
        Use(new Time.TimeStage());
        Use(new Quotes.QuotesStage());
        Use(new Claims.ClaimExtractor());

        // Corpus state kept up to date at ingest.
        Use(new Copies.CopiesStage());
        Use(new Stories.StoryStage());

        // Sections of the analysis document, in order: later ones read earlier ones.
        Use(new ArticlesSection());
        Use(new Copies.CopiesSection());
        Use(new Stories.StoriesSection());
        Use(new Entities.EntitiesSection());
        Use(new Quotes.QuotesSection());
        Use(new Time.TimelineStage());
        Use(new Claims.AgreementStage());
        Use(new Brief.SummaryStage());
        return this;
    }

    public DossierPipeline Build()
    {
        var provided = new HashSet<Type>();
        foreach (var s in _articleStages)
        {
            foreach (var r in s.Requires)
            {
                if (!provided.Contains(r))
                {
                    throw new InvalidOperationException(
                        $"Pipeline order: stage '{s.Name}' requires layer {r.Name}, which no earlier stage provides. Stages: {string.Join(", ", _articleStages.Select(x => x.Name))}.");
                }
            }

            provided.UnionWith(s.Provides);
        }

        var ran = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _corpusStages)
        {
            foreach (var r in s.Requires)
            {
                if (!provided.Contains(r))
                {
                    throw new InvalidOperationException($"Pipeline order: corpus stage '{s.Name}' requires layer {r.Name}, which no article stage provides.");
                }
            }

            foreach (var a in s.After)
            {
                if (!ran.Contains(a))
                {
                    throw new InvalidOperationException($"Pipeline order: corpus stage '{s.Name}' must come after '{a}'.");
                }
            }

            ran.Add(s.Name);
        }

        // Stages that read only layers run on a thread of their own, ahead of the others: they may come only after
        // each other (the others wait for them when they must come after one).
        var layerOnly = _corpusStages.Where(s => s.ReadsLayersOnly).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var s in _corpusStages.Where(s => s.ReadsLayersOnly))
        {
            foreach (var a in s.After.Where(a => !layerOnly.Contains(a)))
            {
                throw new InvalidOperationException($"Pipeline order: corpus stage '{s.Name}' reads only layers but must come after '{a}', which does not.");
            }
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _incrementalStages)
        {
            foreach (var a in s.After)
            {
                if (!applied.Contains(a))
                {
                    throw new InvalidOperationException($"Pipeline order: incremental stage '{s.Name}' must come after '{a}'.");
                }
            }

            applied.Add(s.Name);
        }

        return new DossierPipeline([.. _articleStages], [.. _incrementalStages], [.. _corpusStages]);
    }

    public static DossierPipeline Default { get; } = new DossierPipelineBuilder().UseDefaults().Build();
}
