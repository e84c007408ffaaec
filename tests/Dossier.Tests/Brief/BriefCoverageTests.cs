using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Brief;

public sealed class BriefCoverageTests
{
    /// <summary>Ingests the bundled samples into a throwaway store and briefs their largest story as JSON.</summary>
    private static JsonDocument BriefLargestSampleStory()
    {
        using var dir = new TempDir();
        var db = dir.File("s.db");
        CliRunner.Run("ingest", Repo.Samples, "--db", db).ExitCode.ShouldBe(0);
        using var stories = JsonDocument.Parse(CliRunner.Run("stories", "--db", db, "--json").Out);
        var largest = stories.RootElement.GetProperty("stories").EnumerateArray()
            .OrderByDescending(s => s.GetProperty("articles").GetArrayLength()).First().GetProperty("id").GetString()!;
        var r = CliRunner.Run("brief", largest, "--db", db, "--format", "json");
        r.ExitCode.ShouldBe(0, r.Error);
        return JsonDocument.Parse(r.Out);
    }

    [Fact]
    public void Should_give_each_claim_of_the_samples_dam_story_one_coverage_row()
    {
        // Given the bundled samples in a store
        // When its largest story is briefed as JSON
        using var brief = BriefLargestSampleStory();

        // Then no claim is a row of the coverage matrix twice (a consensus item and its fact read alike)
        var claims = brief.RootElement.GetProperty("coverage").GetProperty("claims").EnumerateArray().Select(c => c.GetString()!).ToList();
        claims.Count.ShouldBeGreaterThan(5);
        claims.ShouldBeUnique();
    }

    [Fact]
    public void Should_list_what_an_update_added_once_over_all_its_earlier_texts()
    {
        // Given the bundled samples in a store: the NWS update of Thursday is a version of the wire story that two
        // outlets reprinted, and it carries that wire story below its new lead
        // When its largest story is briefed as JSON
        using var brief = BriefLargestSampleStory();

        // Then each newer version has one entry, over its own previous version and every earlier article it updates,
        // and what it added is no fact any of those carried (the reprints' "villages farther downstream" is not new)
        var updates = brief.RootElement.GetProperty("updates").EnumerateArray().ToList();
        updates.Select(u => u.GetProperty("article").GetString()).ShouldBeUnique();
        var update = updates.ShouldHaveSingleItem();
        update.GetProperty("over").GetString().ShouldBe("previous version in the same article");
        update.GetProperty("also_over").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
        var added = update.GetProperty("added").EnumerateArray().Select(a => a.GetString()!).ToList();
        added.ShouldContain(a => a.Contains("was suspended on Thursday", StringComparison.Ordinal));
        added.ShouldNotContain(a => a.Contains("villages farther downstream", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_cite_every_copy_that_carries_a_fact_only_one_source_reports()
    {
        // Given the bundled samples in a store: a wire story, its update and two outlets' reprints are one source
        // When its largest story is briefed as JSON
        using var brief = BriefLargestSampleStory();

        // Then each exclusive names its first report first and every article of that one source carrying it, so the
        // wire story's own facts cite the wire, its reprints and its update, not one of them
        var exclusives = brief.RootElement.GetProperty("exclusives").EnumerateArray().ToList();
        exclusives.ShouldAllBe(e => e.GetProperty("articles")[0].GetString() == e.GetProperty("article").GetString());
        var rain = exclusives.Single(e => e.GetProperty("text").GetString()!.StartsWith("Heavy rain had fallen", StringComparison.Ordinal));
        rain.GetProperty("articles").GetArrayLength().ShouldBe(4);
    }
}
