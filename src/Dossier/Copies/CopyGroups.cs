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
        var ids = articles.Distinct(StringComparer.Ordinal).ToList();
        var known = ids.ToHashSet(StringComparer.Ordinal);
        var kept = relations.Where(r => known.Contains(r.A) && known.Contains(r.B)).ToList();
        var lineages = SourceGroups.Of(ids, kept.Select(r => (r.A, r.B)));

        // Groups in the order of their first article, members in the articles' order.
        var relationsByGroup = kept.ToLookup(r => lineages.GroupOf(r.A), StringComparer.Ordinal);
        return [.. ids.GroupBy(lineages.GroupOf, StringComparer.Ordinal).Select(g => new CopyGroup([.. g], [.. relationsByGroup[g.Key]]))];
    }

    /// <summary>How many independent sources <paramref name="articles"/> are: each copy group counts once (<see cref="SourceGroups"/>, outlets not used).</summary>
    public static int IndependentSources(IReadOnlyList<string> articles, IEnumerable<ArticleRelation> relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        return SourceGroups.Of(articles, relations.Select(r => (r.A, r.B))).Groups;
    }
}
