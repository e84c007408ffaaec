using Dossier.Copies;

namespace Dossier.Tests.Copies;

public sealed class CopyDocCacheTests
{
    [Fact]
    public void Should_drop_the_least_recently_used_documents_beyond_its_word_budget()
    {
        // Given five documents of one length and a cache that holds four
        var docs = Enumerable.Range(0, 5).Select(_ => CopyDoc.Of(CopyTestData.Story(1, 6))).ToList();
        var budget = 4 * (docs[0].Profile.WordCount + 1L);
        var cache = new CopyDocCache(budget);

        // When the four are put, the first is used again, and the fifth is put
        for (var i = 0; i < 4; i++)
        {
            cache.Put(i, docs[i]);
        }

        cache.Get(0).ShouldBeSameAs(docs[0]);
        cache.Count.ShouldBe(4);
        cache.Put(4, docs[4]);

        // Then the least recently used one (1) is gone, the others are kept, and the budget holds
        cache.Get(1).ShouldBeNull();
        new[] { 0, 2, 3, 4 }.ShouldAllBe(i => cache.Get(i) != null);
        cache.Words.ShouldBeLessThanOrEqualTo(budget);
    }

    [Fact]
    public void Should_not_keep_a_document_larger_than_a_quarter_of_its_budget()
    {
        // Given a document and a cache of less than four times its words
        var doc = CopyDoc.Of(CopyTestData.Story(1, 8));
        var cache = new CopyDocCache(doc.Profile.WordCount * 3L);

        // When it is put
        cache.Put(0, doc);

        // Then it is not kept (it would push out everything else)
        cache.Get(0).ShouldBeNull();
        cache.Count.ShouldBe(0);
    }
}
