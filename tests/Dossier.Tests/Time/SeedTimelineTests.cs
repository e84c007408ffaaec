using Dossier.Analysis;
using Dossier.Store;
using Dossier.Tests.Support;
using Dossier.Time;

namespace Dossier.Tests.Time;

/// <summary>The seed articles (../shared/seeds): one merged timeline citing the right articles.</summary>
public sealed class SeedTimelineTests
{
    private static readonly Lazy<(IReadOnlyList<TimelineEvent> Events, Dictionary<string, string> Ids, List<AnnotatedArticle> Articles)> Built = new(Build);

    [SharedTheory("seeds")]
    [InlineData("2023-09-13", "summit", new[] { "000", "001", "004" })]
    [InlineData("2023-09-13", "fired two ballistic missiles", new[] { "000", "001" })]
    [InlineData("2023-09-14", "Korean Central News Agency", new[] { "000", "001", "004" })]
    [InlineData("2023-09-15", "Komsomolsk-on-Amur", new[] { "001" })]
    [InlineData("2023-10", "October", new[] { "000", "004" })]
    [InlineData("1949", "1949", new[] { "004" })]
    [InlineData("2000-07", "July 2000", new[] { "004" })]
    public void Should_put_each_seed_event_on_one_merged_entry_citing_its_articles(string date, string words, string[] seeds)
    {
        // Given the three seed articles analysed as one story
        var (events, ids, _) = Built.Value;

        // When the timeline is built
        // Then one entry on that date mentions the event and cites exactly the articles that report it on that date
        var want = seeds.Select(s => ids[s]).Order(StringComparer.Ordinal).ToList();
        var entry = events.Where(e => e.Date == date && e.Mentions.Any(m => m.Text.Contains(words, StringComparison.Ordinal)))
            .OrderByDescending(e => e.Articles.Count).FirstOrDefault();
        entry.ShouldNotBeNull($"no {date} entry mentions '{words}'; entries: {string.Join(" | ", events.Select(e => e.Date + ": " + e.Text))}");
        entry.Articles.Order(StringComparer.Ordinal).ToList().ShouldBe(want, customMessage: $"{date} '{words}': {string.Join(" | ", entry.Mentions.Select(m => m.ArticleId[..4] + ": " + m.Text))}");
    }

    [SharedFact("seeds")]
    public void Should_anchor_the_undated_seed_on_its_story_and_the_updated_one_on_its_header()
    {
        // Given the seeds
        var (_, ids, articles) = Built.Value;
        TimeLayer Layer(string seed) => articles.Single(a => a.Id == ids[seed]).Require<TimeLayer>();

        // Then 000 (no date) takes the story's latest date, 001 and 004 their headers
        Layer("000").Anchor!.Kind.ShouldBe(AnchorKind.Story);
        Layer("000").Anchor!.Date.ShouldBe(new DateOnly(2023, 9, 14));
        Layer("001").Anchor!.Kind.ShouldBe(AnchorKind.Given);
        Layer("001").Anchor!.Date.ShouldBe(new DateOnly(2023, 9, 13));
        Layer("004").Anchor!.Date.ShouldBe(new DateOnly(2023, 9, 14));

        // And 001's "arrived Friday" (an update above the 2023-09-13 text) is 2023-09-15, reported as inferred
        var a = articles.Single(x => x.Id == ids["001"]);
        var friday = Layer("001").Expressions.First(e => a.Text[e.Start..e.End] == "Friday");
        friday.Value.ShouldBe("2023-09-15");
        friday.Anchor.ShouldBe(AnchorKind.Inferred);
    }

    private static (IReadOnlyList<TimelineEvent>, Dictionary<string, string>, List<AnnotatedArticle>) Build()
    {
        using var dir = new TempDir();
        var db = dir.File("seeds.db");
        CliRunner.Run("ingest", Repo.Seeds, "--db", db).ExitCode.ShouldBe(0);
        using var store = StoreFactory.Open(db);
        var articles = store.Enumerate().Select(a => new AnnotatedArticle(a)).ToList();
        var ids = articles.ToDictionary(a => Path.GetFileName(a.Article.SourcePath)[..3], a => a.Id);
        DossierPipelineBuilder.Default.AnnotateAll(articles);
        var events = new TimelineBuilder().Build([new StoryArticles(null, articles)]);
        return (events, ids, articles);
    }
}
