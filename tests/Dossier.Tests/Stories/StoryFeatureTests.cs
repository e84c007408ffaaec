using Dossier.Stories;

namespace Dossier.Tests.Stories;

public sealed class StoryFeatureTests
{
    [Fact]
    public void Should_extract_terms_names_numbers_and_years()
    {
        // Given an article with a name, a place, a number and a year
        var a = StoryTestData.Make("x", "The summit ended on Wednesday. In 2023 North Korean leader Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome for 4 hours.");

        // When its features are extracted
        var keys = new StoryFeatureExtractor().Extract(a).Features.Select(f => f.Key).ToList();

        // Then content words, names (words and full runs), numbers and years are there
        keys.ShouldContain("summit");
        keys.ShouldContain("@putin");
        keys.ShouldContain("@vladimir putin");
        keys.ShouldContain("@kim jong un");
        keys.ShouldContain("@vostochny cosmodrome");
        keys.ShouldContain("#4");
        keys.ShouldContain("%2023");

        // And function words, weekdays and the sentence-initial "The" are not
        keys.ShouldNotContain("the");
        keys.ShouldNotContain("@the");
        keys.ShouldNotContain("wednesday");
        keys.ShouldNotContain("@wednesday");
    }

    [Theory]
    [InlineData("guards", "guard")]
    [InlineData("injuries", "injury")]
    [InlineData("press", "press")]
    [InlineData("crisis", "crisis")]
    [InlineData("bus", "bus")]
    public void Should_stem_plurals_lightly(string word, string stem) =>
        StoryFeatureExtractor.Stem(word).ShouldBe(stem);

    [Fact]
    public void Should_load_the_stopword_list_with_its_documented_example()
    {
        // Given the data file's example: "the" in "The summit ended" is not a term, "summit" is
        // Then
        StoryFeatureExtractor.StopWords.ShouldContain("the");
        StoryFeatureExtractor.StopWords.ShouldNotContain("summit");
    }

    [Fact]
    public void Should_use_entity_layer_names_when_present()
    {
        // Given an article whose NER layer marks one lower-case span as a name
        var a = StoryTestData.Make("x", "officials in wajima said houses collapsed.");
        var names = new EntityLayerNames(_ => new Dossier.Entities.EntityLayer(
            [new Dossier.Entities.EntityMention { Start = 13, End = 19, Text = "wajima", Type = Dossier.Entities.EntityType.Location }], []));

        // When extracted with that name source
        var keys = new StoryFeatureExtractor(names: names).Extract(a).Features.Select(f => f.Key).ToList();

        // Then the span is a name feature
        a.Text[13..19].ShouldBe("wajima");
        keys.ShouldContain("@wajima");
    }

    [Fact]
    public void Should_make_each_articles_keys_on_its_own_when_one_thread_extracts_many()
    {
        // Given a short article, and a long one with plurals, a name run with two spaces and many numbers
        var shortOne = StoryTestData.Make("a", "Rescuers searched the harbour. Officials of Keldby counted 1,250 injuries.");
        var longText = string.Join(" ", Enumerable.Range(0, 300).Select(i => $"Mayor  Anna Varga's guards met {i} reporters in Keldby."));
        var longOne = StoryTestData.Make("b", longText);
        var extractor = new StoryFeatureExtractor();

        // When the short one is extracted before and after the long one, on one thread
        var before = extractor.Extract(shortOne).Features;
        var longKeys = extractor.Extract(longOne).Features.Select(f => f.Key).ToList();
        var after = extractor.Extract(shortOne).Features;

        // Then it gets the same features both times (nothing of the long article is left over)
        after.ShouldBe(before);
        after.Select(f => f.Key).ShouldContain("injury");
        after.Select(f => f.Key).ShouldContain("#1250");
        after.Select(f => f.Key).ShouldNotContain("guard");

        // And the long article's words are stemmed as Stem does, and a name's words are joined by single spaces
        longKeys.ShouldContain(StoryFeatureExtractor.Stem("guards"));
        longKeys.ShouldContain("@varga");
        longKeys.ShouldContain("@mayor anna varga");
        longKeys.ShouldContain("#299");
    }
}
