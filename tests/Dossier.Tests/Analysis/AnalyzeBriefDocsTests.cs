using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Tests.Support;

namespace Dossier.Tests.Analysis;

/// <summary>
/// The examples in docs/json/analyze.md and docs/json/brief.md are real output, abridged: the commands they name
/// run on the seeds, every item an example shows is in the output with the same fields (in order) and values
/// (<c>"..."</c> stands for a value left out, a text ending in <c>...</c> for the rest of it), and each doc's
/// field table names every field the output has.
/// </summary>
public sealed partial class AnalyzeBriefDocsTests
{
    // Fields whose values depend on where the test runs (paths): compared by file name.
    private static readonly HashSet<string> PathFields = ["source_path", "path"];

    [SharedFact("seeds")]
    public void Should_match_the_documented_analyze_example_and_field_table()
    {
        // Given the example and field table of docs/json/analyze.md
        var md = Doc("analyze.md");
        using var documented = Example(md, "analyze.md");

        // When the documented command runs
        var r = CliRunner.Run("analyze", Repo.Seeds, "--json");

        // Then every documented item is in the output with the same fields and values
        r.ExitCode.ShouldBe(0, r.Error);
        using var actual = JsonDocument.Parse(r.Out);
        Match(documented.RootElement, actual.RootElement, "$").ShouldBeNull();

        // And the table names exactly the fields of each section's items
        var rows = TableRows(md);
        rows.Keys.ShouldBe(actual.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Select(p => p.Name), ignoreOrder: true);
        foreach (var (section, fields) in rows)
        {
            var items = actual.RootElement.GetProperty(section);
            if (items.GetArrayLength() > 0)
            {
                ShouldList(fields, items[0], $"docs/json/analyze.md table row {section}[]");
            }
        }
    }

    [SharedFact("seeds")]
    public void Should_match_the_documented_brief_example_and_field_table()
    {
        // Given the example and field table of docs/json/brief.md, and the seeds in a store
        var md = Doc("brief.md");
        using var documented = Example(md, "brief.md");
        using var dir = new TempDir();
        var db = dir.File("s.db");
        CliRunner.Run("ingest", Repo.Seeds, "--db", db).ExitCode.ShouldBe(0);

        // When the documented story is briefed as JSON
        var story = documented.RootElement.GetProperty("story").GetProperty("id").GetString()!;
        var r = CliRunner.Run("brief", story, "--format", "json", "--db", db);

        // Then every documented item is in the output with the same fields and values
        r.ExitCode.ShouldBe(0, r.Error);
        using var actual = JsonDocument.Parse(r.Out);
        Match(documented.RootElement, actual.RootElement, "$").ShouldBeNull();

        // And the table names every top-level field, and the fields of the items of the rows that list them
        var rows = TableRows(md);
        rows.Keys.Append("schema").ShouldBe(actual.RootElement.EnumerateObject().Select(p => p.Name), ignoreOrder: true);
        foreach (var (name, fields) in rows.Where(r => r.Value.Count > 0))
        {
            var value = actual.RootElement.GetProperty(name);
            var item = value.ValueKind == JsonValueKind.Array ? (value.GetArrayLength() > 0 ? value[0] : (JsonElement?)null) : value;
            if (item is { } x)
            {
                ShouldList(fields, x, $"docs/json/brief.md table row {name}");
            }
        }
    }

    [Fact]
    public void Should_tell_a_missing_item_from_an_abridged_one()
    {
        // Given an abridged example and outputs that carry it, and one that does not
        using var example = JsonDocument.Parse("""{ "items": [ { "id": "a", "text": "The dam broke ...", "tags": ["x", "..."], "n": "..." } ] }""");
        using var carries = JsonDocument.Parse("""{ "items": [ { "id": "b", "text": "Other", "tags": [], "n": 1 }, { "id": "a", "text": "The dam broke at noon.", "tags": ["y", "x"], "n": 2 } ] }""");
        using var reordered = JsonDocument.Parse("""{ "items": [ { "text": "The dam broke at noon.", "id": "a", "tags": ["x"], "n": 2 } ] }""");
        using var differs = JsonDocument.Parse("""{ "items": [ { "id": "a", "text": "The dam held.", "tags": ["x"], "n": 2 } ] }""");

        // Then only the first matches
        Match(example.RootElement, carries.RootElement, "$").ShouldBeNull();
        Match(example.RootElement, reordered.RootElement, "$").ShouldNotBeNull();
        Match(example.RootElement, differs.RootElement, "$").ShouldNotBeNull();
    }

