using System.CommandLine;
using System.Globalization;
using Dossier.Copies;
using Dossier.Core;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier copies [ID]</c>: copy groups (exact copies, near copies, rewrites, versions) of the stored articles,
/// each counted as one independent source; with an id, that article's group and relations. JSON schema: docs/json/copies.md.
/// </summary>
public sealed class CopiesCommand : IVerb
{
    public int Order => 40;

    public Command Build(CliContext context)
    {
        var id = new Argument<string?>("id") { Description = "Article id or unique prefix (default: every group in the store).", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var all = new Option<bool>("--all") { Description = "Also list articles with no copies (groups of one)." };
        var cmd = new Command("copies", "Show copies, rewrites and versions among stored articles, and how many independent sources they are.") { id, json, db, all };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var infos = store.List();
            var byId = infos.ToDictionary(i => i.Id, StringComparer.Ordinal);
            var relations = store.GetRelations();
            var groups = CopyGroups.Of([.. infos.Select(i => i.Id)], relations);
            string? focus = null;
            if (p.GetValue(id) is { Length: > 0 } wanted)
            {
                var a = store.Get(wanted);
                if (a is null)
                {
                    DossierThrow.Dossier_ArticleNotFound(wanted);
                }

                focus = a.Id;
                groups = [.. groups.Where(g => g.Articles.Contains(focus, StringComparer.Ordinal))];
            }
            else if (!p.GetValue(all))
            {
                groups = [.. groups.Where(g => g.Articles.Count > 1)];
            }

            var total = focus is null ? infos.Count : groups.Sum(g => g.Articles.Count);
            var independent = focus is null ? CopyGroups.IndependentSources([.. infos.Select(i => i.Id)], relations) : groups.Count;
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    article = focus,
                    articles = total,
                    independent_sources = independent,
                    groups = groups.Select((g, n) => new
                    {
                        articles = g.Articles.Select(x => Info(byId, x)),
                        outlets = g.Articles.Select(x => byId.TryGetValue(x, out var i) ? i.Outlet : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                        independent_sources = 1,
                        relations = g.Relations.Select(r => new
                        {
                            a = r.A,
                            b = r.B,
                            kind = r.Kind,
                            score = r.Score,
                            evidence = CopyEvidence.FromJson(r.Evidence),
                        }),
                    }),
                });
                return ExitCodes.Ok;
            }

            foreach (var g in groups)
            {
                var t = new Table().Border(TableBorder.Rounded)
                    .Title($"[bold]{g.Articles.Count} articles, 1 independent source[/]")
                    .AddColumns("A", "B", "Kind", "Score", "Evidence");
                foreach (var r in g.Relations)
                {
                    var e = CopyEvidence.FromJson(r.Evidence);
                    t.AddRow(Label(byId, r.A), Label(byId, r.B), r.Kind, r.Score.ToString("0.00", CultureInfo.InvariantCulture),
                        e is null ? "-" : Markup.Escape($"jaccard {e.Jaccard:0.00}, {e.SharedSentences} shared, {e.RewordedSentences} reworded, {e.NewSentences} new, {e.DroppedSentences} dropped"));
                }

                if (g.Relations.Count == 0)
                {
                    t.AddRow(Label(byId, g.Articles[0]), "-", "-", "-", "no copies");
                }

                context.Console.Write(t);
            }

            context.Console.MarkupLine($"{total:N0} articles, {independent:N0} independent sources, {groups.Count(g => g.Articles.Count > 1):N0} copy groups.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static object Info(Dictionary<string, ArticleInfo> byId, string id)
    {
        byId.TryGetValue(id, out var i);
        return new
        {
            id,
            title = i?.Title,
            outlet = i?.Outlet,
            published = i?.Published?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            source_path = i?.SourcePath,
        };
    }

    private static string Label(Dictionary<string, ArticleInfo> byId, string id) =>
        Markup.Escape(byId.TryGetValue(id, out var i) ? $"{id} {ListCommand.Truncate(i.Title ?? Path.GetFileName(i.SourcePath), 30)}" : id);
}
