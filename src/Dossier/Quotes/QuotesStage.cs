using Dossier.Analysis;
using Dossier.Entities;
using Dossier.Text;

namespace Dossier.Quotes;

/// <summary>
/// Per-article stage adding the <see cref="QuotesLayer"/>. Reads the <see cref="TextLayer"/> (sentences) and the
/// <see cref="EntityLayer"/> (speaker resolution) when an earlier stage provided them; works without both.
/// </summary>
public sealed class QuotesStage : IArticleStage
{
    private readonly IQuoteExtractor _extractor;

    public QuotesStage(IQuoteExtractor? extractor = null)
    {
        _extractor = extractor ?? RuleQuoteExtractor.Default;
    }

    public string Name => "quotes";

    public IReadOnlyList<Type> Requires => [];

    public IReadOnlyList<Type> Provides => [typeof(QuotesLayer)];

    public void Run(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        article.Set(_extractor.Extract(article.Text, article.Get<EntityLayer>(), article.Get<TextLayer>()));
    }
}