    /// <summary>Null when <paramref name="actual"/> carries <paramref name="expected"/>; else where it does not.</summary>
    private static string? Match(JsonElement expected, JsonElement actual, string where)
    {
        if (expected.ValueKind == JsonValueKind.String && expected.GetString() is { } s)
        {
            if (s == "...")
            {
                return null;
            }

            if (actual.ValueKind != JsonValueKind.String)
            {
                return $"{where}: a {actual.ValueKind}, documented as a string";
            }

            var a = actual.GetString()!;
            var ok = s.EndsWith("...", StringComparison.Ordinal) ? a.StartsWith(s[..^3], StringComparison.Ordinal) : a == s;
            return ok ? null : $"{where}: \"{a}\", documented as \"{s}\"";
        }

        if (actual.ValueKind != expected.ValueKind)
        {
            return $"{where}: a {actual.ValueKind}, documented as a {expected.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = actual.EnumerateObject().Select(p => p.Name).ToList();
                var documented = expected.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(documented))
                {
                    return $"{where}: fields {string.Join(", ", names)}, documented as {string.Join(", ", documented)}";
                }

                foreach (var p in expected.EnumerateObject())
                {
                    var v = actual.GetProperty(p.Name);
                    if (PathFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String && v.ValueKind == JsonValueKind.String)
                    {
                        if (Path.GetFileName(v.GetString()!) != Path.GetFileName(p.Value.GetString()!))
                        {
                            return $"{where}.{p.Name}: \"{v.GetString()}\", documented as \"{p.Value.GetString()}\"";
                        }

                        continue;
                    }

                    if (Match(p.Value, v, $"{where}.{p.Name}") is { } miss)
                    {
                        return miss;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() == 0)
                {
                    return actual.GetArrayLength() == 0 ? null : $"{where}: {actual.GetArrayLength()} items, documented as none";
                }

                // Abridged: each documented item is one of the output's items.
                var i = 0;
                foreach (var e in expected.EnumerateArray())
                {
                    if (!(e.ValueKind == JsonValueKind.String && e.GetString() == "...") && actual.EnumerateArray().All(x => Match(e, x, "") is not null))
                    {
                        var closest = actual.GetArrayLength() == 0 ? "the output has none" : Match(e, actual[0], $"{where}[{i}]");
                        return $"{where}[{i}]: no such item in the output ({closest})";
                    }

                    i++;
                }

                return null;
            default:
                return actual.GetRawText() == expected.GetRawText() ? null : $"{where}: {actual.GetRawText()}, documented as {expected.GetRawText()}";
        }
    }

    /// <summary>A table row lists every field of the item, and nothing but its fields and those of its lists' items.</summary>
    private static void ShouldList(List<string> listed, JsonElement item, string row)
    {
        item.EnumerateObject().Select(p => p.Name).Except(listed).ShouldBeEmpty($"{row}: fields the output has and the table does not name");
        listed.Except(FieldsOf(item)).ShouldBeEmpty($"{row}: names in the table the output does not have");
    }

    /// <summary>An item's fields, and the fields of the items of its lists of objects (one level down).</summary>
    private static List<string> FieldsOf(JsonElement item)
    {
        var fields = new List<string>();
        foreach (var p in item.EnumerateObject())
        {
            fields.Add(p.Name);
            if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 && p.Value[0].ValueKind == JsonValueKind.Object)
            {
                fields.AddRange(p.Value[0].EnumerateObject().Select(x => x.Name));
            }
        }

        return [.. fields.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The field table: for each name in a row's first column, the fields its second column lists (the code-quoted
    /// names outside parentheses, list marks dropped); none when the second column describes rather than lists.
    /// </summary>
    private static Dictionary<string, List<string>> TableRows(string md)
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in md.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var listed = cells[2].StartsWith('`')
                ? Code().Matches(Parenthesised().Replace(cells[2], string.Empty)).Select(m => Bare(m.Groups[1].Value)).Distinct(StringComparer.Ordinal).ToList()
                : [];
            foreach (Match m in Code().Matches(cells[1]))
            {
                rows[Bare(m.Groups[1].Value)] = listed;
            }
        }

        return rows;

        static string Bare(string name) => name.IndexOf('[', StringComparison.Ordinal) is var i and >= 0 ? name[..i] : name;
    }

    private static string Doc(string file) => File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", file));

    private static JsonDocument Example(string md, string file)
    {
        var m = JsonBlock().Match(md);
        m.Success.ShouldBeTrue($"docs/json/{file} has a ```json example");
        return JsonDocument.Parse(m.Groups[1].Value);
    }

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();
}
