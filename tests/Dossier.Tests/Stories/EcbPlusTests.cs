using System.Text.Json;
using Dossier.Corpora;
using Dossier.Stories;
using Dossier.Tests.Support;

namespace Dossier.Tests.Stories;

public sealed class EcbPlusTests
{
    private static string Ecb => Repo.Data("ecbplus");

    [SharedFact("data/ecbplus")]
    public void Should_read_tokens_sentences_mentions_and_header()
    {
        // Given an ECB+ (plus half) document
        var doc = EcbPlusReader.ReadFile(Path.Combine(Ecb, "1", "1_10ecbplus.xml"));

        // Then tokens map into the text, mentions point at tokens, and the gold labels follow the name
        doc.GoldEvent.ShouldBe("1ecbplus");
        doc.GoldTopic.ShouldBe("1");
        foreach (var t in doc.Tokens)
        {
            doc.Text[t.Start..t.End].ShouldBe(t.Text);
        }

        doc.Markables.ShouldContain(m => m.TokenIds.Count > 0);
        doc.Relations.ShouldNotBeEmpty();

        // And the URL line leaves the text while the headline and date line are read
        var a = doc.ToArticle();
        a.Id.ShouldBe("1_10ecbplus");
        a.Url!.ShouldStartWith("http");
        a.Title.ShouldBe("Lindsay Lohan checks into Betty Ford Center");
        a.Published!.Value.Year.ShouldBe(2013);
        a.Text.ShouldNotContain("http");
        a.Map.ToSource(0).ShouldBe(doc.Sentences[1].Start);
    }

