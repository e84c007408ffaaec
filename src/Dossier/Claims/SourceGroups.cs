using Dossier.Analysis;

namespace Dossier.Claims;

/// <summary>
/// Independent-source groups: articles joined by any copy relation (exact, near, rewrite, version) are one
/// lineage and count once. Union-find over the relations of the analysed articles.
/// </summary>
public sealed class SourceGroups
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    public SourceGroups(IEnumerable<CopyEntry> copies)
    {
        ArgumentNullException.ThrowIfNull(copies);
        foreach (var c in copies)
        {
            Union(c.A, c.B);
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
