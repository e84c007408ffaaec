using Dossier.Core;
using Dossier.Stories;
using Dossier.Stories.Dense;

namespace Dossier.Tests.Stories;

public sealed class StoryVectorTests
{
    private static readonly string[] Texts =
    [
        "The earthquake shook the city and the quake destroyed homes. Rescuers searched the rubble after the tremor.",
        "A strong quake hit the coast; the earthquake damaged roads and rescuers found survivors in the rubble.",
        "The tremor was felt far away. The earthquake and its aftershocks destroyed homes and rescuers worked all night.",
        "The central bank raised the interest rate to fight inflation; bond yields and the currency rose.",
        "Inflation slowed, so the central bank kept the interest rate; the currency fell and bond yields eased.",
        "Bond yields climbed as the bank signalled another interest rate rise against inflation and a weak currency.",
        "The team won the match with a late goal; the coach praised the players after the game.",
        "The players lost the game after the coach changed the team; the match ended without a goal.",
        "A late goal won the match; the coach said the team and the players deserved the game.",
    ];

    private static readonly StoryVectorTrainingOptions Small = new() { Dimensions = 4, Words = 200, Contexts = 40, MinDocuments = 2, Oversampling = 4 };

    [Fact]
    public void Should_load_the_built_in_vectors_with_related_words_close()
    {
        // Given the embedded vectors
        var v = StoryWordVectors.Default;

        // Then they cover a news vocabulary, and words of one kind of event are closer than unrelated ones
        v.Count.ShouldBeGreaterThan(10_000);
        v.Dimensions.ShouldBe(100);
        v.Similarity("earthquake", "quake").ShouldBeGreaterThan(0.8f);
        v.Similarity("earthquake", "quake").ShouldBeGreaterThan(v.Similarity("earthquake", "dividend") + 0.5f);
        v.Similarity("prison", "jail").ShouldBeGreaterThan(v.Similarity("prison", "tonne"));
    }

    [Fact]
    public void Should_train_the_same_bytes_twice_and_load_them_back()
    {
        // Given a small corpus of three kinds of news, trained twice
        byte[] Train()
        {
            using var s = new MemoryStream();
            new StoryVectorTrainer(Small).Train(Texts).Save(s);
            return s.ToArray();
        }

        var first = Train();
        var second = Train();

        // Then the files are byte-identical (deterministic rebuild), and the vectors read back keep words of one kind together
        second.ShouldBe(first);
        var loaded = StoryWordVectors.Load(new MemoryStream(first));
        loaded.Dimensions.ShouldBe(4);
        loaded.Contains("earthquake").ShouldBeTrue();
        loaded.Similarity("earthquake", "rubble").ShouldBeGreaterThan(loaded.Similarity("earthquake", "inflation"));
        loaded.Similarity("inflation", "currency").ShouldBeGreaterThan(loaded.Similarity("inflation", "goal"));
    }

    [Fact]
    public void Should_find_the_other_event_of_one_kind_as_the_nearest_story_by_dense_similarity()
    {
        // Given two earthquakes (three articles each, different places and numbers) among unrelated stories (the
        // article vectors are centred on the mean of the set, so the set holds more than one kind of news)
        List<Article> articles =
        [
            .. StoryTestData.TwoQuakes(),
            StoryTestData.Make("d1", "The striker scored twice as the home team won the cup final, and the coach praised his players after the match."),
            StoryTestData.Make("e1", "The senate passed the budget bill after a long debate; the opposition party said the tax cuts favour the rich."),
            StoryTestData.Make("f1", "The company reported higher quarterly profit on strong sales of its software, and its shares rose in early trading."),
        ];
        var features = articles.Select(new StoryFeatureExtractor().Extract).ToList();
        int[] Of(params string[] ids) => [.. ids.Select(id => articles.FindIndex(a => a.Id == id))];
        IReadOnlyList<IReadOnlyList<int>> stories = [Of("a1", "a2", "a3"), Of("b1", "b2", "b3"), Of("c1"), Of("d1"), Of("e1"), Of("f1")];

        // When the stories' mean dense cosines are computed
        var sums = DenseTopics.Sums(features, stories, StoryWordVectors.Default);
        float Sim(int a, int b) => DenseTopics.Average(sums[a], sums[b], stories[a].Count, stories[b].Count);

        // Then each earthquake's nearest other story is the other earthquake (the representation is weak: the two
        // are only slightly above 0, docs/quality.md), and each story is closest to itself
        foreach (var (self, other) in new[] { (0, 1), (1, 0) })
        {
            var nearest = Enumerable.Range(0, stories.Count).Where(j => j != self).MaxBy(j => Sim(self, j));
            nearest.ShouldBe(other);
            Sim(self, self).ShouldBeGreaterThan(Sim(self, other));
        }
    }

    [Fact]
    public void Should_expand_a_word_with_its_nearest_words_only_when_they_are_close()
    {
        // Given a vocabulary of two related words and an unrelated one
        string[] terms = ["earthquake", "quake", "dividend"];
        var soft = SoftTerms.Build(terms.Length, i => terms[i], StoryWordVectors.Default, top: 5, minCosine: 0.6f);

        // When a vector holding only "earthquake" is expanded
        var (ids, ws) = soft.Expand([0], [1f], 0.5f);

        // Then "quake" gets weight, "dividend" none, and the vector stays unit length
        ids.ShouldBe([0, 1]);
        ws[1].ShouldBeGreaterThan(0f);
        ws[1].ShouldBeLessThan(ws[0]);
        MathF.Sqrt(ws.Sum(w => w * w)).ShouldBe(1f, 1e-5f);
    }
}
