using System.Text.Json;
using Dossier.Copies;
using Dossier.Tests.Support;

namespace Dossier.Tests.Copies;

public sealed class CopyCasesTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "copies.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_relate_each_case_pair_as_the_case_says(string name)
    {
        // Given the case's two texts
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "copies.json")));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var a = CopyDoc.Of(c.GetProperty("a").GetString()!);
        var b = CopyDoc.Of(c.GetProperty("b").GetString()!);

        // When the later one is compared with the earlier one
        var match = CopyComparer.Default.Compare(a.Profile, b.Profile, b.EarlierVersions);

        // Then the kind is the expected one (or none)
        var expected = c.GetProperty("kind").ValueKind == JsonValueKind.Null ? null : c.GetProperty("kind").GetString();
        (match is null ? null : CopyComparer.Name(match.Kind)).ShouldBe(expected, $"evidence: {match?.Evidence}");
    }

    [Fact]
    public void Should_find_the_same_relations_through_the_index_as_by_direct_comparison()
    {
        // Given every case text in one corpus, a before b
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "copies.json")));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        var docs = cases.SelectMany(c => new[] { CopyDoc.Of(c.GetProperty("a").GetString()!), CopyDoc.Of(c.GetProperty("b").GetString()!) }).ToList();

        // When the detector processes them in order
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();

        // Then each expected pair is found with its kind, and nothing across cases
        for (var i = 0; i < cases.Count; i++)
        {
            var kind = cases[i].GetProperty("kind");
            var pair = found.Where(f => Math.Min(f.A, f.B) == 2 * i && Math.Max(f.A, f.B) == (2 * i) + 1).ToList();
            if (kind.ValueKind == JsonValueKind.Null)
            {
                pair.ShouldBeEmpty();
            }
            else
            {
                pair.Select(p => CopyComparer.Name(p.Match.Kind)).ShouldBe([kind.GetString()!]);
            }
        }

        found.ShouldAllBe(f => Math.Min(f.A, f.B) / 2 == Math.Max(f.A, f.B) / 2);
    }
}
