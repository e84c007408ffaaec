using System.Text.Json;
using Dossier.Cleaning;
using Dossier.Reading;
using Dossier.Stories;
using Dossier.Tests.Support;

namespace Dossier.Tests.Stories;

/// <summary>Data-driven cases from tests/cases/titles.json: a story title made from a lead sentence.</summary>
public sealed class StoryTitleCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var e in Load())
        {
            data.Add(e.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_make_a_story_title_from_a_lead_as_the_case_file_says(string name)
    {
        // Given a plain text article with no headline, from titles.json
        var c = Load().First(e => e.GetProperty("name").GetString() == name);
        var raw = new PlainTextReader().Read(new InputText("lead.txt", c.GetProperty("text").GetString()!)).Single().Document!;
        var article = ArticleCleaner.Default.Clean(raw);

        // When a story title is made from its lead
        var title = StoryTitle.FromLead(article);

        // Then it is the expected headline-length title
        title.ShouldBe(c.GetProperty("title").GetString(), $"case '{name}'");
    }

    private static List<JsonElement> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "titles.json")));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone())];
    }
}
