using Dossier.Analysis;
using Dossier.Core;

namespace Dossier.Stories;

/// <summary>
/// The batch story rebuild's first steps done while the ingest goes on (<see cref="StoriesSection"/> as an
/// <see cref="IPreparingCorpusStage"/>): each stored batch's articles have their features extracted and counted into
/// the document frequencies, in store order, so the rebuild after the last batch starts at the similarity graph.
/// <see cref="StoryService.Rebuild"/> uses it only when it holds every stored article in store order (the same
/// features and term ids as extracting and counting them there); else it does those steps itself.
/// </summary>
public sealed class StoryPreparation : ICorpusPreparation
{
    private readonly StoryFeatureExtractor _extractor;
    private readonly OnlineStoryClusterer _counted;
    private readonly List<ArticleFeatures> _features = [];
    private bool _done;

    public StoryPreparation(StoryOptions? options = null)
    {
        var o = options ?? StoryOptions.Default;
        _extractor = new StoryFeatureExtractor(o);
        _counted = new OnlineStoryClusterer(o);
    }

    /// <summary>The articles' features, in the order they were added.</summary>
    public IReadOnlyList<ArticleFeatures> Features => _features;

    public void Add(IReadOnlyList<Article> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (_done)
        {
            throw new InvalidOperationException("The story preparation was already taken.");
        }

        foreach (var a in added)
        {
            var f = _extractor.Extract(a);
            _features.Add(f);
            _counted.CountKeepingIds(f);
        }
    }

    /// <summary>True when the features are those of exactly these articles, in this order.</summary>
    public bool Holds(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count != _features.Count)
        {
            return false;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (!string.Equals(ids[i], _features[i].ArticleId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The frequencies counted over <see cref="Features"/> (as <see cref="OnlineStoryClusterer.Counted"/>); no article is added after this.</summary>
    public OnlineStoryClusterer Counted()
    {
        if (!_done)
        {
            _done = true;
            _counted.CountingDone();
        }

        return _counted;
    }
}
