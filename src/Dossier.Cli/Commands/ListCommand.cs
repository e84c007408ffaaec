using System.CommandLine;
using System.Globalization;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier list</c>: stored articles. JSON schema: docs/json/list.md.</summary>
public sealed class ListCommand : IVerb
{
    public int Order => 20;

    public Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var limit = new Option<int>("--limit") { Description = "Show at most this many articles.", DefaultValueFactory = _ => 1000 };
        var offset = new Option<int>("--offset") { Description = "Skip this many articles first.", DefaultValueFactory = _ => 0 };
        var cmd = new Command("list", "List stored articles.") { json, db, limit, offset };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var items = store.List(p.GetValue(limit), p.GetValue(offset));
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    total = store.Count(),
                    articles = items.Select(i => new
                    {
                        id = i.Id,
                        source_path = i.SourcePath,
                        format = i.Format.ToString().ToLowerInvariant(),
                        outlet = i.Outlet,
                        published = i.Published?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        published_kind = i.PublishedKind.ToString().ToLowerInvariant(),
                        dateline = i.Dateline,
                        title = i.Title,
                        length = i.Length,
                    }),
                });
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("Id", "Published", "Outlet", "Title / source", "Chars");
            foreach (var i in items)
            {
                table.AddRow(
                    Markup.Escape(i.Id),
                    i.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(i.Outlet ?? "-"),
                    Markup.Escape(Truncate(i.Title ?? Path.GetFileName(i.SourcePath), 60)),
                    i.Length.ToString("N0", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{items.Count:N0} of {store.Count():N0} articles in [blue]{Markup.Escape(store.Location)}[/].");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static string Truncate(string s, int n) => s.Length <= n ? s : string.Concat(s.AsSpan(0, n - 1), "…");
}
