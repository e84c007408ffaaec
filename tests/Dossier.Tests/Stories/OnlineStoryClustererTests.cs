using System.Text.Json;
using Dossier.Stories;

namespace Dossier.Tests.Stories;

public sealed class OnlineStoryClustererTests
{
    private static Dictionary<string, string> Groups(OnlineStoryClusterer c) => StoryBatch.Assignment(c);

    [Fact]
    public void Should_keep_two_earthquakes_apart_and_each_together()
    {
        // Given two earthquakes reported in interleaved order and an unrelated article
        var articles = StoryTestData.TwoQuakes();

        // When clustered online
        var g = Groups(StoryBatch.Cluster(articles));

        // Then each quake is one story, and they differ
        g["a1"].ShouldBe(g["a2"]);
        g["a1"].ShouldBe(g["a3"]);
        g["b1"].ShouldBe(g["b2"]);
        g["b1"].ShouldBe(g["b3"]);
        g["a1"].ShouldNotBe(g["b1"]);
        g["c1"].ShouldNotBe(g["a1"]);
        g["c1"].ShouldNotBe(g["b1"]);
    }

    [Fact]
    public void Should_name_a_story_after_its_founding_article()
    {
        // Given the earthquakes
        var g = Groups(StoryBatch.Cluster(StoryTestData.TwoQuakes()));

        // Then story ids derive from the first article of each story
        g["a2"].ShouldBe(StoryIds.For("a1"));
        g["b3"].ShouldBe(StoryIds.For("b1"));
    }

    [Fact]
    public void Should_give_the_same_stories_in_one_batch_or_many()
    {
        // Given the articles added at once
        var articles = StoryTestData.TwoQuakes();
        var whole = Groups(StoryBatch.Cluster(articles));

        // When added one at a time, the state saved to JSON and loaded between articles
        var extractor = new StoryFeatureExtractor();
        string? json = null;
        foreach (var a in articles)
        {
            var c = json is null ? new OnlineStoryClusterer() : OnlineStoryClusterer.Load(JsonSerializer.Deserialize<ClustererState>(json)!);
            c.Add(extractor.Extract(a));
            json = JsonSerializer.Serialize(c.Save());
        }

        var pieces = Groups(OnlineStoryClusterer.Load(JsonSerializer.Deserialize<ClustererState>(json!)!));

        // Then the assignment and the saved state are identical
        pieces.ShouldBe(whole);
        json.ShouldBe(JsonSerializer.Serialize(StoryBatch.Cluster(articles).Save()));
    }

    [Fact]
    public void Should_start_a_new_story_when_the_same_kind_of_event_comes_months_later()
    {
        // Given an article identical in wording to an earlier story but dated 90 days later
        var first = StoryTestData.TwoQuakes()[0];
        var later = first with { Id = "later", Published = first.Published!.Value.AddDays(90) };

        // When clustered
        var g = Groups(StoryBatch.Cluster([first, later]));

        // Then the old story was closed: a new one starts
        g["later"].ShouldNotBe(g[first.Id]);
    }

    [Fact]
    public void Should_put_a_copy_in_its_originals_story_and_count_it_once()
    {
        // Given an unrelated article declared a copy of a quake article
        var articles = StoryTestData.TwoQuakes().ToList();
        var c = StoryBatch.Cluster(articles, copyOf: id => id == "c1" ? "a1" : null);

        // Then it joined the original's story as a copy
        var story = c.ClusterOf("c1")!;
        story.ShouldBe(c.ClusterOf("a1"));
        story.Copies.ShouldBe(1);
    }

    [Fact]
    public void Should_score_few_candidates_per_article_however_many_stories_exist()
    {
        // Given 3,000 distinct one-article stories over 300 days (a few a day)
        var extractor = new StoryFeatureExtractor();
        var c = new OnlineStoryClusterer();
        var start = StoryTestData.Day("2020-01-01");
        for (var i = 0; i < 3000; i++)
        {
            var w = $"w{i}x";
            var a = StoryTestData.Make("d" + i, $"Officials reported {w} {w} near {w}ville while markets closed.", published: start.AddDays(i / 10.0));
            c.Add(extractor.Extract(a));
        }

        // Then only the stories of the last two windows stay open and candidate scoring stays bounded
        c.OpenClusters.ShouldBeLessThan(200);
        (c.CandidatesScored / 3000.0).ShouldBeLessThan(c.Options.MaxCandidates);
    }

