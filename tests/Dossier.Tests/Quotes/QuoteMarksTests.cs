using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

public sealed class QuoteMarksTests
{
    [Theory]
    [InlineData("He said \u201Cwe are ready\u201D today.", "\u201Cwe are ready\u201D")]
    [InlineData("He said \"we are ready\" today.", "\"we are ready\"")]
    [InlineData("He said ''we are ready'' today.", "''we are ready''")]
    [InlineData("He said ``we are ready'' today.", "``we are ready''")]
    [InlineData("He said \u2018we are ready\u2019 today.", "\u2018we are ready\u2019")]
    [InlineData("He said 'we are ready' today.", "'we are ready'")]
    [InlineData("He said \u00ABwe are ready\u00BB today.", "\u00ABwe are ready\u00BB")]
    [InlineData("''It can't meet the capacity,\" he said.", "''It can't meet the capacity,\"")]
    public void Should_find_a_quote_in_every_mark_convention(string text, string expected)
    {
        // Given a sentence with one quotation in some convention
        // When its quoted spans are found
        var spans = QuoteMarks.Find(text, [(0, text.Length)]);

        // Then there is exactly that one span, marks included
        spans.Count.ShouldBe(1);
        text[spans[0].Start..spans[0].End].ShouldBe(expected);
    }

    [Fact]
    public void Should_not_take_apostrophes_for_quote_marks()
    {
        // Given possessives and contractions with curly and straight apostrophes
        const string text = "Kim\u2019s delegation and the students' books aren't quotes.";

        // When quoted spans are found
        var spans = QuoteMarks.Find(text, [(0, text.Length)]);

        // Then there are none
        spans.ShouldBeEmpty();
    }

    [Fact]
    public void Should_continue_a_quote_left_open_at_a_paragraph_end_that_reopens_on_the_next()
    {
        // Given a quote left open at the end of a paragraph, reopened at the start of the next
        const string text = "\u201CWe cannot pass this.\n\u201CWe will vote against it,\u201D she said.";
        var paragraphs = new List<(int, int)> { (0, 21), (22, text.Length) };

        // When quoted spans are found
        var spans = QuoteMarks.Find(text, paragraphs);

        // Then the first runs to its paragraph's end and continues, the second continues it and is closed
        spans.Count.ShouldBe(2);
        text[spans[0].Start..spans[0].End].ShouldBe("\u201CWe cannot pass this.");
        spans[0].Closed.ShouldBeFalse();
        spans[0].ContinuesNext.ShouldBeTrue();
        spans[1].ContinuesPrevious.ShouldBeTrue();
        text[spans[1].Start..spans[1].End].ShouldBe("\u201CWe will vote against it,\u201D");
    }

    [Fact]
    public void Should_mark_a_middle_paragraph_left_open_as_continuing_the_previous_one()
    {
        // Given a quote over three paragraphs: open, reopened and left open again, reopened and closed
        const string text = "\u201CWe cannot pass this.\n\u201CNot in this form.\n\u201CWe will vote against it,\u201D she said.";
        var paragraphs = new List<(int, int)> { (0, 21), (22, 40), (41, text.Length) };

        // When quoted spans are found
        var spans = QuoteMarks.Find(text, paragraphs);

        // Then the middle span continues both the one before it and the one after it
        spans.Count.ShouldBe(3);
        text[spans[1].Start..spans[1].End].ShouldBe("\u201CNot in this form.");
        spans[1].Closed.ShouldBeFalse();
        spans[1].ContinuesNext.ShouldBeTrue();
        spans[1].ContinuesPrevious.ShouldBeTrue();
        spans[0].ContinuesPrevious.ShouldBeFalse();
        spans[2].ContinuesPrevious.ShouldBeTrue();
    }

    [Fact]
    public void Should_strip_the_marks_of_a_quote()
    {
        QuoteMarks.StripMarks("\u201C We are ready,\u201D").ShouldBe("We are ready,");
        QuoteMarks.StripMarks("''No.''").ShouldBe("No.");
    }
}
