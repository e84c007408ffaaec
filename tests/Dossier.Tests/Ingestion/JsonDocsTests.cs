using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Tests.Support;

namespace Dossier.Tests.Ingestion;

/// <summary>The examples in docs/json/{ingest,list,show}.md are real output: the same inputs give the same JSON.</summary>
public sealed partial class JsonDocsTests
{
    // Fields whose values depend on where the test runs (paths); their presence is still checked.
    private static readonly HashSet<string> PathFields = ["store", "source_path", "path"];

    [Fact]
    public void Should_match_the_documented_show_example()
    {
        // Given the documented example's input file (its source_text is the file)
        using var documented = Documented("show.md");
        using var dir = new TempDir();
        var file = dir.Write("lima-update.txt", documented.RootElement.GetProperty("source_text").GetString()!);
        var db = dir.File("store.db");
        CliRunner.Run("ingest", file, "--db", db).ExitCode.ShouldBe(0);

        // When shown as JSON
        var r = CliRunner.Run("show", documented.RootElement.GetProperty("id").GetString()!, "--db", db, "--json");

        // Then the output has the documented fields and values
        r.ExitCode.ShouldBe(0);
        using var actual = JsonDocument.Parse(r.Out);
        Compare(documented.RootElement, actual.RootElement, "$");
    }

    [SharedFact("seeds")]
    public void Should_match_the_documented_ingest_and_list_examples()
    {
        // Given the documented inputs: seed 000, the wire-quake fixture, and a JSON Lines file with a broken line
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "in");
        Directory.CreateDirectory(input);
        File.Copy(Directory.EnumerateFiles(Repo.Seeds, "000_*.txt").Single(), Path.Combine(input, "ap-seoul.txt"));
        File.Copy(Path.Combine(Repo.Cases, "html", "wire-quake.html"), Path.Combine(input, "wire-quake.html"));
        File.WriteAllText(Path.Combine(input, "batch.jsonl"), "{\"id\":\"x1\",\"title\":\"Fine\",\"source\":\"Example Wire\",\"published\":\"2024-05-01T08:00:00Z\",\"text\":\"LISBON (Reuters) - The port reopened.\"}\n{broken\n");
        var db = dir.File("store.db");

        // When ingested and listed
        var ingest = CliRunner.Run("ingest", input, "--db", db, "--json");
        var list = CliRunner.Run("list", "--db", db, "--json");

        // Then both match their documented examples
        ingest.ExitCode.ShouldBe(2);
        using var ingestDoc = Documented("ingest.md");
        using var ingestOut = JsonDocument.Parse(ingest.Out);
        Compare(ingestDoc.RootElement, ingestOut.RootElement, "$");
        using var listDoc = Documented("list.md");
        using var listOut = JsonDocument.Parse(list.Out);
        Compare(listDoc.RootElement, listOut.RootElement, "$");
    }

    private static void Compare(JsonElement expected, JsonElement actual, string where)
    {
        actual.ValueKind.ShouldBe(expected.ValueKind, where);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                actual.EnumerateObject().Select(p => p.Name).ShouldBe(expected.EnumerateObject().Select(p => p.Name), where);
                foreach (var p in expected.EnumerateObject())
                {
                    var a = actual.GetProperty(p.Name);
                    if (PathFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String)
                    {
                        // Same file (and line/item suffix), wherever it lives.
                        Path.GetFileName(a.GetString()!).ShouldBe(Path.GetFileName(p.Value.GetString()!), $"{where}.{p.Name}");
                        continue;
                    }

                    Compare(p.Value, a, $"{where}.{p.Name}");
                }

                break;
            case JsonValueKind.Array:
                actual.GetArrayLength().ShouldBe(expected.GetArrayLength(), where);
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    Compare(expected[i], actual[i], $"{where}[{i}]");
                }

                break;
            default:
                actual.GetRawText().ShouldBe(expected.GetRawText(), where);
                break;
        }
    }

    private static JsonDocument Documented(string file)
    {
        var md = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", file));
        var m = JsonBlock().Match(md);
        m.Success.ShouldBeTrue($"docs/json/{file} has a ```json example");
        return JsonDocument.Parse(m.Groups[1].Value);
    }

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
