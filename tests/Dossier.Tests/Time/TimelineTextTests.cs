using Dossier.Time;

namespace Dossier.Tests.Time;

public sealed class TimelineTextTests
{
    private static IReadOnlyList<TimelineEvent> Timeline(string text)
    {
        var a = Dossier.Tests.Claims.Articles.FromText("wire.txt", text);
        return new TimelineBuilder().Build([new StoryArticles(null, [a])]);
    }

    [Theory]
    [InlineData("The authority's maintenance budget has been cut twice since 2020, to 41 million crowns this year.", "2025", "The authority's maintenance budget has been cut twice since 2020, to 41 million crowns this year.")]
    [InlineData("All four schools in Vessa will stay closed until Nov. 3, the regional education office said on Thursday.", "2025-10-16", "All four schools in Vessa will stay closed until Nov. 3, the regional education office said on Thursday.")]
    [InlineData("Heavy rain had fallen on the river basin since Monday, and engineers opened the spillway gates of the dam on Tuesday evening.", "2025-10-14", "engineers opened the spillway gates of the dam on Tuesday evening.")]
    [InlineData("The river rose all week until Wednesday, but the levee held on Thursday night.", "2025-10-16", "the levee held on Thursday night.")]
    public void Should_show_a_piece_of_a_sentence_with_two_dates_only_when_it_stands_alone(string sentence, string date, string expected)
    {
        // Given a wire story dated Friday 17 October 2025 whose sentence names two dates
        var text = "Dam inquiry opens\n\nLORRIN, Oct. 17, 2025 (NWS) — " + sentence + "\n\nThe inquiry will report in January.";

        // When its timeline is built
        var events = Timeline(text);

        // Then the entry of that date shows the piece when it reads on its own (without the "and"/"but" that joined it to
        // the piece before), else the whole sentence, never the dateline
        events.ShouldContain(e => e.Date == date && e.Text == expected, string.Join(" | ", events.Select(e => e.Date + ": " + e.Text)));
        events.ShouldAllBe(e => !e.Text.Contains("LORRIN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The collapse came 18 months after a state inspection in April 2024 found cracks in the spillway.", "2025-10")]
    [InlineData("The levee broke two weeks before the vote on May 3, 2024, officials said.", "2024-04-19")]
    [InlineData("One year before it was sold in April 2019, the port bought two cranes.", "2018-04")]
    [InlineData("The rate had stayed at 4 pct for three months before the March 2024 cut.", null)]
    [InlineData("The talks began 18 months after the minister resigned.", null)]
    public void Should_date_an_event_a_duration_away_from_a_date_named_after_it(string sentence, string? date)
    {
        // Given a wire story whose sentence counts a duration from a date ("18 months after ... April 2024")
        var text = "Dam inquiry opens\n\nLORRIN, Oct. 17, 2025 (NWS) — Officials met on Thursday.\n\n" + sentence;

        // When its timeline is built
        var events = Timeline(text);
        var entries = string.Join(" | ", events.Select(e => e.Date + ": " + e.Text));

        // Then the sentence is on the timeline at the counted date; a span ("for three months before") or a duration with
        // no date after it counts nothing
        if (date is null)
        {
            var counts = events.SelectMany(e => e.Mentions).Select(m => text.Substring(m.ExpressionStart, m.ExpressionEnd - m.ExpressionStart)).ToList();
            counts.ShouldNotContain(x => x.Contains("months", StringComparison.Ordinal), entries);
        }
        else
        {
            events.ShouldContain(e => e.Date == date && e.Text == sentence, entries);
        }
    }

    [Theory]
    [InlineData("The opposition called on Thursday for all the dams to be inspected before the winter rains.", "2025-10-16", "2025")]
    [InlineData("Engineers said in September that the repairs would take most of the year.", "2025-09", "2025")]
    public void Should_date_a_piece_once_by_its_most_precise_date(string sentence, string date, string coarser)
    {
        // Given a wire story whose sentence names a day or month and, in the same clause, a coarser time (a season, a year)
        var text = "Dam inquiry opens\n\nLORRIN, Oct. 17, 2025 (NWS) — Officials met on Friday.\n\n" + sentence;

        // When its timeline is built
        var events = Timeline(text);
        var entries = string.Join(" | ", events.Select(e => e.Date + ": " + e.Text));

        // Then the sentence is on the timeline at its precise date only
        events.ShouldContain(e => e.Date == date && e.Text == sentence, entries);
        events.ShouldNotContain(e => e.Date == coarser && e.Text == sentence, entries);
    }
}
