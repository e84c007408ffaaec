using System.Globalization;
using System.Text.Json;
using Dossier.Tests.Support;
using Dossier.Time;

namespace Dossier.Tests.Time;

/// <summary>The cases of tests/cases/dates.json: adding a case is editing that file.</summary>
public sealed class DateCasesTests
{
    public static TheoryData<string> CaseNames()
    {
        var d = new TheoryData<string>();
        foreach (var c in Cases())
        {
            d.Add(c.GetProperty("name").GetString()!);
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Should_find_and_resolve_the_expressions_of_each_case(string name)
    {
        // Given the case's text and anchor
        var c = Cases().Single(x => x.GetProperty("name").GetString() == name);
        var text = c.GetProperty("text").GetString()!;
        TimeAnchor? anchor = null;
        if (c.GetProperty("anchor").ValueKind == JsonValueKind.String)
        {
            var d = DateOnly.ParseExact(c.GetProperty("anchor").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var lower = c.TryGetProperty("lower_bound", out var lb) && lb.GetBoolean();
            anchor = new TimeAnchor(d, AnchorKind.Given, "case", lower);
        }

        // When it is tagged
        var found = TimeTagger.Default.Tag(text, anchor);
        string Show() => string.Join(", ", found.Select(f => $"'{text[f.Start..f.End]}'={f.Type}:{f.Value} ({f.Rule})"));

        // Then every expected expression is there with its exact text, type and value
        if (c.TryGetProperty("expect", out var expect))
        {
            foreach (var e in expect.EnumerateArray())
            {
                var want = e.GetProperty("text").GetString()!;
                var hit = found.FirstOrDefault(f => text[f.Start..f.End] == want);
                hit.ShouldNotBeNull($"'{want}' not found in '{text}'; found {Show()}");
                text[hit.Start..hit.End].ShouldBe(want);
                hit.Type.ToString().ToUpperInvariant().ShouldBe(e.GetProperty("type").GetString(), Show());
                hit.Value.ShouldBe(e.GetProperty("value").GetString(), Show());
                if (e.TryGetProperty("anchor", out var k))
                {
                    hit.Anchor.ToString().ToLowerInvariant().ShouldBe(k.GetString());
                }
            }
        }

        // And nothing is found where the case says there is none
        if (c.TryGetProperty("none", out var none))
        {
            foreach (var n in none.EnumerateArray().Select(x => x.GetString()!))
            {
                var spans = found.Select(f => text[f.Start..f.End]).ToList();
                spans.ShouldNotContain(x => x.Contains(n, StringComparison.Ordinal), Show());
            }
        }
    }

    internal static List<JsonElement> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "dates.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(x => x.Clone()).ToList();
    }
}
