using System.Text.Json;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Tests.Support;

namespace Dossier.Tests.Cleaning;

public sealed class CleaningCasesTests
{
    public static TheoryData<string> Cases()
    {
        using var doc = Load();
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_clean_each_case_as_written_in_cleaning_json(string name)
    {
        // Given the case from tests/cases/cleaning.json
        using var doc = Load();
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var input = c.GetProperty("input").GetString()!;

        // When the plain text is read and cleaned
        var raw = new PlainTextReader().Read(new InputText("case.txt", input)).Single().Document!;
        var a = ArticleCleaner.Default.Clean(raw);

        // Then every field the case states holds, and every span is consistent
        a.ShouldHaveConsistentSpans();
        a.SourceText.ShouldBe(input);
        if (c.TryGetProperty("text", out var text))
        {
            a.Text.ShouldBe(text.GetString());
        }

        Check(c, "title", a.Title);
        Check(c, "dateline", a.Dateline);
        Check(c, "outlet", a.Outlet);
        Check(c, "byline", a.Byline);
        Check(c, "published", a.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Check(c, "published_kind", a.PublishedKind.ToString().ToLowerInvariant());
        if (c.TryGetProperty("paragraphs", out var ps))
        {
            a.Paragraphs.Select(p => p.Slice(a.Text)).ShouldBe(ps.EnumerateArray().Select(p => p.GetString()!));
        }

        if (c.TryGetProperty("captions", out var cs))
        {
            a.Captions.Select(p => p.Slice(a.Text)).ShouldBe(cs.EnumerateArray().Select(p => p.GetString()!));
        }

        if (c.TryGetProperty("versions", out var vs))
        {
            a.Versions.Select(v => v.Span.Slice(a.Text)).ShouldBe(vs.EnumerateArray().Select(p => p.GetString()!));
        }

        if (c.TryGetProperty("markers", out var ms))
        {
            a.Versions.Select(v => v.Marker).ShouldBe(ms.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Null ? null : p.GetString()));
        }

        if (c.TryGetProperty("contributors", out var co))
        {
            a.Contributors.ShouldBe(co.EnumerateArray().Select(p => p.GetString()!));
        }

        if (c.TryGetProperty("credit_lines", out var cl))
        {
            a.CreditLines.Count.ShouldBe(cl.GetInt32());
        }

        if (c.TryGetProperty("metadata", out var md))
        {
            foreach (var kv in md.EnumerateObject())
            {
                a.Metadata[kv.Name].ShouldBe(kv.Value.GetString());
            }
        }
    }

    private static void Check(JsonElement c, string field, string? actual)
    {
        if (c.TryGetProperty(field, out var v))
        {
            actual.ShouldBe(v.ValueKind == JsonValueKind.Null ? null : v.GetString(), field);
        }
    }

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "cleaning.json")));
}
