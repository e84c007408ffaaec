using System.CommandLine;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;
using Dossier.Time;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier timeline [--story ID] [--json]</c>: the dated events of stored articles, one timeline per story
/// (stored stories when there are any, else all articles as one story). JSON schema: docs/json/timeline.md.
/// </summary>
public sealed class TimelineCommand : IVerb
{
    public int Order => 61;

    public Command Build(CliContext context)
    {
        var story = new Option<string?>("--story") { Description = "A story id (see 'dossier stories'); default: every story, or all articles when no stories are stored." };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var cmd = new Command("timeline", "Show the timeline of a story: dated events merged across articles, each citing its articles.") { story, json, db };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var articles = store.Enumerate().Select(a => new AnnotatedArticle(a)).ToList();
            var byId = articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
            var stories = store.GetStories();
            var wanted = p.GetValue(story);
            var groups = new List<StoryArticles>();
            if (stories.Count == 0)
            {
                if (wanted is { Length: > 0 })
                {
                    DossierThrow.Dossier_StoryNotFound(wanted);
                }

                groups.Add(new StoryArticles(null, articles));
            }
            else
            {
                foreach (var s in stories.Where(s => wanted is not { Length: > 0 } || string.Equals(s.Id, wanted, StringComparison.Ordinal)))
                {
                    groups.Add(new StoryArticles(s.Id, s.Articles.Where(byId.ContainsKey).Select(id => byId[id]).ToList()));
                }

                if (groups.Count == 0)
                {
                    DossierThrow.Dossier_StoryNotFound(wanted!);
                }
            }

            // Copy relations inside each story: text an update carries over is dated as its first article dated it.
            var relations = store.GetRelations().ToLookup(r => r.A, StringComparer.Ordinal);
            groups = [.. groups.Select(g => StoryArticles.With(g.StoryId, g.Articles, relations))];
            var selected = groups.SelectMany(g => g.Articles).Distinct().ToList();
            DossierPipelineBuilder.Default.AnnotateAll(selected);
            var events = new TimelineBuilder().Build(groups);
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    timelines = groups.Select(g => new
                    {
                        story = g.StoryId,
                        articles = g.Articles.Select(a => Anchor(a)).ToList(),
                        events = events.Where(e => e.Story == g.StoryId).Select(e => new
                        {
                            date = e.Date,
                            text = e.Text,
                            speaker = TimelineStage.SpeakerOf(e, byId),
                            articles = e.Articles,
                            mentions = e.Mentions.Select(m => Mention(byId[m.ArticleId].Article, m)).ToList(),
                        }).ToList(),
                    }).ToList(),
                });
                return ExitCodes.Ok;
            }

            foreach (var g in groups)
            {
                var t = new Table().Title(Markup.Escape(g.StoryId is null ? "all articles" : $"story {g.StoryId}")).AddColumns("date", "event", "articles");
                foreach (var e in events.Where(e => e.Story == g.StoryId))
                {
                    var said = TimelineStage.SpeakerOf(e, byId) is { } who ? $"{who}: {e.Text}" : e.Text;
                    t.AddRow(e.Date, Markup.Escape(said), string.Join(" ", e.Articles.Select(a => a[..Math.Min(8, a.Length)])));
                }

                context.Console.Write(t);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static object Anchor(AnnotatedArticle a)
    {
        var l = a.Get<TimeLayer>();
        return new
        {
            id = a.Id,
            anchor = l?.Anchor?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            anchor_kind = (l?.Anchor?.Kind ?? AnchorKind.None).ToString().ToLowerInvariant(),
            anchor_reason = l?.Anchor?.Reason ?? l?.Unresolved,
        };
    }

    private static object Mention(Article a, TimelineMention m)
    {
        var clause = a.Map.ToSource(new TextSpan(m.Start, m.End));
        var expr = a.Map.ToSource(new TextSpan(m.ExpressionStart, m.ExpressionEnd));
        return new
        {
            article = m.ArticleId,
            start = clause.Start,
            end = clause.End,
            text = a.SourceText[clause.Start..clause.End],
            expression_start = expr.Start,
            expression_end = expr.End,
            expression = a.SourceText[expr.Start..expr.End],
            value = m.Value,
            anchor = m.Anchor.ToString().ToLowerInvariant(),
        };
    }
}