    [Theory]
    [InlineData("May 03 , 2013", 2013, 5, 3)]
    [InlineData("11 / 30 / 09 05 : 40 PM ET", 2009, 11, 30)]
    [InlineData("WEDNESDAY , MARCH 4 , 2009 , 10", 2009, 3, 4)]
    [InlineData("27 NOVEMBER , 2005", 2005, 11, 27)]
    public void Should_parse_ecb_date_lines(string line, int y, int m, int d)
    {
        EcbDates.TryParse(line, out var date).ShouldBeTrue();
        date.ShouldBe(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Jul. 7 5: 59 PM EDT")]
    [InlineData("Sat Mar 9 , 10 : 45 AM")]
    public void Should_not_take_a_clock_time_for_a_year(string line) =>
        EcbDates.TryParse(line, out var date).ShouldBeFalse($"read as {date:yyyy-MM-dd}");

    [Fact]
    public void Should_not_take_a_headline_for_a_date() =>
        EcbDates.TryParse("Lindsay Lohan checks into Betty Ford Center", out _).ShouldBeFalse();

    [SharedFact("data/ecbplus")]
    public void Should_keep_the_dev_score_on_ecbplus_topics_1_to_10()
    {
        // Given the ECB+ dev topics (1-10), the only ones used for tuning
        var docs = EcbPlusReader.ReadCorpus(Ecb, t => t <= 10);
        var articles = docs.Select(d => d.ToArticle()).ToList();
        var gold = docs.ToDictionary(d => d.Name[..^4], d => d.GoldEvent);
        var goldTopic = docs.ToDictionary(d => d.Name[..^4], d => d.GoldTopic);

        // When clustered in batch mode
        var (stories, topics) = new BatchStoryClusterer().AssignWithTopics(articles);

        // Then the event-level and topic-level B-cubed F1 stay at their measured floors (docs/quality.md)
        docs.Count.ShouldBe(231);
        ClusterScores.Score(stories, gold).BCubedF1.ShouldBeGreaterThan(0.91);
        ClusterScores.Score(topics!, goldTopic).BCubedF1.ShouldBeGreaterThan(0.96);
    }

    [SharedFact("data/ecbplus")]
    public void Should_keep_the_online_score_close_to_the_batch_score_on_ecbplus_topics_1_to_10()
    {
        // Given the ECB+ dev topics
        var docs = EcbPlusReader.ReadCorpus(Ecb, t => t <= 10);
        var articles = docs.Select(d => d.ToArticle()).ToList();
        var gold = docs.ToDictionary(d => d.Name[..^4], d => d.GoldEvent);

        // When clustered online (one article at a time, as the incremental stage does) and in batch
        var online = ClusterScores.Score(StoryBatch.Assignment(StoryBatch.Cluster(articles)), gold);
        var batch = ClusterScores.Score(new BatchStoryClusterer().Assign(articles), gold);

        // Then the online score stays at its measured floor, within 0.01 of the batch score (docs/quality.md)
        online.BCubedF1.ShouldBeGreaterThan(0.91);
        (batch.BCubedF1 - online.BCubedF1).ShouldBeLessThan(0.01);
    }

    [SharedFact("data/ecbplus")]
    public void Should_find_more_of_an_events_stories_online_when_more_article_features_are_looked_up_on_ecbplus_topics_1_to_10()
    {
        // Given the ECB+ dev topics
        var docs = EcbPlusReader.ReadCorpus(Ecb, t => t <= 10);
        var articles = docs.Select(d => d.ToArticle()).ToList();
        var gold = docs.ToDictionary(d => d.Name[..^4], d => d.GoldEvent);
        double Online(StoryOptions options) => ClusterScores.Score(StoryBatch.Assignment(StoryBatch.Cluster(articles, options)), gold).BCubedRecall;

        // When clustered online looking up an article's top 12 features in the index of open stories, and its top 30
        var narrow = Online(StoryOptions.Default with { OnlineQueryFeatures = 12 });
        var wide = Online(StoryOptions.Default with { OnlineQueryFeatures = 30 });

        // Then the wider lookup finds stories of the article's event that the narrow one misses (docs/quality.md, Stories)
        wide.ShouldBeGreaterThan(narrow);
    }

    [SharedFact("data/ecbplus")]
    public void Should_keep_unrelated_topics_apart_at_a_low_floor_when_groups_must_be_linked_on_ecbplus_topics_1_to_10()
    {
        // Given the stories of the ECB+ dev topics
        var docs = EcbPlusReader.ReadCorpus(Ecb, t => t <= 10);
        var articles = docs.Select(d => d.ToArticle()).ToList();
        var goldTopic = docs.ToDictionary(d => d.Name[..^4], d => d.GoldTopic);
        var extractor = new StoryFeatureExtractor(StoryOptions.Default);
        var features = articles.Select(extractor.Extract).ToList();
        var stories = new BatchStoryClusterer().Cluster(features);
        double Topics(StoryOptions options, float threshold)
        {
            var map = new Dictionary<string, string>();
            foreach (var g in new BatchStoryClusterer(options).Topics(features, stories, threshold))
            {
                foreach (var i in g)
                {
                    map[articles[i].Id] = articles[g[0]].Id;
                }
            }

            return ClusterScores.Score(map, goldTopic).BCubedF1;
        }

        // When topics are formed above a floor far below the tuned threshold (0.01), with and without links
        // between a story and its nearest story (docs/quality.md, Stories, fifth round), and at the floor 0.03
        var linking = StoryOptions.Default with { TopicNeighbours = 1, TopicFreeThreshold = 0.1f };
        var linked = Topics(linking, 0.01f);
        var plain = Topics(StoryOptions.Default, 0.01f);

        // Then the absolute threshold alone merges unrelated topics (7 topics for 10) while the links keep more apart
        // (9 topics; 0.895 against 0.788), and at 0.03 the links give the score of the default
        plain.ShouldBeLessThan(0.8);
        linked.ShouldBeGreaterThan(plain + 0.08);
        Topics(linking, 0.03f).ShouldBeGreaterThan(0.96);
    }

    [SharedFact("data/ecbplus")]
    public void Should_join_small_outlier_stories_to_their_event_on_ecbplus_topics_1_to_10()
    {
        // Given the ECB+ dev topics
        var docs = EcbPlusReader.ReadCorpus(Ecb, t => t <= 10);
        var articles = docs.Select(d => d.ToArticle()).ToList();
        var gold = docs.ToDictionary(d => d.Name[..^4], d => d.GoldEvent);

        // When clustered with and without small stories joining their nearest larger one
        var with = ClusterScores.Score(new BatchStoryClusterer().Assign(articles), gold);
        var without = ClusterScores.Score(new BatchStoryClusterer(StoryOptions.Default with { AttachSize = 0 }).Assign(articles), gold);

        // Then fewer stories are left over and the event-level score is higher
        with.PredictedClusters.ShouldBeLessThan(without.PredictedClusters);
        with.BCubedF1.ShouldBeGreaterThan(without.BCubedF1);
    }

    [SharedFact("data/ecbplus")]
    public void Should_print_scores_and_assignments_from_the_cli()
    {
        // Given the eval verb on two topics with JSON output
        var r = CliRunner.Run("eval-stories", "--ecbplus", Ecb, "--topics", "1-2", "--json");

        // Then it reports event and topic scores and one assignment per document
        r.ExitCode.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("event").GetProperty("bcubed").GetProperty("f1").GetDouble().ShouldBeGreaterThan(0);
        doc.RootElement.GetProperty("topic").GetProperty("gold_clusters").GetInt32().ShouldBe(2);
        doc.RootElement.GetProperty("assignments").GetArrayLength().ShouldBe(doc.RootElement.GetProperty("articles").GetInt32());
    }

    [Fact]
    public void Should_score_a_jsonl_gold_file_and_write_assignments()
    {
        // Given a JSON Lines file with the earthquake articles and their gold stories
        using var dir = new TempDir();
        var lines = StoryTestData.TwoQuakes().Select(a => JsonSerializer.Serialize(new
        {
            id = a.Id,
            text = a.Text,
            published = a.Published,
            story = a.Id[..1],
        }));
        var file = dir.Write("gold.jsonl", string.Join('\n', lines));
        var tsv = dir.File("pred.tsv");

        // When evaluated with an assignments file
        var r = CliRunner.Run("eval-stories", "--jsonl", file, "--assignments", tsv, "--json");

        // Then the clustering is perfect and each article has a predicted story
        r.ExitCode.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("event").GetProperty("bcubed").GetProperty("f1").GetDouble().ShouldBe(1.0);
        File.ReadAllLines(tsv).Length.ShouldBe(7);
        File.ReadAllLines(tsv)[0].ShouldStartWith("a1\ts");
    }
}
