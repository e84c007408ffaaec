using Dossier.Claims;

namespace Dossier.Tests.Claims;

public sealed class ClaimExtractorQuoteTests
{
    [Fact]
    public void Should_keep_a_quotation_of_several_sentences_in_one_claim_with_its_offsets()
    {
        // Given a paragraph whose quotation runs over two sentences before its attribution
        var a = Articles.FromText("q.txt", "The ferry stopped on Monday after ice formed near the landing.\n\n"
            + "\"The ice came a month early this year. Nobody on the lake has seen anything like it,\" captain Jonas Reeve said.\n\n"
            + "Drivers now face a detour of 80 kilometres around the lake.");

        // When its claims are extracted
        var claims = a.Require<ClaimLayer>().Claims;

        // Then the quotation and its attribution are one claim whose span is its text
        var quote = claims.Where(c => c.Text.Contains("captain Jonas Reeve", StringComparison.Ordinal)).ShouldHaveSingleItem();
        quote.Text.ShouldStartWith("\"The ice came a month early this year.");
        quote.Quoted.ShouldBeTrue();
        claims.Select(c => a.Article.Text.Substring(c.Start, c.End - c.Start)).ShouldBe(claims.Select(c => c.Text));
        claims.Count.ShouldBe(3);
    }

    [Fact]
    public void Should_leave_sentences_apart_when_a_quotation_does_not_close_or_a_mark_is_an_inch_mark()
    {
        // Given a quotation left open for more sentences than a claim joins, and a 17" screen
        var a = Articles.FromText("q.txt", "\"The first sentence of a long statement starts here.\n\n"
            + "The second sentence of that long statement goes on.\n\n"
            + "The third sentence of that long statement goes on.\n\n"
            + "The fourth sentence of that long statement goes on.\n\n"
            + "The fifth sentence of that long statement goes on.\n\n"
            + "The new 17\" laptop has a larger battery than before.\n\n"
            + "The old 15\" laptop will be sold at a lower price.");

        // When its claims are extracted
        var claims = a.Require<ClaimLayer>().Claims;

        // Then each sentence stays its own claim
        claims.Count.ShouldBe(7);
        claims.Select(c => a.Article.Text.Substring(c.Start, c.End - c.Start)).ShouldBe(claims.Select(c => c.Text));
    }

    [Fact]
    public void Should_leave_a_mark_that_pairs_with_nothing_out_of_the_claim_and_keep_its_offsets()
    {
        // Given a quotation left open at its paragraph's end that a later paragraph closes without reopening it, and one never closed
        var a = Articles.FromText("q.txt", "\"The river has never been this high in April.\n\n"
            + "We have sandbags for three more days,\" warden Tom Ebdon said.\n\n"
            + "The school on Mill Road will stay shut until Monday.\n\n"
            + "\"The water came up the street in minutes.");

        // When its claims are extracted
        var claims = a.Require<ClaimLayer>().Claims;

        // Then the first quotation is one claim, the last claim starts after its dangling mark, and every span is its text
        claims.Select(c => c.Text).ShouldBe([
            "\"The river has never been this high in April.\n\nWe have sandbags for three more days,\" warden Tom Ebdon said.",
            "The school on Mill Road will stay shut until Monday.",
            "The water came up the street in minutes.",
        ]);
        claims.Select(c => a.Article.Text.Substring(c.Start, c.End - c.Start)).ShouldBe(claims.Select(c => c.Text));
    }
}
