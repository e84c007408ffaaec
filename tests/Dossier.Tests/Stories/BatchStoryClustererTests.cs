using Dossier.Stories;

namespace Dossier.Tests.Stories;

public sealed class BatchStoryClustererTests
{
    [Fact]
    public void Should_rebuild_the_two_earthquakes()
    {
        // Given the earthquake articles
        var articles = StoryTestData.TwoQuakes();

        // When re-clustered in batch mode
        var g = new BatchStoryClusterer().Assign(articles);

        // Then each quake is one story named after its first article
        g["a3"].ShouldBe(StoryIds.For("a1"));
        g["b2"].ShouldBe(StoryIds.For("b1"));
        g["c1"].ShouldBe(StoryIds.For("c1"));
    }
}
