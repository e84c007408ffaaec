using Dossier.Analysis;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Tests.Claims;

/// <summary>Builds analysed articles from text in memory.</summary>
internal static class Articles
{
    public static AnnotatedArticle FromText(string path, string text, string? outlet = null)
    {
        var doc = new RawDocument { SourcePath = path, Format = SourceFormat.Text, RawInput = text, SourceText = text, Outlet = outlet };
        var a = new AnnotatedArticle(ArticleCleaner.Default.Clean(doc));
        DossierPipelineBuilder.Default.Annotate(a);
        return a;
    }

    public static AnnotatedArticle FromFile(string path)
    {
        var (input, rejection) = InputLoader.Load(path);
        input.ShouldNotBeNull(rejection?.ToString());
        var doc = ReaderRegistry.Default.Read(input).First().Document!;
        var a = new AnnotatedArticle(ArticleCleaner.Default.Clean(doc));
        DossierPipelineBuilder.Default.Annotate(a);
        return a;
    }

    /// <summary>Runs the corpus stages over the articles with a throwaway store.</summary>
    public static CorpusContext Analyze(IReadOnlyList<AnnotatedArticle> articles)
    {
        var path = Path.Combine(Path.GetTempPath(), "dossier-claims-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using var store = new Dossier.Store.SqliteArticleStore(path);
            store.AddBatch(articles.Select(a => a.Article).ToList());
            var context = new CorpusContext(store, articles, new AnalysisDocument());
            DossierPipelineBuilder.Default.RunCorpus(context);
            return context;
        }
        finally
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
