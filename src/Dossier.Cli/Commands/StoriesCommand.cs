using System.CommandLine;
using System.Globalization;
using Dossier.Store;
using Dossier.Stories;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier stories</c>: the stories in the store; <c>--rebuild</c> re-clusters the whole corpus;
/// <c>stories merge A B</c> and <c>stories split S --articles ...</c> record corrections. JSON schema: docs/json/stories.md.
/// </summary>
public sealed class StoriesCommand : IVerb
{
    public int Order => 40;

    public Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var rebuild = new Option<bool>("--rebuild") { Description = "Re-cluster every stored article in batch mode first (corrections still apply)." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many stories (largest first).", DefaultValueFactory = _ => 1000 };
        var cmd = new Command("stories", "List stories (articles about one event); merge or split them.") { json, db, rebuild, limit };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var service = new StoryService(store);
            if (p.GetValue(rebuild))
            {
                service.Rebuild();
            }

            var stories = service.GetStories();
            Write(context, store, stories.Take(p.GetValue(limit)).ToList(), stories.Count, p.GetValue(json));
            return ExitCodes.Ok;
        });

        var mergeJson = CommonOptions.Json();
        var mergeDb = CommonOptions.Store();
        var into = new Argument<string>("into") { Description = "The story that stays (id or unique prefix)." };
        var from = new Argument<string>("from") { Description = "The story merged into it." };
        var merge = new Command("merge", "Merge story FROM into story INTO; the correction persists across ingests and rebuilds.") { into, from, mergeJson, mergeDb };
        merge.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(mergeDb));
            var view = new StoryService(store).Merge(p.GetValue(into)!, p.GetValue(from)!);
            Write(context, store, [view], 1, p.GetValue(mergeJson));
            return ExitCodes.Ok;
        });
        cmd.Subcommands.Add(merge);

        var splitJson = CommonOptions.Json();
        var splitDb = CommonOptions.Store();
        var story = new Argument<string>("story") { Description = "The story to split (id or unique prefix)." };
        var articles = new Option<string[]>("--articles") { Description = "Article ids (or unique prefixes) that form a story of their own.", AllowMultipleArgumentsPerToken = true, Required = true };
        var split = new Command("split", "Move some articles of a story into a new story; the correction persists across ingests and rebuilds.") { story, articles, splitJson, splitDb };
        split.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(splitDb));
            var ids = (p.GetValue(articles) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var view = new StoryService(store).Split(p.GetValue(story)!, ids);
            Write(context, store, [view], 1, p.GetValue(splitJson));
            return ExitCodes.Ok;
        });
        cmd.Subcommands.Add(split);
        return cmd;
    }

    internal static object ToJson(StoryView s) => new
    {
        id = s.Id,
        title = s.Title,
        articles = s.Articles,
        outlets = s.Outlets,
        independent_sources = s.IndependentSources,
        first = StoryService.Iso(s.First),
        last = StoryService.Iso(s.Last),
    };

    private static void Write(CliContext context, IArticleStore store, IReadOnlyList<StoryView> stories, int total, bool json)
    {
        if (json)
        {
            context.WriteJson(new { total, stories = stories.Select(ToJson) });
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Story", "Articles", "Sources", "First", "Last", "Outlets", "Title");
        foreach (var s in stories)
        {
            table.AddRow(
                Markup.Escape(s.Id),
                s.Articles.Count.ToString(CultureInfo.InvariantCulture),
                s.IndependentSources.ToString(CultureInfo.InvariantCulture),
                s.First?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                s.Last?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(Truncate(string.Join(", ", s.Outlets), 30)),
                Markup.Escape(Truncate(s.Title, 60)));
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"{stories.Count:N0} of {total:N0} stories in [blue]{Markup.Escape(store.Location)}[/].");
    }

    internal static string Truncate(string s, int n) => s.Length <= n ? s : string.Concat(s.AsSpan(0, n - 1), "…");
}
