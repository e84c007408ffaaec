using Dossier.Analysis;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>Per-article stage: names, roles, pronoun and role-noun references, resolved within the article (provides <see cref="EntityLayer"/>).</summary>
public sealed class EntityStage : IArticleStage
{
    private readonly EntityRecognizer? _recognizer;
    private readonly ArticleResolver _resolver;

    public EntityStage(EntityRecognizer? recognizer = null, ArticleResolver? resolver = null)
    {
        _recognizer = recognizer;
        _resolver = resolver ?? ArticleResolver.Default;
    }

    public string Name => "entities";

    public IReadOnlyList<Type> Requires => [typeof(TextLayer)];

    public IReadOnlyList<Type> Provides => [typeof(EntityLayer)];

    public void Run(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        article.Set(Annotate(article.Article, article.Require<TextLayer>()));
    }

    public EntityLayer Annotate(Core.Article article, TextLayer text)
    {
        ArgumentNullException.ThrowIfNull(article);
        var names = (_recognizer ?? EntityRecognizer.Default).Recognize(article.Text, text);
        return _resolver.Resolve(article, text, names);
    }
}
