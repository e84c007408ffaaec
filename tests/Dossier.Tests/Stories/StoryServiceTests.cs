using System.Text.Json;
using Dossier.Store;
using Dossier.Stories;
using Dossier.Tests.Support;

namespace Dossier.Tests.Stories;

public sealed class StoryServiceTests
{
    private static void Ingest(IArticleStore store, IReadOnlyList<Dossier.Core.Article> articles)
    {
        var outcome = store.AddBatch(articles);
        var added = outcome.AddedIds.ToHashSet();
        new StoryStage().Apply(store, [.. articles.Where(a => added.Contains(a.Id))]);
    }

    [Fact]
    public void Should_store_stories_with_title_outlets_dates_and_sources()
    {
        // Given a store fed the earthquake articles in two batches
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("s.db"));
        var articles = StoryTestData.TwoQuakes().Select(a => a with { Outlet = a.Id.StartsWith('a') ? "AP" : "Kyodo" }).ToList();
        Ingest(store, articles.Take(3).ToList());
        Ingest(store, articles.Skip(3).ToList());

        // When the stories are read back
        var stories = new StoryService(store).GetStories();

        // Then the Bam quake is one story with its outlet, dates and a lead-sentence title, its three AP articles one source
        var bam = StoryService.Find(stories, "a1");
        bam.Articles.ShouldBe(["a1", "a2", "a3"]);
        bam.Outlets.ShouldBe(["AP"]);
        bam.IndependentSources.ShouldBe(1);
        bam.First.ShouldBe(StoryTestData.Day("2024-03-05"));
        bam.Last.ShouldBe(StoryTestData.Day("2024-03-07"));
        bam.Title.ShouldStartWith("A magnitude 6.1 earthquake struck near the town of Bam");
        stories.Count.ShouldBe(3);
    }

    [Fact]
    public void Should_keep_merges_and_splits_across_new_ingests_and_rebuilds()
    {
        // Given the two quakes stored as two stories
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("s.db"));
        var articles = StoryTestData.TwoQuakes();
        Ingest(store, articles.Take(5).ToList());
        var service = new StoryService(store);
        var bam = StoryService.Find(service.GetStories(), "a1").Id;
        var noto = StoryService.Find(service.GetStories(), "b1").Id;

        // When the user merges them, and splits a2 out of the merged story
        service.Merge(bam, noto).Articles.ShouldContain("b2");
        service.Split(bam, ["a2"]).Articles.ShouldBe(["a2"]);

        // And more articles arrive, and the corpus is re-clustered
        Ingest(store, articles.Skip(5).ToList());
        var afterIngest = service.GetStories();
        service.Rebuild();
        var afterRebuild = service.GetStories();

        // Then both corrections still hold each time
        foreach (var stories in new[] { afterIngest, afterRebuild })
        {
            var merged = StoryService.Find(stories, "a1");
            merged.Articles.ShouldContain("b1");
            merged.Articles.ShouldContain("a3");
            merged.Articles.ShouldNotContain("a2");
            StoryService.Find(stories, "a2").Articles.ShouldBe(["a2"]);
        }
    }

    [SharedFact("seeds")]
    public void Should_make_one_story_of_the_three_seeds()
    {
        // Given the three seed articles ingested through the CLI
        using var dir = new TempDir();
        var db = dir.File("s.db");
        CliRunner.Run("ingest", Repo.Seeds, "--db", db).ExitCode.ShouldBe(0);

        // When the stories are listed as JSON
        var r = CliRunner.Run("stories", "--db", db, "--json");

        // Then there is one story holding all three, with the documented fields
        r.ExitCode.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        var stories = doc.RootElement.GetProperty("stories");
        stories.GetArrayLength().ShouldBe(1);
        stories[0].GetProperty("articles").GetArrayLength().ShouldBe(3);
        foreach (var field in new[] { "id", "title", "articles", "outlets", "independent_sources", "first", "last" })
        {
            stories[0].TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        // And the story verb shows it, by story id or by one of its articles
        var id = stories[0].GetProperty("id").GetString()!;
        var one = CliRunner.Run("story", id, "--db", db, "--json");
        one.ExitCode.ShouldBe(0);
        using var story = JsonDocument.Parse(one.Out);
        story.RootElement.GetProperty("articles").GetArrayLength().ShouldBe(3);
        CliRunner.Run("story", stories[0].GetProperty("articles")[1].GetString()!, "--db", db).ExitCode.ShouldBe(0);

        // And analyze fills stories[] for the analysed articles
        var analyzed = CliRunner.Run("analyze", "--db", db, "--json");
        if (analyzed.ExitCode == 0 && analyzed.Out.TrimStart().StartsWith('{'))
        {
            using var a = JsonDocument.Parse(analyzed.Out);
            a.RootElement.GetProperty("stories").GetArrayLength().ShouldBe(1);
        }
    }

    [Theory]
    [InlineData("KELDBY, Sarn (Coastline Press) — A levee on the Rhune River broke on Tuesday, flooding the harbor.\n\nSix people died.", "A levee on the Rhune River broke on Tuesday, flooding the harbor.")]
    [InlineData("A levee on the Rhune River broke on Tuesday after a week of storms, flooding hundreds of homes in the port town of Keldby and killing six people, officials said on Wednesday.", "A levee on the Rhune River broke on Tuesday after a week of storms, flooding hundreds of homes in the port town of Keldby and killing six people, officials...")]
    public void Should_title_an_untitled_story_with_its_lead_sentence_after_the_dateline_cut_at_a_word(string input, string expected)
    {
        // Given a plain text article with no headline
        var raw = new Dossier.Reading.PlainTextReader().Read(new Dossier.Reading.InputText("lead.txt", input)).Single().Document!;
        var article = Dossier.Cleaning.ArticleCleaner.Default.Clean(raw);

        // When its lead sentence is taken as a title
        var title = StoryService.LeadSentence(article);

        // Then the dateline is not part of it and a long sentence is cut after a whole word
        title.ShouldBe(expected);
    }

    [Fact]
    public void Should_report_an_unknown_story_in_one_line()
    {
        // Given an empty store
        using var dir = new TempDir();

        // When asking for a story that does not exist
        var r = CliRunner.Run("story", "nope", "--db", dir.File("s.db"));

        // Then the command fails with a one-line error naming the id
        r.ExitCode.ShouldNotBe(0);
        r.Error.ShouldContain("nope");
    }

    [Theory]
    [InlineData(25_000, 3)]
    [InlineData(0, 7)]
    public void Should_recluster_a_small_store_in_batch_before_analysis(int limit, int expected)
    {
        // Given the two quakes stored with every article wrongly in a story of its own
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("s.db"));
        var articles = StoryTestData.TwoQuakes();
        Ingest(store, articles);
        store.ReplaceStories([.. articles.Select(a => new StoryRecord("s" + a.Id, a.Id, [a.Id]))]);

        // When the analysis fills stories[] with a store of at most limit articles re-clustered in batch
        var context = new Dossier.Analysis.CorpusContext(store, [.. articles.Select(a => new Dossier.Analysis.AnnotatedArticle(a))], new Dossier.Analysis.AnalysisDocument());
        new StoriesSection(StoryOptions.Default with { AnalyzeRebuildLimit = limit }).Run(context);

        // Then the small store gets the batch stories (as a rebuild), and the stored ones are kept when the limit is 0
        context.Document.Stories.Count.ShouldBe(expected);
        new StoryService(store).GetStories().Count.ShouldBe(expected);
    }
}
