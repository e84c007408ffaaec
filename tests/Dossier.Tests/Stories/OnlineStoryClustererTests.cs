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
}
