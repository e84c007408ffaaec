using Dossier.Analysis;

namespace Dossier.Text;

/// <summary>Per-article stage: tokens and sentences of <c>Article.Text</c> (provides <see cref="TextLayer"/>).</summary>
public sealed class TextStage : IArticleStage
{
    private readonly ITextAnalyzer _analyzer;

    public TextStage(ITextAnalyzer? analyzer = null)
    {
        _analyzer = analyzer ?? NewsTextAnalyzer.Default;
    }

    public string Name => "text";

    public IReadOnlyList<Type> Requires => [];

    public IReadOnlyList<Type> Provides => [typeof(TextLayer)];

    public void Run(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        article.Set(_analyzer.Analyze(article.Text));
    }
}
