using Dossier.Analysis;

namespace Dossier.Time;

/// <summary>Per-article stage: finds and normalises time expressions, anchored by <see cref="ArticleAnchors"/>. Provides <see cref="TimeLayer"/>.</summary>
public sealed class TimeStage(ITimeTagger? tagger = null) : IArticleStage
{
    private readonly ITimeTagger _tagger = tagger ?? TimeTagger.Default;

    public string Name => "time";

    public IReadOnlyList<Type> Requires => [];

    public IReadOnlyList<Type> Provides => [typeof(TimeLayer)];

    public void Run(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        article.Set(Tag(article.Article, _tagger));
    }

    public static TimeLayer Tag(Core.Article article, ITimeTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(tagger);
        var (anchor, why) = ArticleAnchors.Resolve(article, tagger);
        return new TimeLayer(tagger.Tag(article.Text, anchor), anchor, why);
    }
}
