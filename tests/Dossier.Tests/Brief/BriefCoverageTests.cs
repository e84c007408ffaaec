using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Brief;

public sealed class BriefCoverageTests
{
    [Fact]
    public void Should_give_each_claim_of_the_samples_dam_story_one_coverage_row()
    {
        // Given the bundled samples in a store
        using var dir = new TempDir();
        var db = dir.File("s.db");
        CliRunner.Run("ingest", Repo.Samples, "--db", db).ExitCode.ShouldBe(0);
        using var stories = JsonDocument.Parse(CliRunner.Run("stories", "--db", db, "--json").Out);
        var largest = stories.RootElement.GetProperty("stories").EnumerateArray()
            .OrderByDescending(s => s.GetProperty("articles").GetArrayLength()).First().GetProperty("id").GetString()!;

        // When its largest story is briefed as JSON
        var r = CliRunner.Run("brief", largest, "--db", db, "--format", "json");
        r.ExitCode.ShouldBe(0, r.Error);
        using var brief = JsonDocument.Parse(r.Out);

        // Then no claim is a row of the coverage matrix twice (a consensus item and its fact read alike)
        var claims = brief.RootElement.GetProperty("coverage").GetProperty("claims").EnumerateArray().Select(c => c.GetString()!).ToList();
        claims.Count.ShouldBeGreaterThan(5);
        claims.ShouldBeUnique();
    }
}
