using Dossier.Analysis;
using Dossier.Core;
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
        var layer = _extractor.Extract(article.Text, article.Get<EntityLayer>(), article.Get<TextLayer>());
        article.Set(article.Article.DatelineSpan is { } dateline ? WithoutDateline(layer, article.Text, dateline) : layer);
    }

    /// <summary>
    /// A reported statement that opens its article's first sentence starts after the dateline
    /// (<see cref="Article.PastDateline"/>) and the space after it ("OSTREL — Veridia has opened an inquiry ..., the
    /// prime minister said": the content is what was said, not where the story was filed).
    /// </summary>
    internal static QuotesLayer WithoutDateline(QuotesLayer layer, string text, TextSpan dateline)
    {
        if (!layer.Quotes.Any(q => Article.PastDateline(dateline, q.Start, q.End) != q.Start))
        {
            return layer;
        }

        return new QuotesLayer([.. layer.Quotes.Select(q =>
        {
            var start = Article.PastDateline(dateline, q.Start, q.End);
            if (start == q.Start)
            {
                return q;
            }

            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            return start < q.End ? q with { Start = start, Text = text[start..q.End] } : q;
        })]);
    }
}
