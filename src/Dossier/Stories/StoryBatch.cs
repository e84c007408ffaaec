using Dossier.Core;

namespace Dossier.Stories;

/// <summary>Clusters a whole corpus in one pass (the batch mode used by <c>dossier stories --rebuild</c> and evaluation).</summary>
public static class StoryBatch
{
    /// <summary>Clusters articles in the given order; <paramref name="copyOf"/> names an earlier original of an article (exact/near copy), if any.</summary>
    public static OnlineStoryClusterer Cluster(IEnumerable<Article> articles, StoryOptions? options = null, INameSource? names = null, Func<string, string?>? copyOf = null, Action<string, string?, float, string>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var o = options ?? StoryOptions.Default;
        var extractor = new StoryFeatureExtractor(o, names);
        var clusterer = new OnlineStoryClusterer(o) { Trace = trace };
        foreach (var a in articles)
        {
            clusterer.Add(extractor.Extract(a), copyOf?.Invoke(a.Id));
        }

        return clusterer;
    }

    /// <summary>Article id → story id.</summary>
    public static Dictionary<string, string> Assignment(OnlineStoryClusterer clusterer)
    {
        ArgumentNullException.ThrowIfNull(clusterer);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in clusterer.Clusters)
        {
            foreach (var m in c.Members)
            {
                map[m] = c.Id;
            }
        }

        return map;
    }
}
