using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Time;

/// <summary>The dates and timeline verbs and their documented JSON (docs/json/dates.md, docs/json/timeline.md).</summary>
public sealed class TimeCommandTests
{
    private const string ExampleText = "date 2023-09-13\nSEOUL (AP) — Kim arrived Friday and will meet Putin next week, 18 months after the invasion.\n";

    [Fact]
    public void Should_print_the_documented_dates_example()
    {
        // Given the file of the documented example
        using var dir = new TempDir();
        var path = dir.Write("story.txt", ExampleText);

        // When dates runs with --date and --json
        var r = CliRunner.Run("dates", path, "--date", "2023-09-13", "--json");

        // Then the output equals the documented example (but for the path), and every offset points at its text
        r.ExitCode.ShouldBe(0, r.Error);
        using var got = JsonDocument.Parse(r.Out);
        using var documented = JsonDocument.Parse(JsonBlock("dates.md"));
        got.RootElement.GetProperty("expressions").GetRawText().ShouldBe(documented.RootElement.GetProperty("expressions").GetRawText());
        got.RootElement.GetProperty("anchor").GetRawText().ShouldBe(documented.RootElement.GetProperty("anchor").GetRawText());
        foreach (var e in got.RootElement.GetProperty("expressions").EnumerateArray())
        {
            ExampleText[e.GetProperty("start").GetInt32()..e.GetProperty("end").GetInt32()].ShouldBe(e.GetProperty("text").GetString());
        }
    }

    [Fact]
    public void Should_anchor_on_the_header_as_a_lower_bound_without_date()
    {
        // Given the same file, no --date
        using var dir = new TempDir();
        var path = dir.Write("story.txt", ExampleText);

        // When dates runs
        var r = CliRunner.Run("dates", path, "--json");

        // Then the header is the anchor and the past-tense Friday is two days after it, inferred
        r.ExitCode.ShouldBe(0, r.Error);
        using var got = JsonDocument.Parse(r.Out);
        got.RootElement.GetProperty("anchor").GetProperty("kind").GetString().ShouldBe("given");
        var friday = got.RootElement.GetProperty("expressions")[0];
        friday.GetProperty("value").GetString().ShouldBe("2023-09-15");
        friday.GetProperty("anchor").GetString().ShouldBe("inferred");
    }

    [Fact]
    public void Should_fail_in_one_line_on_a_missing_file_or_a_bad_date()
    {
        // Given a missing file and a bad --date
        using var dir = new TempDir();
        var path = dir.Write("a.txt", "Friday");

        // When dates runs, Then each fails with exit 3 and one line naming the problem
        var missing = CliRunner.Run("dates", dir.File("nope.txt"));
        missing.ExitCode.ShouldBe(3);
        missing.Error.ShouldContain("nope.txt");
        var bad = CliRunner.Run("dates", path, "--date", "13/09/2023");
        bad.ExitCode.ShouldBe(3);
        bad.Error.ShouldContain("--date");
    }

    [Fact]
    public void Should_build_a_merged_timeline_over_the_store_with_the_documented_fields()
    {
        // Given two stored articles that report the same event on the same day
        using var dir = new TempDir();
        dir.Write("in/a.txt", "date 2023-09-14\nKim met Putin at the Vostochny Cosmodrome on Wednesday and vowed full support.\n");
        dir.Write("in/b.txt", "date 2023-09-14\nOn Wednesday Kim met Putin at the Vostochny Cosmodrome, state media said. Talks will resume in October.\n");
        var db = dir.File("s.db");
        CliRunner.Run("ingest", dir.File("in"), "--db", db).ExitCode.ShouldBe(0);

        // When the timeline is printed as JSON
        var r = CliRunner.Run("timeline", "--db", db, "--json");

        // Then the Wednesday meeting is one event citing both, October another; fields as documented
        r.ExitCode.ShouldBe(0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var t = doc.RootElement.GetProperty("timelines")[0];
        var events = t.GetProperty("events").EnumerateArray().ToList();
        var wed = events.Single(e => e.GetProperty("date").GetString() == "2023-09-13");
        wed.GetProperty("articles").GetArrayLength().ShouldBe(2);
        events.ShouldContain(e => e.GetProperty("date").GetString() == "2023-10");
        using var documented = JsonDocument.Parse(JsonBlock("timeline.md"));
        var docEvent = documented.RootElement.GetProperty("timelines")[0].GetProperty("events")[0];
        foreach (var p in docEvent.EnumerateObject())
        {
            wed.TryGetProperty(p.Name, out _).ShouldBeTrue(p.Name);
        }

        foreach (var p in docEvent.GetProperty("mentions")[0].EnumerateObject())
        {
            wed.GetProperty("mentions")[0].TryGetProperty(p.Name, out _).ShouldBeTrue(p.Name);
        }
    }

    [Fact]
    public void Should_fill_the_timeline_section_of_analyze()
    {
        // Given two dated articles
        using var dir = new TempDir();
        dir.Write("in/a.txt", "date 2023-09-14\nKim met Putin at the Vostochny Cosmodrome on Wednesday.\n");
        dir.Write("in/b.txt", "date 2023-09-14\nThe two first met in July 2000 in Pyongyang.\n");

        // When analyze runs
        var r = CliRunner.Run("analyze", dir.File("in"), "--json");

        // Then timeline[] holds both dates with text and articles
        r.ExitCode.ShouldBe(0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var timeline = doc.RootElement.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Select(e => e.GetProperty("date").GetString()).ShouldContain("2023-09-13");
        timeline.Select(e => e.GetProperty("date").GetString()).ShouldContain("2000-07");
        timeline.ShouldAllBe(e => e.GetProperty("text").GetString()!.Length > 0 && e.GetProperty("articles").GetArrayLength() > 0);
    }

    private static string JsonBlock(string doc)
    {
        var md = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", doc));
        var s = md.IndexOf("```json", StringComparison.Ordinal) + 7;
        var e = md.IndexOf("```", s, StringComparison.Ordinal);
        return md[s..e];
    }
}
