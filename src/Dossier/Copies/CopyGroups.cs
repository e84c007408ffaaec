using Dossier.Store;

namespace Dossier.Copies;

/// <summary>A copy group: articles joined by copy relations (exact, near, rewrite, version); it counts as one independent source.</summary>
public sealed record CopyGroup(IReadOnlyList<string> Articles, IReadOnlyList<ArticleRelation> Relations);

/// <summary>Copy groups as connected components of the copy relations.</summary>
public static class CopyGroups
{
    /// <summary>The groups of <paramref name="articles"/> (in their order; singletons included) under <paramref name="relations"/>.</summary>
    public static IReadOnlyList<CopyGroup> Of(IReadOnlyList<string> articles, IEnumerable<ArticleRelation> relations)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(relations);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in articles)
        {
            index.TryAdd(a, index.Count);
        }

        var parent = Enumerable.Range(0, index.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var kept = new List<ArticleRelation>();
        foreach (var r in relations)
        {
            if (index.TryGetValue(r.A, out var a) && index.TryGetValue(r.B, out var b))
            {
                kept.Add(r);
                var (ra, rb) = (Find(a), Find(b));
                if (ra != rb)
                {
                    parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
                }
            }
        }

        var ids = index.Keys.ToArray();
        var members = new Dictionary<int, List<string>>();
        for (var i = 0; i < ids.Length; i++)
        {
            var root = Find(i);
            if (!members.TryGetValue(root, out var l))
            {
                members[root] = l = [];
            }

            l.Add(ids[i]);
        }

        var relationsByRoot = kept.GroupBy(r => Find(index[r.A])).ToDictionary(g => g.Key, g => (IReadOnlyList<ArticleRelation>)[.. g]);
        return [.. members.OrderBy(kv => kv.Key).Select(kv => new CopyGroup(kv.Value, relationsByRoot.TryGetValue(kv.Key, out var rs) ? rs : []))];
    }

    /// <summary>How many independent sources <paramref name="articles"/> are: each copy group counts once (<see cref="SourceGroups"/>, outlets not used).</summary>
    public static int IndependentSources(IReadOnlyList<string> articles, IEnumerable<ArticleRelation> relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        return SourceGroups.Of(articles, relations.Select(r => (r.A, r.B))).Groups;
    }
}
