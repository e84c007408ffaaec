using Dossier.Claims;

namespace Dossier.Tests.Claims;

/// <summary>The examples of Claims/Data/quantities.txt and furniture.txt, and the quote-wording rule, as tests.</summary>
public sealed class QuantitiesTests
{
    [Theory]
    [InlineData(30, "more than", 40, "", true)]
    [InlineData(12, "at least", 14, "", false)]
    [InlineData(40, "nearly", 35, "", true)]
    [InlineData(40, "about", 44, "", true)]
    [InlineData(35, "", 36, "", true)]
    [InlineData(4, "", 5, "", false)]
    public void Should_tell_compatible_figures_from_conflicting_ones(double a, string qualifierA, double b, string qualifierB, bool compatible)
    {
        // Given two figures with the words before them
        var boundA = Quantities.BoundOf(Words(qualifierA));
        var boundB = Quantities.BoundOf(Words(qualifierB));

        // When compared
        var result = Quantities.Compatible(a, boundA, b, boundB);

        // Then bounded and rounded figures fit, different counts do not
        result.ShouldBe(compatible);
    }

    [Theory]
    [InlineData("the ship seized # rifles over # operations", true)]
    [InlineData("rescuers have carried out # rescues so far", true)]
    [InlineData("a total of # people were treated", true)]
    [InlineData("in the past # days # people were hurt", true)]
    [InlineData("the quake killed # people in # villages", false)]
    public void Should_know_a_running_total(string sentence, bool total)
    {
        Quantities.IsTotal(Words(sentence)).ShouldBe(total);
    }

    [Fact]
    public void Should_mark_vague_quantities_and_partial_or_past_counts()
    {
        Quantities.IsVague("hundreds").ShouldBeTrue();
        Quantities.IsVague("twelve").ShouldBeFalse();
        Quantities.IsPart(Words("three people also died in a landslide")).ShouldBeTrue();
        Quantities.IsPast(Words("a quake two years ago killed # people")).ShouldBeTrue();
    }

    [Fact]
    public void Should_read_a_date_line_as_page_furniture_not_a_claim()
    {
        // Given an update stamp and a sentence that reports something, as articles
        var stamp = Articles.FromText("stamp.txt", "The flood reached the town on Monday morning.\n\nPosted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET");

        // When their claims are extracted
        var claims = stamp.Require<ClaimLayer>().Claims;

        // Then only the stamp is furniture
        claims.Single(c => c.Text.StartsWith("Posted", StringComparison.Ordinal)).Furniture.ShouldBeTrue();
        claims.Single(c => c.Text.StartsWith("The flood", StringComparison.Ordinal)).Furniture.ShouldBeFalse();
    }

    [Theory]
    [InlineData("appropriate time", "convenient time", true)]
    [InlineData("the water came faster than any model we had", "the water arrived faster than all our models", true)]
    [InlineData("felt this was the best move", "so I think we felt that this was the best move", false)]
    [InlineData("we ask that you respect her privacy", "we ask that you respect her privacy at this time", false)]
    [InlineData("police locked down the neighbourhood", "police locked down the neighborhood", false)]
    [InlineData("encourages all IE customers to deploy this update", "encourages all Internet Explorer customers to deploy this update", false)]
    [InlineData("this has been a very complex issue", "the defendants should raise any constitutional issues", false)]
    public void Should_tell_a_reworded_quote_from_a_cut_or_respelled_one(string a, string b, bool reworded)
    {
        // Given two wordings of one statement, as quoted words
        var wa = QuoteWording.QuotedWords(new QuoteVariant("a", a, Direct: true));
        var wb = QuoteWording.QuotedWords(new QuoteVariant("b", b, Direct: true));

        // When their content words are compared
        var result = QuoteWording.Reworded(QuoteWording.ContentWords(wa), QuoteWording.ContentWords(wb));

        // Then only a word put in place of another is a rewording
        result.ShouldBe(reworded);
    }

    private static List<string> Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
