using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Tests.Workers;

/// <summary>
/// An incremental stage whose result depends on the exact order articles arrive in, to check that several
/// workers produce what a serial run does: it chains each article to the one before it (a relation), groups
/// articles into stories of three by arrival, and keeps the arrival order in state.
/// </summary>
internal sealed class OrderProbeStage : IIncrementalStage
{
    public const string StateKey = "probe.order";

    public string Name => "probe";

    public IReadOnlyList<string> After => [];

    public void Apply(IArticleStore store, IReadOnlyList<Article> added)
    {
        var seen = (store.GetState(StateKey) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var relations = new List<ArticleRelation>();
        var touched = new SortedSet<int>();
        foreach (var a in added)
        {
            if (seen.Count > 0)
            {
                relations.Add(new ArticleRelation(seen[^1], a.Id, "next", seen.Count, $"{{\"chars\":{a.Text.Length}}}"));
            }

            seen.Add(a.Id);
            touched.Add((seen.Count - 1) / 3);
        }

        store.PutRelations(relations);
        store.UpsertStories(touched.Select(k => new StoryRecord($"s{k:D4}", "group " + k, seen.Skip(k * 3).Take(3).ToList())).ToList());
        store.PutState(StateKey, string.Join(',', seen));
    }
}
