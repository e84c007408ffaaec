using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

public sealed class QuoteGrouperTests
{
    private static Quote Q(string text, string? entity, string? cue) =>
        new() { Start = 0, End = text.Length, Text = text, Direct = false, Entity = entity, Cue = cue };

    [Fact]
    public void Should_group_translations_of_one_statement_across_articles_and_show_their_differences()
    {
        // Given two articles rendering the same KCNA statement with different words, and an unrelated quote
        var quotes = new List<QuoteInstance>
        {
            new("a1", Q("that Kim had invited Putin to visit North Korea at an \u201Cappropriate time\u201D and that Putin accepted it", "Korean Central News Agency", "said")),
            new("a2", Q("Kim invited Putin to visit North Korea at a ''convenient time'' and that Putin accepted", "Korean Central News Agency", "said")),
            new("a2", Q("the sanctions regime must be respected by every country", "Antonio Guterres", "said")),
        };

        // When they are grouped
        var groups = new QuoteGrouper().Group(quotes);

        // Then the two renderings form one group with the KCNA speaker, each showing the word the other lacks
        groups.Count.ShouldBe(1);
        var g = groups[0];
        g.Speaker.ShouldBe("Korean Central News Agency");
        g.Quotes.Select(q => q.Article).ShouldBe(["a1", "a2"]);
        g.Differences[0].ShouldContain("appropriate");
        g.Differences[1].ShouldContain("convenient");
        g.Differences[0].ShouldNotContain("putin");
    }

    [Fact]
    public void Should_not_group_quotes_of_one_article_with_each_other()
    {
        // Given two near-identical quotes of the same article
        var quotes = new List<QuoteInstance>
        {
            new("a1", Q("we will talk about all issues without a rush", "Vladimir Putin", "said")),
            new("a1", Q("we will talk about all issues without any rush", "Vladimir Putin", "said")),
        };

        // When they are grouped
        // Then no group is formed (a group is one statement across articles)
        new QuoteGrouper().Group(quotes).ShouldBeEmpty();
    }
}
