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
    [InlineData("The gates failed on Wednesday, ending a run of repairs begun in 2023 as the budget shrank.", "2023", "The gates failed on Wednesday, ending a run of repairs begun in 2023 as the budget shrank.")]
    [InlineData("The gates failed on Wednesday, ending a run of repairs begun in 2023 as the budget shrank.", "2025-10-15", "The gates failed on Wednesday")]
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
        var entries = Entries(events);

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

    private const string ComparisonStory = "Prices rise\n\nLORRIN, Oct. 17, 2025 (NWS) — Officials met on Thursday.\n\n";

    internal static string Entries(IEnumerable<TimelineEvent> events) => string.Join(" | ", events.Select(e => e.Date + ": " + e.Text));

    [Theory]
    [InlineData("Consumer prices rose 3.1% in September from a year earlier, down from 3.6% in August.", "a year earlier")]
    [InlineData("Net profit fell 12 pct to 40 mln dlrs from last year's 45 mln.", "last year")]
    [InlineData("Exports were higher than a year ago.", "a year ago")]
    [InlineData("Output rose 4 pct compared with the same period last year.", "the same period last year")]
    [InlineData("Imports rose 5 pct from the previous month, the ministry said on Monday.", "the previous month")]
    [InlineData("Sales vs. a year earlier were flat, the company said on Monday.", "a year earlier")]
    [InlineData("Office sales rose to 650 billion yen from 600 billion a year earlier.", "a year earlier")]
    [InlineData("Car sales fell 10.1 pct to 82,000 units from 91,243 units in the same period last year.", "the same period last year")]
    [InlineData("It reported a net loss of 12.9 billion yen, against a 1.65 billion yen profit a year earlier.", "a year earlier")]
    public void Should_not_date_an_event_by_the_time_a_figure_is_compared_with(string sentence, string compared)
    {
        // Given a wire story whose sentence compares a figure with an earlier time ("from a year earlier")
        var text = ComparisonStory + sentence;

        // When its timeline is built
        var events = Timeline(text);
        var entries = Entries(events);

        // Then no entry is dated by that comparison base, and the sentence's own dates still are
        var dating = events.SelectMany(e => e.Mentions).Select(m => text.Substring(m.ExpressionStart, m.ExpressionEnd - m.ExpressionStart)).ToList();
        dating.ShouldNotContain(compared, entries);
        dating.ShouldContain("Thursday", entries);
    }

    [Theory]
    [InlineData("Prices have risen every month since last year, the ministry said.", "2024")]
    [InlineData("The plant, closed last year, reopened on Monday.", "2024")]
    [InlineData("The dam was moved from Monday to Wednesday, officials said.", "2025-10-13")]
    [InlineData("The minister returned from Paris last week.", "2025-10")]
    [InlineData("Less than a month ago the lobby said it had abandoned its plans.", "2025-09")]
    [InlineData("Thousands protested against last year's election result.", "2024")]
    public void Should_still_date_an_event_by_a_relative_time_that_is_no_comparison_base(string sentence, string date)
    {
        // Given a wire story whose sentence names a relative time that is not a comparison base
        var text = ComparisonStory + sentence;

        // When its timeline is built
        var events = Timeline(text);

        // Then that time dates an entry
        events.ShouldContain(e => e.Date == date, Entries(events));
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
        var entries = Entries(events);

        // Then the sentence is on the timeline at its precise date only
        events.ShouldContain(e => e.Date == date && e.Text == sentence, entries);
        events.ShouldNotContain(e => e.Date == coarser && e.Text == sentence, entries);
    }
}

public sealed class TimelineQuoteTests
{
    [Theory]
    [InlineData("“We told them in August that the gate would not open fully. Everyone on the river knew,” the station chief said.")]
    [InlineData("\"The repairs were due in November. Nobody came,\" a worker said.")]
    public void Should_show_a_dated_sentence_of_a_quotation_with_the_whole_quotation(string sentence)
    {
        // Given a story whose dated sentence is the first of a two-sentence quotation
        var text = "Dam inquiry opens\n\nLORRIN, Oct. 17, 2025 (NWS) — Officials met on Thursday.\n\n" + sentence;

        // When its timeline is built
        var a = Dossier.Tests.Claims.Articles.FromText("wire.txt", text);
        var events = new TimelineBuilder().Build([new StoryArticles(null, [a])]);
        var entries = TimelineTextTests.Entries(events);

        // Then its entry shows the whole quotation with its attribution (as the cleaned text has it, marks
        // normalised), never half a quotation with an open mark
        var whole = a.Text[a.Text.LastIndexOf('\n')..].Trim();
        whole.Length.ShouldBeGreaterThan(sentence.Length - 5);
        events.ShouldContain(e => e.Text == whole, entries);
    }
}

