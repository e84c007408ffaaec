using Dossier.Analysis;
using Dossier.Copies;

namespace Dossier.Tests.Copies;

public sealed class SourceGroupsTests
{
    [Fact]
    public void Should_count_copies_once_in_independent_sources()
    {
        // Given three articles where the third is recorded as a near copy of the first
        var groups = SourceGroups.Of(["x", "y", "z"], [("x", "z")]);

        // Then two independent sources remain
        groups.Groups.ShouldBe(2);
    }

    [Fact]
    public void Should_count_an_outlets_own_articles_once_in_independent_sources()
    {
        // Given four articles: two by one outlet (written differently), one by another, one of unknown outlet
        var outlets = new Dictionary<string, string?> { ["w"] = "The Ledger", ["x"] = "the ledger", ["y"] = "Courier", ["z"] = null };

        // When their independent sources are counted with no copy relations
        var groups = SourceGroups.Of(["w", "x", "y", "z"], Array.Empty<(string, string)>(), outlets.GetValueOrDefault);

        // Then the outlet's two articles count once and the article of unknown outlet counts alone
        groups.Groups.ShouldBe(3);
    }

    [Fact]
    public void Should_count_the_same_with_copies_looked_up_by_article()
    {
        // Given a story of four articles, copy pairs that chain two of them and a pair that leaves the story
        (string A, string B)[] copies = [("d", "b"), ("b", "c"), ("a", "outside")];
        var outlets = new Dictionary<string, string?> { ["a"] = "Courier", ["d"] = "courier" };

        // When the sources are counted from the pair list and from the pairs looked up by their first article
        var listed = SourceGroups.Of(["a", "b", "c", "d"], copies, outlets.GetValueOrDefault);
        var lookedUp = SourceGroups.Of(["a", "b", "c", "d"], copies.ToLookup(c => c.A, c => c.B, StringComparer.Ordinal), outlets.GetValueOrDefault);

        // Then both see one source: b, c, d by their copies, a by its outlet shared with d
        listed.Groups.ShouldBe(1);
        lookedUp.Groups.ShouldBe(1);
    }

    [Fact]
    public void Should_name_a_group_by_its_smallest_article_id()
    {
        // Given an analysis where n2 copies n3 and n1 is by n3's outlet, and n4 stands alone
        var document = new AnalysisDocument
        {
            Articles =
            [
                new ArticleEntry { Id = "n3", Outlet = "AP" },
                new ArticleEntry { Id = "n2" },
                new ArticleEntry { Id = "n4", Outlet = "Reuters" },
                new ArticleEntry { Id = "n1", Outlet = "ap" },
            ],
            Copies = [new CopyEntry { A = "n3", B = "n2", Kind = "near" }],
        };

        // When the source groups are formed
        var groups = SourceGroups.Of(document);

        // Then n1, n2 and n3 are one group named n1, n4 is its own, and an unknown article is its own group
        groups.Groups.ShouldBe(2);
        groups.GroupOf("n2").ShouldBe("n1");
        groups.GroupOf("n3").ShouldBe("n1");
        groups.GroupOf("n4").ShouldBe("n4");
        groups.GroupOf("n9").ShouldBe("n9");
    }
}
