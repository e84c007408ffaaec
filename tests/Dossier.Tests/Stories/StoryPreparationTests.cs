using Dossier.Store;
using Dossier.Stories;
using Dossier.Tests.Support;

namespace Dossier.Tests.Stories;

/// <summary>
/// The batch rebuild's features extracted and counted ahead, batch by batch (<see cref="StoryPreparation"/>), give the
/// same stories as extracting and counting them in the rebuild; a preparation that does not hold every stored
/// article in store order is not used.
/// </summary>
public sealed class StoryPreparationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Should_rebuild_the_same_stories_from_features_prepared_batch_by_batch(int batchSize)
    {
        // Given the earthquake articles stored, and the stories rebuilt from the articles
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("s.db"));
        var (service, articles, expected) = Rebuilt(store);

        // When the same articles' features are prepared in batches of the given size and the stories rebuilt from them
        var prepared = new StoryPreparation();
        foreach (var batch in articles.Chunk(batchSize))
        {
            prepared.Add(batch);
        }

        prepared.Holds([.. store.List().Select(i => i.Id)]).ShouldBeTrue();
        service.Rebuild(keepState: false, prepared: prepared);

        // Then the stories are the same
        Describe(service.GetStories()).ShouldBe(expected);
        expected.ShouldNotBeEmpty();
    }

    [Fact]
    public void Should_keep_no_features_once_more_articles_arrive_than_a_rebuild_takes()
    {
        // Given a preparation for stores of at most 4 articles (a larger store keeps its online stories: no rebuild)
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("s.db"));
        var (_, articles, _) = Rebuilt(store);
        var prepared = new StoryPreparation(StoryOptions.Default with { AnalyzeRebuildLimit = 4 });

        // When batches of 3 articles arrive, past the limit
        prepared.Add([.. articles.Take(3)]);
        var heldBefore = prepared.Features.Count;
        prepared.Add([.. articles.Skip(3).Take(3)]);

        // Then it held the first batch, holds nothing after the limit, and no store of those articles can use it
        heldBefore.ShouldBe(3);
        prepared.Features.ShouldBeEmpty();
        prepared.Holds([.. articles.Take(6).Select(a => a.Id)]).ShouldBeFalse();
    }

    [Fact]
    public void Should_not_use_a_preparation_that_lacks_a_stored_article_or_holds_them_in_another_order()
    {
        // Given the earthquake articles stored, and the stories rebuilt from the articles
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("s.db"));
        var (service, articles, expected) = Rebuilt(store);
        var ids = store.List().Select(i => i.Id).ToList();

        // When one preparation misses the last article and another holds them all in reverse order
        var missing = new StoryPreparation();
        missing.Add([.. articles.Take(articles.Count - 1)]);
        var reversed = new StoryPreparation();
        reversed.Add([.. articles.Reverse()]);

        // Then neither holds the stored articles, and a rebuild given either extracts the features itself
        missing.Holds(ids).ShouldBeFalse();
        reversed.Holds(ids).ShouldBeFalse();
        service.Rebuild(keepState: false, prepared: missing);
        Describe(service.GetStories()).ShouldBe(expected);
        service.Rebuild(keepState: false, prepared: reversed);
        Describe(service.GetStories()).ShouldBe(expected);
    }

    [Fact]
    public void Should_take_no_article_once_the_counts_are_taken()
    {
        // Given a preparation whose counts were taken
        var prepared = new StoryPreparation();
        prepared.Add([.. StoryTestData.TwoQuakes().Take(2)]);
        var counted = prepared.Counted();

        // When another article arrives, then it is refused and the counts stay those of the first two
        Should.Throw<InvalidOperationException>(() => prepared.Add([StoryTestData.TwoQuakes()[2]]));
        counted.Documents.ShouldBe(2);
        prepared.Counted().ShouldBeSameAs(counted);
    }

    /// <summary>The earthquake articles stored in one batch, and the stories a rebuild from the articles gives.</summary>
    private static (StoryService Service, IReadOnlyList<Dossier.Core.Article> Articles, List<string> Stories) Rebuilt(IArticleStore store)
    {
        var articles = StoryTestData.TwoQuakes();
        store.AddBatch(articles);
        var service = new StoryService(store);
        service.Rebuild(keepState: false);
        return (service, articles, Describe(service.GetStories()));
    }

    private static List<string> Describe(IReadOnlyList<StoryView> stories) =>
        [.. stories.Select(s => s.Id + " " + s.Title + " " + string.Join(",", s.Articles) + " " + s.IndependentSources)];
}
