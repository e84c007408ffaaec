using Dossier.Analysis;
using Dossier.Brief;

namespace Dossier.Tests.Brief;

public sealed class QuoteLinesTests
{
    [Fact]
    public void Should_show_a_quote_carried_by_several_copies_once_with_every_article_and_one_pair_of_marks()
    {
        // Given one speaker's quotes as four articles carry them: two wire copies, one with doubled apostrophes, and a reworded report
        QuoteEntry[] quotes =
        [
            new() { Article = "a", Direct = true, Text = "\"The water came faster than any model we had,\"" },
            new() { Article = "b", Direct = true, Text = "“The water came faster than any model we had,”" },
            new() { Article = "c", Direct = true, Text = "''The water came faster than any model we had,''" },
            new() { Speaker = "Ilan Dzhavo", Article = "c", Direct = false, Text = "the level kept rising" },
            new() { Speaker = "Ilan Dzhavo", Article = "d", Direct = false, Text = "the level kept rising" },
            new() { Article = "d", Direct = true, Text = "\"People want to know why the dam failed, and they will know.\"" },
        ];

        // When they are made into briefing lines
        var lines = QuoteLines.Of(quotes);

        // Then each wording is one line citing every article in order, without its own marks or a final comma
        lines.Count.ShouldBe(3);
        lines[0].ShouldBe(new QuoteLine("The water came faster than any model we had", true, ["a", "b", "c"]), new QuoteLineComparer());
        lines[1].Text.ShouldBe("the level kept rising");
        lines[1].Direct.ShouldBeFalse();
        lines[1].Articles.ShouldBe(["c", "d"]);
        lines[2].Text.ShouldBe("People want to know why the dam failed, and they will know.");
    }

    [Theory]
    [InlineData("ordered", "an independent inquiry", false)]
    [InlineData("had expected", "no change", false)]
    [InlineData("declined to say", "what caused the failure at the dam", false)]
    [InlineData("wouldn't say", "whether the gate had been repaired", false)]
    [InlineData("said", "the gate had jammed in August", true)]
    [InlineData("reported", "only minor flooding in the villages", true)]
    [InlineData("is expected", "to visit the flooded town on Friday", false, false)]
    public void Should_list_a_reported_statement_only_when_it_says_something(string cue, string text, bool listed, bool hasSpeaker = true)
    {
        // Given a speaker's reported statement with its cue
        QuoteEntry[] quotes = [new() { Article = "a", Direct = false, Cue = cue, Text = text, Speaker = hasSpeaker ? "Anna Marek" : null }];

        // When it is made into briefing lines
        var lines = QuoteLines.Of(quotes);

        // Then the object of a cue ("ordered an inquiry"), what someone declined to say and a statement with no speaker
        // (a forecast about someone) are not listed as anyone's words
        lines.Count.ShouldBe(listed ? 1 : 0);
    }

    [Theory]
    [InlineData("rated the dam “fair” and asked for repairs", "said", 10, 53, 26, 32, 1)]
    [InlineData("rated", "said", 10, 15, 26, 32, 1)]
    [InlineData("the gate had jammed in August", "said", 10, 40, 60, 80, 2)]
    public void Should_not_list_a_partial_quote_again_inside_the_reported_statement_that_shows_it(string reported, string cue, int rs, int re, int ds, int de, int count)
    {
        // Given a speaker's reported statement and a direct quote of one article, the quote inside the statement's span
        // or not, and a statement that says something or is only its cue's object ("rated")
        QuoteEntry[] quotes =
        [
            new() { Speaker = "Ilan Dzhavo", Article = "a", Direct = false, Cue = cue, Text = reported, Start = rs, End = re },
            new() { Article = "a", Direct = true, Cue = cue, Text = "“fair”", Start = ds, End = de },
        ];

        // When they are made into briefing lines
        var lines = QuoteLines.Of(quotes);

        // Then a quote inside a listed statement is shown by that statement only; otherwise the quote has its own line
        lines.Count.ShouldBe(count);
        lines.Count(l => l.Direct).ShouldBe(count == 1 && reported.Length > 10 ? 0 : 1);
    }

