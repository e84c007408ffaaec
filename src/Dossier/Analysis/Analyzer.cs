using Dossier.Store;

namespace Dossier.Analysis;

/// <summary>Runs the whole pipeline over stored articles and returns the analysis document.</summary>
public sealed class Analyzer
{
    private readonly DossierPipeline _pipeline;

    public Analyzer(DossierPipeline? pipeline = null)
    {
        _pipeline = pipeline ?? DossierPipelineBuilder.Default;
    }

    public DossierPipeline Pipeline => _pipeline;

    /// <summary>Analyses the given stored articles (ids in order; duplicates ignored).</summary>
    public AnalysisDocument Analyze(IArticleStore store, IEnumerable<string> articleIds, Action<string>? onStage = null)
    {
        return Run(store, articleIds, onStage).Document;
    }

    public AnalysisDocument Analyze(IArticleStore store, IReadOnlyList<AnnotatedArticle> articles, Action<string>? onStage = null) =>
        Run(store, articles, onStage).Document;

    /// <summary>Runs the pipeline and returns the whole corpus context (document, annotated articles, corpus results).</summary>
    public CorpusContext Run(IArticleStore store, IReadOnlyList<AnnotatedArticle> articles, Action<string>? onStage = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        onStage?.Invoke("annotate");
        _pipeline.AnnotateAll(articles);
        var context = new CorpusContext(store, articles, new AnalysisDocument());
        _pipeline.RunCorpus(context, onStage);
        return context;
    }

    /// <summary>Loads stored articles by id (in order, duplicates ignored) and runs the pipeline on them.</summary>
    public CorpusContext Run(IArticleStore store, IEnumerable<string> articleIds, Action<string>? onStage = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(articleIds);
        var articles = articleIds.Distinct(StringComparer.Ordinal)
            .Select(id => store.Get(id))
            .OfType<Core.Article>()
            .Select(a => new AnnotatedArticle(a))
            .ToList();
        return Run(store, articles, onStage);
    }
}