public sealed class TimelineSpeakerTests
{
    [Theory]
    [InlineData("“We are checking every structure on the river tonight.”", "Ilan Dzhavo")]
    [InlineData("“We told them in August that the gate would not open fully,” said Tomas Varga, a lock keeper.", null)]
    public void Should_name_who_said_a_dated_quotation_that_names_no_speaker_of_its_own(string sentence, string? speaker)
    {
        // Given a story whose dated sentence is a quotation, carried from the cue of the sentence before, or with its own cue
        var text = "Dam inquiry opens\n\nLORRIN, Oct. 17, 2025 (NWS) — “The water came faster than any model we had,” Ilan Dzhavo, director of the water authority, told reporters. "
            + sentence;
        var a = Dossier.Tests.Claims.Articles.FromText("wire.txt", text);
        Dossier.Analysis.DossierPipelineBuilder.Default.AnnotateAll([a]);

        // When its timeline is built and each entry's speaker is looked up
        var events = new TimelineBuilder().Build([new StoryArticles(null, [a])]);
        var dated = events.Single(e => e.Text.Contains(sentence[1..20], StringComparison.Ordinal));

        // Then a bare quotation takes its speaker (the resolved person), and one that names its speaker needs none
        TimelineStage.SpeakerOf(dated, new Dictionary<string, Dossier.Analysis.AnnotatedArticle> { [a.Id] = a }).ShouldBe(speaker, dated.Text);
    }
}

public sealed class TimelineCarriedTextTests
{
    [Theory]
    [InlineData("“We will search the river again tonight,” the mayor said.", "2025-10-15")]
    [InlineData("The mayor said the search would resume tomorrow morning.", "2025-10-16")]
    public void Should_date_text_an_update_carries_over_as_its_first_article_dated_it(string carried, string date)
    {
        // Given a wire story of Wednesday 15 October and its update of the next day that carries one sentence over
        // verbatim, with its relative date ("tonight", "tomorrow"), and adds a new lead; the update prints straight quotes
        var wire = Dossier.Tests.Claims.Articles.FromText("wire.txt", "date 2025-10-15\nFlood in Vessa\n\nThe river flooded Vessa on Wednesday.\n\n" + carried);
        var update = Dossier.Tests.Claims.Articles.FromText("update.txt", "date 2025-10-16\nFlood in Vessa: search goes on\n\nRescuers found two more people on Thursday.\n\n"
            + carried.Replace('“', '"').Replace('”', '"'));

        // When the story's timeline is built, with the update known as a version of the wire story
        var events = new TimelineBuilder().Build([new StoryArticles("s1", [wire, update]) { Copies = [new(wire.Id, update.Id, "version", 0.8)] }]);
        var entries = string.Join(" | ", events.Select(e => e.Date + ": " + e.Text + " " + string.Join(",", e.Articles)));

        // Then the carried sentence is one entry, dated as the wire (where it was written) dated it, citing both articles
        var entry = events.Single(e => e.Mentions.Any(m => m.ArticleId == update.Id && update.Text[m.Start..m.End].Contains("mayor", StringComparison.Ordinal)));
        entry.Date.ShouldBe(date, entries);
        entry.Articles.ShouldBe([wire.Id, update.Id], ignoreOrder: true, entries);
    }

    [Fact]
    public void Should_date_the_same_words_in_unrelated_articles_each_on_its_own_date()
    {
        // Given two weekly reports of one desk, a week apart and no copies of each other, that share a stock sentence
        var first = Dossier.Tests.Claims.Articles.FromText("week1.txt", "date 2025-10-06\nLoans rise\n\nBusiness loans rose 2 pct in the week.\n\nNational loan data are scheduled to be released on Friday.");
        var second = Dossier.Tests.Claims.Articles.FromText("week2.txt", "date 2025-10-13\nLoans fall\n\nBusiness loans fell 1 pct in the week.\n\nNational loan data are scheduled to be released on Friday.");

        // When their timeline is built with no copy relation between them
        var events = new TimelineBuilder().Build([new StoryArticles("s1", [first, second])]);
        var entries = TimelineTextTests.Entries(events);

        // Then each "Friday" is its own week's
        events.ShouldContain(e => e.Date == "2025-10-10" && e.Articles.Contains(first.Id), entries);
        events.ShouldContain(e => e.Date == "2025-10-17" && e.Articles.Contains(second.Id), entries);
    }

    [Fact]
    public void Should_date_a_sentence_each_article_wrote_itself_against_its_own_date()
    {
        // Given two articles of consecutive days that each say "on Wednesday"/"tonight" in their own words
        var wire = Dossier.Tests.Claims.Articles.FromText("wire.txt", "date 2025-10-15\nFlood in Vessa\n\nThe mayor will meet rescuers tonight.");
        var update = Dossier.Tests.Claims.Articles.FromText("update.txt", "date 2025-10-16\nFlood in Vessa\n\nThe governor will meet the mayor tonight.");

        // When the story's timeline is built
        var events = new TimelineBuilder().Build([new StoryArticles("s1", [wire, update])]);

        // Then each "tonight" is its own article's day
        events.ShouldContain(e => e.Date == "2025-10-15" && e.Articles.Contains(wire.Id));
        events.ShouldContain(e => e.Date == "2025-10-16" && e.Articles.Contains(update.Id));
    }
}
