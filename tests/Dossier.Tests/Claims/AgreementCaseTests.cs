using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Claims;

/// <summary>Runs every case of tests/cases/agreement.json (the seeds, the samples, or a case's own short texts) through <c>dossier analyze --json</c>.</summary>
public sealed class AgreementCaseTests
{
    private static readonly Lazy<JsonDocument> Cases = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "agreement.json"))));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [SharedTheory("seeds")]
    [MemberData(nameof(Names))]
    public void Should_report_agreement_as_the_case_file_says(string name)
    {
        // Given a case and the analysis of its corpus
        var c = Cases.Value.RootElement.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var kind = c.GetProperty("corpus").GetString();
        var folder = kind == "texts" ? WriteTexts(c.GetProperty("texts")) : null;
        CliRunner.Result run;
        try
        {
            run = CliRunner.Run("analyze", folder ?? (kind == "seeds" ? Repo.Seeds : Repo.Samples), "--json");
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        var articles = root.GetProperty("articles").EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("source_path").GetString()!, StringComparer.Ordinal);
        string Id(string part) => articles.Single(kv => kv.Value.Contains(part, StringComparison.Ordinal)).Key;
        JsonElement StoryOf(string id) => root.GetProperty("stories").EnumerateArray().Single(s => Ids(s.GetProperty("articles")).Contains(id));
        var failures = new List<string>();

        // When every expectation is checked
        foreach (var e in c.GetProperty("expect").EnumerateArray())
        {
            var check = e.GetProperty("check").GetString()!;
            var ok = check switch
            {
                "same_story" => Strings(e, "articles").Select(p => StoryOf(Id(p)).GetProperty("id").GetString()).Distinct().Count() == 1,
                "lineage" => root.GetProperty("copies").EnumerateArray().Any(r =>
                    Strings(e, "articles").Select(Id).ToHashSet().SetEquals([r.GetProperty("a").GetString()!, r.GetProperty("b").GetString()!])),
                "independent_sources" => StoryOf(Id(e.GetProperty("article").GetString()!)).GetProperty("independent_sources").GetInt32() == e.GetProperty("equals").GetInt32(),
                "exclusive" => root.GetProperty("exclusives").EnumerateArray().Any(x =>
                    x.GetProperty("article").GetString() == Id(e.GetProperty("article").GetString()!)
                    && x.GetProperty("text").GetString()!.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "conflict" => root.GetProperty("conflicts").EnumerateArray().Any(x =>
                    (!e.TryGetProperty("topic", out var topic) || x.GetProperty("topic").GetString() == topic.GetString())
                    && (!e.TryGetProperty("sides_contain", out _) || Strings(e, "sides_contain").All(s =>
                        x.GetProperty("claims").EnumerateArray().Any(side => side.GetProperty("text").GetString()!.Contains(s, StringComparison.Ordinal))))),
                "no_conflict" => !root.GetProperty("conflicts").EnumerateArray().Any(x => x.GetRawText().Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "no_conflict_side" => !root.GetProperty("conflicts").EnumerateArray().SelectMany(x => x.GetProperty("claims").EnumerateArray())
                    .Any(side => side.GetProperty("text").GetString()!.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "no_exclusive" => !Texts(root, "exclusives").Any(t => t.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "no_consensus" => !Texts(root, "consensus").Any(t => t.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "nowhere" => !new[] { "consensus", "exclusives", "summary" }.SelectMany(section => Texts(root, section))
                    .Concat(root.GetProperty("conflicts").EnumerateArray().SelectMany(x => x.GetProperty("claims").EnumerateArray()).Select(side => side.GetProperty("text").GetString()!))
                    .Any(t => t.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "quote_group" => root.GetProperty("quote_groups").EnumerateArray().Any(g => Strings(e, "contains").All(s =>
                    g.GetProperty("quotes").EnumerateArray().Any(q => q.GetProperty("text").GetString()!.Contains(s, StringComparison.Ordinal)))),
                "consensus" => root.GetProperty("consensus").EnumerateArray().Any(x =>
                    x.GetProperty("text").GetString()!.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)
                    && x.GetProperty("articles").GetArrayLength() >= e.GetProperty("min_articles").GetInt32()
                    && (!e.TryGetProperty("not_article", out var not) || !Ids(x.GetProperty("articles")).Contains(Id(not.GetString()!)))),
                "summary_cited" => SummaryOk(root, StoryOf(Id(e.GetProperty("story_of").GetString()!)).GetProperty("id").GetString()!, e),
                "summary_once" => SummaryLines(root, StoryOf(Id(e.GetProperty("story_of").GetString()!)).GetProperty("id").GetString()!)
                    .Count(l => l.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)) == 1,
                "summary_next" => SummaryLines(root, StoryOf(Id(e.GetProperty("story_of").GetString()!)).GetProperty("id").GetString()!) is var lines
                    && lines.FindIndex(l => l.Contains(e.GetProperty("after").GetString()!, StringComparison.Ordinal)) is var at and >= 0
                    && at + 1 < lines.Count && lines[at + 1].Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal),
                "summary_cites" => root.GetProperty("summary").EnumerateArray()
                    .SingleOrDefault(x => x.GetProperty("text").GetString()!.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } line
                    && Ids(line.GetProperty("articles")) is var cited
                    && Strings(e, "articles").All(a => cited.Contains(Id(a)))
                    && !Strings(e, "not_articles").Any(a => cited.Contains(Id(a))),
                "in_summary" => Texts(root, "summary").Any(t => t.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "not_in_summary" => !Texts(root, "summary").Any(t => t.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal)),
                "summary_first" => SummaryLines(root, StoryOf(Id(e.GetProperty("story_of").GetString()!)).GetProperty("id").GetString()!)
                    .FirstOrDefault()?.Contains(e.GetProperty("contains").GetString()!, StringComparison.Ordinal) == true,
                "quotes_whole" => new[] { "consensus", "exclusives", "summary" }.SelectMany(section => Texts(root, section)).All(QuotesWhole),
                _ => throw new InvalidOperationException($"unknown check '{check}' in agreement.json"),
            };
            if (!ok)
            {
                failures.Add(e.GetRawText());
            }
        }

        // Then none failed
        failures.ShouldBeEmpty();
    }

    private static bool SummaryOk(JsonElement root, string story, JsonElement e)
    {
        var lines = root.GetProperty("summary").EnumerateArray().Where(s => s.GetProperty("story").GetString() == story).ToList();
        return lines.Count >= e.GetProperty("min").GetInt32() && lines.Count <= e.GetProperty("max").GetInt32()
            && lines.All(l => l.GetProperty("articles").GetArrayLength() > 0);
    }

    private static List<string> SummaryLines(JsonElement root, string story) =>
        root.GetProperty("summary").EnumerateArray().Where(s => s.GetProperty("story").GetString() == story).Select(s => s.GetProperty("text").GetString()!).ToList();

    /// <summary>
    /// Whether a text neither opens nor closes inside straight quotation marks: its first mark opens a quotation (at the
    /// start or after a space, before a word) and its last one closes it.
    /// </summary>
    private static bool QuotesWhole(string text)
    {
        var marks = Enumerable.Range(0, text.Length).Where(i => text[i] == '"')
            .Select(i => (i == 0 || char.IsWhiteSpace(text[i - 1])) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])).ToList();
        return marks.Count == 0 || (marks[0] && !marks[^1]);
    }

    private static IEnumerable<string> Texts(JsonElement root, string section) =>
        root.GetProperty(section).EnumerateArray().Select(x => x.GetProperty("text").GetString()!);

    /// <summary>Writes a case's own articles (file name -> paragraphs) into a new folder.</summary>
    private static string WriteTexts(JsonElement texts)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dossier-agreement-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in texts.EnumerateObject())
        {
            File.WriteAllText(Path.Combine(folder, file.Name), string.Join("\n\n", file.Value.EnumerateArray().Select(p => p.GetString())) + "\n");
        }

        return folder;
    }

    private static HashSet<string> Ids(JsonElement array) => array.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Strings(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!);
}
