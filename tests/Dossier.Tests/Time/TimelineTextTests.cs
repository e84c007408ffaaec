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
    [InlineData("Heavy rain had fallen on the river basin since Monday, and engineers opened the spillway gates of the dam on Tuesday evening.", "2025-10-14", "and engineers opened the spillway gates of the dam on Tuesday evening.")]
    public void Should_show_a_piece_of_a_sentence_with_two_dates_only_when_it_stands_alone(string sentence, string date, string expected)
    {
        // Given a wire story dated Friday 17 October 2025 whose sentence names two dates
        var text = "Dam inquiry opens\n\nLORRIN, Oct. 17, 2025 (NWS) — " + sentence + "\n\nThe inquiry will report in January.";

        // When its timeline is built
        var events = Timeline(text);

        // Then the entry of that date shows the piece when it reads on its own, else the whole sentence, never the dateline
        events.ShouldContain(e => e.Date == date && e.Text == expected, string.Join(" | ", events.Select(e => e.Date + ": " + e.Text)));
        events.ShouldAllBe(e => !e.Text.Contains("LORRIN", StringComparison.Ordinal));
    }
}
