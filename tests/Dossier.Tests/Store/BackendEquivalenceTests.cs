using System.Text.Json.Nodes;
using Dossier.Tests.Support;

namespace Dossier.Tests.Store;

/// <summary>Issue 10 "Measured by": the same input gives the same analysis on SQLite and on PostgreSQL.</summary>
[Collection("postgres")]
public sealed class BackendEquivalenceTests(PostgresCluster cluster) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [PostgresSharedFact("seeds")]
    public void Should_give_the_same_analysis_of_the_seeds_on_sqlite_and_postgres() => ShouldMatch(Repo.Seeds);

    [PostgresFact]
    public void Should_give_the_same_analysis_of_the_samples_on_sqlite_and_postgres()
    {
        var input = Repo.Samples;
        ShouldMatch(input);
    }

    private void ShouldMatch(string input)
    {
        // Given the same input analysed into a SQLite file and into a PostgreSQL database
        var sqlite = CliRunner.Run("analyze", input, "--json", "--db", _dir.File("a.db"));
        var postgres = CliRunner.Run("analyze", input, "--json", "--db", cluster.CreateDatabase());

        // Then the documents are the same, timings aside
        sqlite.ExitCode.ShouldBe(postgres.ExitCode, sqlite.Error + postgres.Error);
        var a = Normalise(sqlite.Out);
        var b = Normalise(postgres.Out);
        b.ShouldBe(a);
        JsonNode.Parse(a)!["articles"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    /// <summary>The JSON with timing fields removed (any property whose name mentions time or seconds).</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(k => k.Contains("elapsed", StringComparison.Ordinal) || k.Contains("seconds", StringComparison.Ordinal) || k.EndsWith("_ms", StringComparison.Ordinal)).ToList())
                {
                    o.Remove(key);
                }

                foreach (var p in o)
                {
                    Strip(p.Value);
                }

                break;
            case JsonArray arr:
                foreach (var x in arr)
                {
                    Strip(x);
                }

                break;
        }
    }
}
