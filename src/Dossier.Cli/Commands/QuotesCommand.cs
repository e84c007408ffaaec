using System.CommandLine;
using System.Globalization;
using Dossier.Analysis;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Entities;
using Dossier.Quotes;
using Dossier.Reading;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier quotes FILE</c>: who said what in one text file; <c>dossier quotes --story ID</c>: the quotes of a
/// stored story grouped by speaker. JSON schema: docs/json/quotes.md.
/// </summary>
public sealed class QuotesCommand : IVerb
{
    public int Order => 60;

    public Command Build(CliContext context)
    {
        var file = new Argument<string?>("file") { Description = "A text file (omit with --story).", Arity = ArgumentArity.ZeroOrOne };
        var date = new Option<string?>("--date") { Description = "Publication date of FILE (YYYY-MM-DD)." };
        var story = new Option<string?>("--story") { Description = "A stored story id: its quotes grouped by speaker." };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var cmd = new Command("quotes", "Who said what: direct quotes and reported speech with their speakers.") { file, date, story, json, db };
        cmd.SetAction(p =>
        {
            var storyId = p.GetValue(story);
            if (storyId is not null)
            {
                return RunStory(context, storyId, p.GetValue(db), p.GetValue(json));
            }

            var path = p.GetValue(file);
            if (path is null)
            {
                context.Fail("quotes: give a FILE or --story ID.");
                return ExitCodes.Usage;
            }

            DateTimeOffset? published = null;
            if (p.GetValue(date) is { } d)
            {
                if (!DateTime.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    DossierThrow.Dossier_BadOption("--date", d, "a date YYYY-MM-DD");
                }

                published = new DateTimeOffset(parsed, TimeSpan.Zero);
            }

            var (input, rejection) = InputLoader.Load(path);
            if (input is null)
            {
                context.Fail(rejection!.ToString());
                return ExitCodes.Failed;
            }

            var read = ReaderRegistry.Default.Read(input).FirstOrDefault();
            if (read.Document is null)
            {
                context.Fail(read.Rejection?.ToString() ?? $"{path}: no article in this file.");
                return ExitCodes.Failed;
            }

            var article = ArticleCleaner.Default.Clean(read.Document);
            if (published is not null)
            {
                article = article with { Published = published, PublishedKind = DateKind.Given };
            }

            var annotated = new AnnotatedArticle(article);
            DossierPipelineBuilder.Default.Annotate(annotated);
            var layer = annotated.Get<QuotesLayer>() ?? RuleQuoteExtractor.Default.Extract(article.Text);
            var items = layer.Quotes.Select(q => QuoteJson.Of(article, q)).ToList();
            if (p.GetValue(json))
            {
                context.WriteJson(new { schema = "dossier.quotes/1", article = article.Id, source_path = article.SourcePath, quotes = items });
                return ExitCodes.Ok;
            }

            var t = new Table().Border(TableBorder.Rounded).AddColumns("Speaker", "Entity", "Cue", "Kind", "Quote", "Span");
            foreach (var q in items)
            {
                t.AddRow(
                    Markup.Escape(q.Speaker ?? "-"),
                    Markup.Escape(q.Entity ?? "-"),
                    Markup.Escape(q.Cue ?? "-"),
                    q.Direct ? (q.Partial ? "partial" : "direct") : "reported",
                    Markup.Escape(Shorten(q.Text, 90)),
                    $"{q.Start}-{q.End}");
            }

            context.Console.Write(t);
            context.Console.MarkupLine($"[grey]{items.Count} quotes in {Markup.Escape(article.SourcePath)}[/]");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static int RunStory(CliContext context, string storyId, string? db, bool json)
    {
        using var store = StoreFactory.Open(db);
        var s = store.GetStories().FirstOrDefault(x => x.Id == storyId || x.Id.StartsWith(storyId, StringComparison.Ordinal));
        if (s is null)
        {
            DossierThrow.Dossier_StoryNotFound(storyId);
        }

        var articles = s.Articles.Select(id => store.Get(id)).OfType<Article>().Select(a => new AnnotatedArticle(a)).ToList();
        DossierPipelineBuilder.Default.AnnotateAll(articles);

        // Speakers named as the story's entities are (one identity across its articles' spellings).
        var corpus = CorpusResolver.Default.Resolve(articles.Where(a => a.Get<EntityLayer>() is not null).Select(a => (a.Id, a.Get<EntityLayer>()!)));
        var all = articles.SelectMany(a => (a.Get<QuotesLayer>()?.Quotes ?? [])
            .Select(q => QuoteJson.Of(a.Article, q.Entity is null ? q : q with { Entity = QuotesSection.CorpusName(corpus, a, q.Entity) }))).ToList();
        // Speakers' groups hold their speech and thought; statements whose cue reports no speech ("photos showed",
        // "leaders reached") are listed apart.
        var other = all.Where(q => q.CueKind == QuotesSection.OtherKind).ToList();
        var groups = all.Where(q => q.CueKind != QuotesSection.OtherKind).GroupBy(q => q.Entity ?? "(unattributed)", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StorySpeaker(g.Key == "(unattributed)" ? null : g.Key, [.. g]))
            .ToList();
        if (json)
        {
            context.WriteJson(new { schema = "dossier.quotes.story/1", story = s.Id, speakers = groups, other_statements = other });
            return ExitCodes.Ok;
        }

        foreach (var (title, quotes) in groups.Select(g => (g.Entity ?? "(unattributed)", g.Quotes)).Append(("Other statements (no speech: evidence, events)", other)).Where(g => g.Item2.Count > 0))
        {
            var t = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title)).AddColumns("Article", "Speaker", "Cue", "Kind", "Quote");
            foreach (var q in quotes)
            {
                t.AddRow(Markup.Escape(q.Article[..Math.Min(12, q.Article.Length)]), Markup.Escape(q.Entity ?? q.Speaker ?? "-"), Markup.Escape(q.Cue ?? "-"), q.Direct ? "direct" : "reported", Markup.Escape(Shorten(q.Text, 90)));
            }

            context.Console.Write(t);
        }

        return ExitCodes.Ok;
    }

    private static string Shorten(string s, int n) => s.Length <= n ? s : string.Concat(s.AsSpan(0, n - 1), "…");

    internal sealed record StorySpeaker(string? Entity, IReadOnlyList<QuoteJson> Quotes);
}

/// <summary>One quote as <c>dossier quotes --json</c> prints it: offsets into the article's SourceText.</summary>
internal sealed record QuoteJson(
    string Article,
    string Text,
    int Start,
    int End,
    bool Direct,
    bool Partial,
    string? Cue,
    string CueKind,
    string? Speaker,
    int? SpeakerStart,
    int? SpeakerEnd,
    string? Entity,
    string Attribution)
{
    public static QuoteJson Of(Article a, Quote q)
    {
        var span = a.Map.ToSource(q.Span);
        TextSpan? sp = q.SpeakerStart >= 0 ? a.Map.ToSource(new TextSpan(q.SpeakerStart, q.SpeakerEnd)) : null;
        return new QuoteJson(
            a.Id,
            span.Slice(a.SourceText),
            span.Start,
            span.End,
            q.Direct,
            q.Partial,
            q.Cue,
            QuotesSection.KindName(q.CueClass),
            q.Speaker,
            sp?.Start,
            sp?.End,
            q.Entity,
            q.Attribution.ToString().ToLowerInvariant());
    }
}
