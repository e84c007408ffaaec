using Dossier.Analysis;

namespace Dossier.Copies;

/// <summary>
/// Independent sources, the one rule every count uses: articles joined by any copy relation (exact, near, rewrite,
/// version) are one lineage and count once, and so are the articles of one outlet (one newsroom is one source; outlets
/// compared ignoring case; an article of unknown outlet is joined by its copies only). Union-find over the indexes of a
/// set of articles; a copy pair with an article outside the set is ignored.
/// </summary>
public sealed class SourceGroups
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _ids;
    private readonly int[] _parent;

    private SourceGroups(IEnumerable<string> articles)
    {
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in articles)
        {
            _index.TryAdd(a, _index.Count);
        }

        _ids = [.. _index.Keys];
        _parent = new int[_ids.Length];
        for (var i = 0; i < _parent.Length; i++)
        {
            _parent[i] = i;
        }

        Groups = _ids.Length;
    }

    /// <summary>How many independent sources the articles are.</summary>
    public int Groups { get; private set; }

    /// <summary>The groups of <paramref name="articles"/> under the copy pairs and, when given, their outlets.</summary>
    /// <param name="outletOf">An article's outlet, or null when unknown; null: outlets are not used (copy lineages only).</param>
    public static SourceGroups Of(IEnumerable<string> articles, IEnumerable<(string A, string B)> copies, Func<string, string?>? outletOf = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(copies);
        var groups = new SourceGroups(articles);
        foreach (var (a, b) in copies)
        {
            if (groups._index.TryGetValue(a, out var ia) && groups._index.TryGetValue(b, out var ib))
            {
                groups.Union(ia, ib);
            }
        }

        groups.JoinOutlets(outletOf);
        return groups;
    }

    /// <summary>
    /// As <see cref="Of(IEnumerable{string}, IEnumerable{ValueTuple{string, string}}, Func{string, string?}?)"/>, with the
    /// copy pairs looked up by their first article: only the pairs of the articles are visited, so describing every story
    /// of a large corpus is not stories x copies.
    /// </summary>
    public static SourceGroups Of(IEnumerable<string> articles, ILookup<string, string> copies, Func<string, string?>? outletOf = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(copies);
        var groups = new SourceGroups(articles);
        for (var ia = 0; ia < groups._ids.Length; ia++)
        {
            foreach (var b in copies[groups._ids[ia]])
            {
                if (groups._index.TryGetValue(b, out var ib))
                {
                    groups.Union(ia, ib);
                }
            }
        }

        groups.JoinOutlets(outletOf);
        return groups;
    }

    /// <summary>The groups of the analysed articles of <paramref name="document"/>: its copies and its articles' outlets.</summary>
    public static SourceGroups Of(AnalysisDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outlets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var a in document.Articles)
        {
            outlets.TryAdd(a.Id, a.Outlet);
        }

        return Of(document.Articles.Select(a => a.Id), document.Copies.Select(c => (c.A, c.B)), outlets.GetValueOrDefault);
    }

    /// <summary>The group id of an article: the smallest (ordinal) article id of its group; an unknown article is its own group.</summary>
    public string GroupOf(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        return _index.TryGetValue(articleId, out var i) ? _ids[Find(i)] : articleId;
    }

    private void JoinOutlets(Func<string, string?>? outletOf)
    {
        if (outletOf is null)
        {
            return;
        }

        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _ids.Length; i++)
        {
            if (outletOf(_ids[i]) is { Length: > 0 } outlet && !first.TryAdd(outlet, i))
            {
                Union(i, first[outlet]);
            }
        }
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            x = _parent[x] = _parent[_parent[x]];
        }

        return x;
    }

    // The root is the group's smallest id, so a group's id does not depend on the order the pairs are joined in.
    private void Union(int a, int b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra == rb)
        {
            return;
        }

        if (string.CompareOrdinal(_ids[ra], _ids[rb]) < 0)
        {
            _parent[rb] = ra;
        }
        else
        {
            _parent[ra] = rb;
        }

        Groups--;
    }
}