    [Fact]
    public void Should_leave_out_a_speaker_with_nothing_to_list_in_the_markdown_brief()
    {
        // Given a story in which one speaker only "reported only minor flooding" (the object of its cue, not a statement)
        const string Text = "Rescue teams searched the riverbank villages through the night after the dam failed on Tuesday, killing 12 people.\n\n\"We will not stop until everyone is found,\" governor Anya Morel told reporters in Vessa.\n\nVillages farther downstream reported only minor flooding.";
        var a = Dossier.Tests.Claims.Articles.FromText("a.txt", Text);
        var briefing = new BriefService().Brief(Dossier.Tests.Claims.Articles.Analyze([a]), "all", "Dam", [a.Id]);
        briefing.QuotesBySpeaker.ShouldContain(g => g.Quotes.Any(q => q.Text == "only minor flooding"));

        // When the brief is rendered as markdown and HTML
        var md = new MarkdownBriefRenderer().Render(briefing);
        var html = new HtmlBriefRenderer().Render(briefing);

        // Then the speaker whose quotes are all left out gets no empty heading
        md.ShouldContain("### Anya Morel");
        md.ShouldNotContain("### Villages", Case.Insensitive);
        html.ShouldNotContain("<h3>Villages", Case.Insensitive);
    }

    [Fact]
    public void Should_list_under_quotes_by_speaker_only_speech_and_thought_of_a_resolved_speaker()
    {
        // Given a story with a statement whose cue reports evidence ("images showed"), one of a document ("the log
        // notes"), a spoken one and a thought
        const string Text = "Satellite images showed that the bridge over the Kessel had collapsed overnight.\n\nThe log notes that the gate had been jammed since August.\n\n\"We will rebuild the bridge before winter,\" governor Anya Morel told reporters in Vessa.\n\nAnalysts believe the agreement will hold through the winter months.";
        var a = Dossier.Tests.Claims.Articles.FromText("a.txt", Text);

        // When the story is briefed
        var briefing = new BriefService().Brief(Dossier.Tests.Claims.Articles.Analyze([a]), "all", "Bridge", [a.Id]);

        // Then the governor's words and the analysts' belief are listed, the images and the log are not
        var speakers = briefing.QuotesBySpeaker.Select(g => g.Speaker).ToList();
        speakers.ShouldContain("Anya Morel");
        speakers.ShouldContain("Analysts");
        speakers.ShouldNotContain(s => s.Contains("images", StringComparison.OrdinalIgnoreCase) || s.Contains("log", StringComparison.OrdinalIgnoreCase) || s == "unattributed");
        briefing.QuotesBySpeaker.SelectMany(g => g.Quotes).ShouldAllBe(q => q.CueKind != "other");
    }

    [Fact]
    public void Should_render_each_quote_of_a_copied_story_once_in_the_markdown_brief()
    {
        // Given a story whose two articles are copies carrying the same quote
        const string Text = "Rescue teams searched the riverbank villages through the night after the dam failed on Tuesday, killing 12 people.\n\n\"We will not stop until everyone is found,\" governor Anya Morel told reporters in Vessa.";
        var a = Dossier.Tests.Claims.Articles.FromText("a.txt", Text);
        var b = Dossier.Tests.Claims.Articles.FromText("b.txt", Text + "\n\nThe river was falling by the evening.");
        var briefing = new BriefService().Brief(Dossier.Tests.Claims.Articles.Analyze([a, b]), "all", "Dam", [a.Id, b.Id]);

        // When the brief is rendered as markdown
        var md = new MarkdownBriefRenderer().Render(briefing);

        // Then the quote is one line with one pair of marks citing both sources
        md.ShouldContain("- “We will not stop until everyone is found” [S1, S2]");
        md.ShouldNotContain("“\"");
    }

    private sealed class QuoteLineComparer : IEqualityComparer<QuoteLine>
    {
        public bool Equals(QuoteLine? x, QuoteLine? y) =>
            x is not null && y is not null && x.Text == y.Text && x.Direct == y.Direct && x.Articles.SequenceEqual(y.Articles);

        public int GetHashCode(QuoteLine obj) => obj.Text.GetHashCode(StringComparison.Ordinal);
    }
}
