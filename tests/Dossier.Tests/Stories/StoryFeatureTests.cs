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
}
