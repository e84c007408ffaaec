using Dossier.Core;

namespace Dossier.Analysis;

/// <summary>
/// An article with the annotation layers stages have added, keyed by layer type. Each stage adds its own
/// layer; nothing mutates the text or an earlier layer.
/// </summary>
public sealed class AnnotatedArticle
{
    private readonly Dictionary<Type, object> _layers = [];

    public AnnotatedArticle(Article article)
    {
        Article = article ?? throw new ArgumentNullException(nameof(article));
    }

    public Article Article { get; }

    public string Id => Article.Id;

    public string Text => Article.Text;

    public T? Get<T>()
        where T : class
    {
        // Corpus stages may read one layer of an article on one thread while another replaces a different layer.
        lock (_layers)
        {
            return _layers.TryGetValue(typeof(T), out var v) ? (T)v : null;
        }
    }

    public T Require<T>()
        where T : class => Get<T>() ?? throw new InvalidOperationException(
            $"Layer {typeof(T).Name} is missing on article {Id}; a stage that provides it must run first.");

    public bool Has(Type layer)
    {
        lock (_layers)
        {
            return _layers.ContainsKey(layer);
        }
    }

    public void Set<T>(T layer)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(layer);
        lock (_layers)
        {
            _layers[typeof(T)] = layer;
        }
    }
}
