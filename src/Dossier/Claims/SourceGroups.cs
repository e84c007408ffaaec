using Dossier.Analysis;

namespace Dossier.Claims;

/// <summary>
/// Independent-source groups: articles joined by any copy relation (exact, near, rewrite, version) are one
/// lineage and count once, and so are the articles of one outlet (one newsroom is one source). Union-find over the
/// relations and outlets of the analysed articles.
/// </summary>
public sealed class SourceGroups
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    /// <param name="articles">The analysed articles: those of one outlet (compared ignoring case; none when unknown) are one group.</param>
    public SourceGroups(IEnumerable<CopyEntry> copies, IEnumerable<ArticleEntry>? articles = null)
    {
        ArgumentNullException.ThrowIfNull(copies);
        foreach (var c in copies)
        {
            Union(c.A, c.B);
        }

        var firstOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in articles ?? [])
        {
            if (a.Outlet is { Length: > 0 } outlet && !firstOf.TryAdd(outlet, a.Id))
            {
                Union(a.Id, firstOf[outlet]);
            }
        }
    }

    /// <summary>The group id of an article: the smallest article id of its lineage.</summary>
    public string Of(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        var x = articleId;
        while (_parent.TryGetValue(x, out var p) && p != x)
        {
            x = p;
        }

        return x;
    }

    public int Count(IEnumerable<string> articleIds) => articleIds.Select(Of).Distinct(StringComparer.Ordinal).Count();

    private void Union(string a, string b)
    {
        var ra = Of(a);
        var rb = Of(b);
        if (ra == rb)
        {
            return;
        }

        if (string.CompareOrdinal(ra, rb) < 0)
        {
            _parent[rb] = ra;
            _parent.TryAdd(ra, ra);
        }
        else
        {
            _parent[ra] = rb;
            _parent.TryAdd(rb, rb);
        }
    }
}
