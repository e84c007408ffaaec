using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Quotes;

public sealed class QuotesCliTests
{
    private const string Article = "\u201CNo nation on the planet should help Mr. Putin,\u201D White House spokesman John Kirby said. He said any deal \u201Cwould certainly be of great importance to us.\u201D\n";

    [Fact]
    public void Should_print_each_quote_with_offsets_into_the_file_and_the_resolved_speaker()
    {
        // Given a text file with two quotes of one spokesman, the second cued by "He said"
        using var dir = new TempDir();
        var path = dir.Write("kirby.txt", Article);

        // When 'dossier quotes FILE --json' runs
        var r = CliRunner.Run("quotes", path, "--json");

        // Then both quotes come back, their offsets give their text and speaker, and "He" resolves to John Kirby
        r.ExitCode.ShouldBe(0, r.Error);
        var quotes = JsonDocument.Parse(r.Out).RootElement.GetProperty("quotes").EnumerateArray().ToList();
        quotes.Count.ShouldBe(2);
        foreach (var q in quotes)
        {
            var text = q.GetProperty("text").GetString()!;
            Article[q.GetProperty("start").GetInt32()..q.GetProperty("end").GetInt32()].ShouldBe(text);
            Article[q.GetProperty("speaker_start").GetInt32()..q.GetProperty("speaker_end").GetInt32()].ShouldBe(q.GetProperty("speaker").GetString());
            q.GetProperty("entity").GetString().ShouldBe("John Kirby");
            q.GetProperty("direct").GetBoolean().ShouldBeTrue();
        }

        quotes[1].GetProperty("speaker").GetString().ShouldBe("He");
    }

    [Fact]
    public void Should_print_the_fields_the_documented_example_has()
    {
        // Given the example in docs/json/quotes.md
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", "quotes.md"));
        var example = JsonDocument.Parse(doc.Split("```json")[1].Split("```")[0]).RootElement;
        using var dir = new TempDir();

        // When the command runs on the same text
        var r = CliRunner.Run("quotes", dir.Write("kirby.txt", Article), "--json");

        // Then the output has the documented top-level and per-quote fields, with the same values apart from ids and paths
        var output = JsonDocument.Parse(r.Out).RootElement;
        Names(output).ShouldBe(Names(example));
        var got = output.GetProperty("quotes").EnumerateArray().ToList();
        var want = example.GetProperty("quotes").EnumerateArray().ToList();
        got.Count.ShouldBe(want.Count);
        for (var i = 0; i < got.Count; i++)
        {
            Names(got[i]).ShouldBe(Names(want[i]));
            foreach (var f in new[] { "text", "start", "end", "speaker", "entity", "cue" })
            {
                got[i].GetProperty(f).ToString().ShouldBe(want[i].GetProperty(f).ToString(), f);
            }
        }
    }

    [Fact]
    public void Should_fail_with_one_line_naming_a_missing_file()
    {
        // Given a path that does not exist
        // When 'dossier quotes' runs on it
        var r = CliRunner.Run("quotes", "/nonexistent/file.txt");

        // Then it exits 3 with one error line naming the file
        r.ExitCode.ShouldBe(3);
        r.Error.Trim().Split('\n').Length.ShouldBe(1);
        r.Error.ShouldContain("/nonexistent/file.txt");
    }

    [Fact]
    public void Should_group_a_storys_quotes_under_one_speaker_spelled_two_ways()
    {
        // Given a store holding two outlets' articles of one story that spell the speaker two ways
        using var dir = new TempDir();
        dir.Write("in/a.txt", "Dam inquiry opens\n\nThe head of the Veridian Water Authority, Ilan Dzhavo, was suspended on Thursday after the Tarsk Dam burst.\n\n\"We will answer every question,\" Ilan Dzhavo told reporters in Lorrin on Thursday.");
        dir.Write("in/b.txt", "Water chief suspended\n\nVeridia suspended the head of its water authority, Ilan Djavo, on Thursday after the Tarsk Dam burst.\n\n\"We will answer every question,\" Ilan Djavo told reporters in Lorrin.");

        // When 'dossier quotes --story ID --json' runs
        var r = StoryQuotes(dir);

        // Then both quotes are under one speaker, named as the story's entity is
        r.ExitCode.ShouldBe(0, r.Error);
        var speakers = JsonDocument.Parse(r.Out).RootElement.GetProperty("speakers").EnumerateArray()
            .Where(g => g.GetProperty("entity").GetString()?.StartsWith("Ilan D", StringComparison.Ordinal) == true).ToList();
        speakers.Count.ShouldBe(1);
        speakers[0].GetProperty("quotes").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Should_list_a_storys_statements_that_report_no_speech_apart_from_its_speakers()
    {
        // Given a stored story with a statement of evidence ("Satellite images showed") and a spoken one
        using var dir = new TempDir();
        dir.Write("in/a.txt", "Bridge falls\n\nSatellite images showed that the bridge over the Kessel had collapsed overnight.\n\n\"We will rebuild the bridge before winter,\" governor Anya Morel told reporters in Vessa.");

        // When 'dossier quotes --story ID --json' runs
        var r = StoryQuotes(dir);

        // Then the governor is a speaker; the images' statement is under other_statements, with cue_kind "other"
        r.ExitCode.ShouldBe(0, r.Error);
        var root = JsonDocument.Parse(r.Out).RootElement;
        var speakers = root.GetProperty("speakers").EnumerateArray().ToList();
        speakers.ShouldContain(g => g.GetProperty("entity").GetString() == "Anya Morel");
        speakers.SelectMany(g => g.GetProperty("quotes").EnumerateArray()).ShouldAllBe(q => q.GetProperty("cue_kind").GetString() != "other");
        var other = root.GetProperty("other_statements").EnumerateArray().ToList();
        other.ShouldContain(q => q.GetProperty("cue").GetString() == "showed" && q.GetProperty("cue_kind").GetString() == "other");
    }

    /// <summary>Ingests the files under <c>in/</c> of <paramref name="dir"/> into a store and runs 'dossier quotes --story ID --json' on its one story.</summary>
    private static CliRunner.Result StoryQuotes(TempDir dir)
    {
        var db = dir.File("s.db");
        CliRunner.Run("ingest", dir.File("in"), "--db", db).ExitCode.ShouldBe(0);
        using var stories = JsonDocument.Parse(CliRunner.Run("stories", "--db", db, "--json").Out);
        var story = stories.RootElement.GetProperty("stories").EnumerateArray().Single().GetProperty("id").GetString()!;
        return CliRunner.Run("quotes", "--story", story, "--db", db, "--json");
    }

    [Fact]
    public void Should_show_a_usage_error_without_file_or_story()
    {
        CliRunner.Run("quotes").ExitCode.ShouldBe(1);
    }

    [SharedFact("data/polnear/dev")]
    public void Should_score_a_polnear_split_with_the_documented_fields()
    {
        // Given the example in docs/json/eval-quotes.md
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", "eval-quotes.md"));
        var example = JsonDocument.Parse(doc.Split("```json")[1].Split("```")[0]).RootElement;

        // When the dev split is scored
        var r = CliRunner.Run("eval-quotes", Path.Combine(Repo.Data("polnear"), "dev"), "--json");

        // Then the output has the documented fields
        r.ExitCode.ShouldBe(0, r.Error);
        var output = JsonDocument.Parse(r.Out).RootElement;
        Names(output).ShouldBe(Names(example));
        Names(output.GetProperty("direct")).ShouldBe(Names(example.GetProperty("direct")));
        output.GetProperty("documents").GetInt32().ShouldBe(84);
    }

    private static List<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];
}