    [Fact]
    public void Should_split_a_story_again_when_the_other_event_gets_articles_of_its_own()
    {
        // Given an article that shares words with a story on arrival, then two articles of its own event
        var options = StoryOptions.Default with { AttachSize = 0 };
        var a1 = StoryTestData.Make("a1", "orchid falcon granite meadow");
        var b1 = StoryTestData.Make("b1", "orchid falcon velvet copper saddle tundra quartz");
        var b2 = StoryTestData.Make("b2", "velvet copper saddle tundra quartz");
        var b3 = StoryTestData.Make("b3", "velvet copper saddle tundra quartz");
        var early = StoryBatch.Cluster([a1, b1], options);

        // When the other event's articles arrive
        var c = StoryBatch.Cluster([a1, b1, b2, b3], options);

        // Then the first article joined the story at first, and the re-clustering moved it to its own event's story
        early.ClusterOf("b1").ShouldBe(early.ClusterOf("a1"));
        c.ClusterOf("b1").ShouldNotBe(c.ClusterOf("a1"));
        c.ClusterOf("b1").ShouldBe(c.ClusterOf("b3"));

        // And the founder's part kept the story id, the other part is named after its first article
        c.ClusterOf("a1")!.Id.ShouldBe(StoryIds.For("a1"));
        c.ClusterOf("b1")!.Id.ShouldBe(StoryIds.For("b1"));
    }

    [Fact]
    public void Should_keep_stories_merged_by_the_user_together_when_articles_arrive()
    {
        // Given the two earthquakes merged into one story by the user after their first articles
        var articles = StoryTestData.TwoQuakes();
        var extractor = new StoryFeatureExtractor();
        var c = new OnlineStoryClusterer();
        foreach (var a in articles.Take(3))
        {
            c.Add(extractor.Extract(a));
        }

        c.Merge(c.ClusterOf("a1")!, c.ClusterOf("b1")!);

        // When the other articles arrive
        foreach (var a in articles.Skip(3))
        {
            c.Add(extractor.Extract(a));
        }

        // Then no re-clustering separates the merged articles
        c.ClusterOf("b1").ShouldBe(c.ClusterOf("a1"));
        c.ClusterOf("a2").ShouldBe(c.ClusterOf("a1"));
        c.ClusterOf("a1")!.Id.ShouldBe(StoryIds.For("a1"));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(5, true)]
    [InlineData(1, false)]
    public void Should_not_close_stories_because_of_one_misdated_article(int clockArticles, bool joined)
    {
        // Given a story, then an unrelated article dated years later (a wrong date), then a follow-up of the story
        var options = StoryOptions.Default with { ClockArticles = clockArticles };
        var quake = StoryTestData.TwoQuakes();
        var misdated = StoryTestData.Make("x", "The central bank kept its benchmark interest rate unchanged.", published: StoryTestData.Day("2031-01-01"));

        // When clustered
        var c = StoryBatch.Cluster([quake[0], misdated, quake[2]], options);

        // Then the follow-up joins the story unless the clock follows the latest article alone
        (c.ClusterOf("a2") == c.ClusterOf("a1")).ShouldBe(joined);
    }

    [Fact]
    public void Should_keep_at_most_the_latest_members_free_in_a_story()
    {
        // Given one long-running story of 12 articles and room for 5 free members
        var options = StoryOptions.Default with { LocalMembers = 5 };
        var articles = Enumerable.Range(0, 12).Select(i => StoryTestData.Make("m" + i, $"Rescuers in Bam searched the rubble after the magnitude 6.1 earthquake in Kerman province, Iran, report {i}.")).ToList();

        // When clustered
        var story = StoryBatch.Cluster(articles, options).ClusterOf("m0")!;

        // Then it is one story whose latest 5 members may still move and whose 7 older ones are frozen
        story.Members.Count.ShouldBe(12);
        story.Free.Select(m => m.Id).ShouldBe(["m7", "m8", "m9", "m10", "m11"]);
        story.CoreCount.ShouldBe(7);
    }
}
