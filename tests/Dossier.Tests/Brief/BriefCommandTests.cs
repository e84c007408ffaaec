using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Brief;

public sealed class BriefCommandTests
{
    [SharedFact("seeds")]
    public void Should_brief_the_seed_story_with_every_sentence_traceable_to_its_sources()
    {
        // Given the three seed articles in a store
        using var dir = new TempDir();
        var db = dir.File("s.db");
        CliRunner.Run("ingest", Repo.Seeds, "--db", db).ExitCode.ShouldBe(0);
        var stories = CliRunner.Run("stories", "--json", "--db", db);
        var story = stories.ExitCode == 0 && stories.Out.Contains("\"id\"", StringComparison.Ordinal)
            ? JsonDocument.Parse(stories.Out).RootElement.GetProperty("stories")[0].GetProperty("id").GetString()!
            : "all";

        // When the story is briefed as JSON
        var run = CliRunner.Run("brief", story, "--format", "json", "--db", db);

        // Then every summary, consensus and conflict sentence appears verbatim in an article it cites
        run.ExitCode.ShouldBe(0, run.Error);
        var brief = JsonDocument.Parse(run.Out).RootElement;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in brief.GetProperty("sources").EnumerateArray())
        {
            var id = s.GetProperty("article").GetString()!;
            var show = CliRunner.Run("show", id, "--json", "--db", db);
            texts[id] = JsonDocument.Parse(show.Out).RootElement.GetProperty("text").GetString()!;
        }

        texts.Count.ShouldBe(3);
        var summary = brief.GetProperty("summary").EnumerateArray().ToList();
        summary.Count.ShouldBeInRange(5, 10);
        foreach (var item in summary.Concat(brief.GetProperty("consensus").EnumerateArray()))
        {
            var text = item.GetProperty("text").GetString()!;
            var cited = item.GetProperty("articles").EnumerateArray().Select(a => a.GetString()!).ToList();
            cited.ShouldNotBeEmpty();
            cited.ShouldContain(id => texts[id].Contains(text, StringComparison.Ordinal), text);
        }

        // And the HTML form is one self-contained file
        var html = CliRunner.Run("brief", story, "--format", "html", "--db", db);
        html.ExitCode.ShouldBe(0);
        html.Out.ShouldStartWith("<!DOCTYPE html>");
        html.Out.ShouldNotContain("http://", Case.Sensitive, "no external assets except the SVG namespace");
    }

    [Fact]
    public void Should_fail_with_one_line_for_an_unknown_story()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("brief", "nope", "--db", dir.File("empty.db"));
        run.ExitCode.ShouldBe(3);
        run.Error.Trim().ShouldBe("dossier: No story 'nope' in the store. Run 'dossier stories' to see the ids.");
    }

    [Fact]
    public void Should_reject_an_unknown_format()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("brief", "all", "--format", "pdf", "--db", dir.File("empty.db"));
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("--format got 'pdf'");
    }
}
