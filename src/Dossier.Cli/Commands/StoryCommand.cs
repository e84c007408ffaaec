using System.CommandLine;
using System.Globalization;
using Dossier.Store;
using Dossier.Stories;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier story ID</c>: one story with its articles. JSON schema: docs/json/story.md.</summary>
public sealed class StoryCommand : IVerb
{
    public int Order => 41;

    public Command Build(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Story id, a unique prefix of it, or the id of one of its articles." };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var cmd = new Command("story", "Show one story and its articles.") { id, json, db };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var story = StoryService.Find(new StoryService(store).GetStories(), p.GetValue(id)!);
            var articles = story.Articles.Select(a => store.Get(a)).OfType<Core.Article>().ToList();
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    id = story.Id,
                    title = story.Title,
                    outlets = story.Outlets,
                    independent_sources = story.IndependentSources,
                    first = StoryService.Iso(story.First),
                    last = StoryService.Iso(story.Last),
                    articles = articles.Select(a => new
                    {
                        id = a.Id,
                        title = a.Title,
                        outlet = a.Outlet,
                        published = StoryService.Iso(a.Published),
                        source_path = a.SourcePath,
                    }),
                });
                return ExitCodes.Ok;
            }

            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string k, string? v) => grid.AddRow($"[grey]{k}[/]", Markup.Escape(v ?? "-"));
            Row("story", story.Id);
            Row("title", story.Title);
            Row("articles", story.Articles.Count.ToString(CultureInfo.InvariantCulture));
            Row("independent", story.IndependentSources.ToString(CultureInfo.InvariantCulture));
            Row("outlets", story.Outlets.Count == 0 ? null : string.Join(", ", story.Outlets));
            Row("first", story.First?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            Row("last", story.Last?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            context.Console.Write(grid);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Article", "Published", "Outlet", "Title / source");
            foreach (var a in articles)
            {
                table.AddRow(
                    Markup.Escape(a.Id),
                    a.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(a.Outlet ?? "-"),
                    Markup.Escape(StoriesCommand.Truncate(a.Title ?? Path.GetFileName(a.SourcePath), 70)));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
