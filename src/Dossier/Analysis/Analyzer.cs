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
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(articleIds);
        var articles = articleIds.Distinct(StringComparer.Ordinal)
            .Select(id => store.Get(id))
            .OfType<Core.Article>()
            .Select(a => new AnnotatedArticle(a))
            .ToList();
        return Analyze(store, articles, onStage);
    }

    public AnalysisDocument Analyze(IArticleStore store, IReadOnlyList<AnnotatedArticle> articles, Action<string>? onStage = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        onStage?.Invoke("annotate");
        _pipeline.AnnotateAll(articles);
        var doc = new AnalysisDocument();
        var context = new CorpusContext(store, articles, doc);
        _pipeline.RunCorpus(context, onStage);
        return doc;
    }
}
