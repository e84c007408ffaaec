using System.Text.Json;
using Dossier.Tests.Support;

namespace Dossier.Tests.Copies;

public sealed class CopiesCliTests
{
    private const string Earlier = "The city council approved the new stadium plan late on Wednesday after a six-hour debate. Supporters said the project would bring jobs and visitors to the waterfront district. Opponents argued the public subsidy of 300 million dollars was too large for a city facing budget cuts. The mayor is expected to sign the measure next week.";

    private const string Later = "The mayor signed the stadium measure on Friday, two days after the council vote, and said construction would begin in the spring. A group of residents filed a lawsuit the same afternoon seeking to block the public subsidy. Their lawyer said the vote broke open-meeting rules.\n\n" + Earlier;

    private static (TempDir Dir, string Db, string[] Ids) Ingest()
    {
        var dir = new TempDir();
        dir.Write("in/1.txt", Earlier);
        dir.Write("in/2.txt", Later);
        dir.Write("in/3.txt", "The museum reopened its east wing on Saturday after a two-year renovation. Visitors queued for hours to see the restored ceiling.");
        var db = dir.File("d.db");
        CliRunner.Run("ingest", dir.File("in"), "--db", db).ExitCode.ShouldBe(0);
        using var list = JsonDocument.Parse(CliRunner.Run("list", "--db", db, "--json").Out);
        var ids = list.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        return (dir, db, ids);
    }

    [Fact]
    public void Should_list_copy_groups_with_the_documented_fields()
    {
        // Given an article, its update and an unrelated article in a store
        var (dir, db, ids) = Ingest();
        using var _ = dir;

        // When copies are listed as JSON
        var run = CliRunner.Run("copies", "--db", db, "--json");

        // Then one group of two articles holds a version relation, and three articles are two independent sources
        run.ExitCode.ShouldBe(0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        root.GetProperty("articles").GetInt32().ShouldBe(3);
        root.GetProperty("independent_sources").GetInt32().ShouldBe(2);
        var group = root.GetProperty("groups").EnumerateArray().Single();
        group.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ShouldBe([ids[0], ids[1]], ignoreOrder: true);
        var relation = group.GetProperty("relations").EnumerateArray().Single();
        relation.GetProperty("kind").GetString().ShouldBe("version");
        relation.GetProperty("a").GetString().ShouldBe(ids[0]);
        relation.GetProperty("b").GetString().ShouldBe(ids[1]);
        relation.GetProperty("evidence").GetProperty("new_sentences").GetInt32().ShouldBe(3);
    }

    [Fact]
    public void Should_show_one_article_group_and_fail_on_an_unknown_id()
    {
        // Given the store
        var (dir, db, ids) = Ingest();
        using var _ = dir;

        // When asked for the unrelated article's group, and for an id that does not exist
        var one = CliRunner.Run("copies", ids[2], "--db", db, "--json");
        var missing = CliRunner.Run("copies", "ffffffffffff", "--db", db);
        var table = CliRunner.Run("copies", "--db", db);

        // Then the group has just that article, the unknown id fails with one line, and the table names the kind
        using var json = JsonDocument.Parse(one.Out);
        json.RootElement.GetProperty("independent_sources").GetInt32().ShouldBe(1);
        json.RootElement.GetProperty("groups")[0].GetProperty("relations").GetArrayLength().ShouldBe(0);
        missing.ExitCode.ShouldBe(3);
        missing.Error.ShouldContain("ffffffffffff");
        table.Console.ShouldContain("version");
    }

    [Fact]
    public void Should_diff_two_articles_with_offsets_into_their_source_text()
    {
        // Given the article and its update
        var (dir, db, ids) = Ingest();
        using var _ = dir;

        // When they are diffed
        var run = CliRunner.Run("diff", ids[0], ids[1], "--db", db, "--json");

        // Then the update's lead is new, the earlier text is shared, and every offset slices its text
        run.ExitCode.ShouldBe(0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        root.GetProperty("kind").GetString().ShouldBe("version");
        var passages = root.GetProperty("passages").EnumerateArray().ToList();
        passages.Select(p => p.GetProperty("status").GetString()).ShouldBe(["new", "shared"]);
        var texts = new[] { Earlier, Later };
        foreach (var p in passages)
        {
            foreach (var (side, text) in new[] { ("a", texts[0]), ("b", texts[1]) })
            {
                var s = p.GetProperty(side);
                if (s.ValueKind != JsonValueKind.Null)
                {
                    text[s.GetProperty("start").GetInt32()..s.GetProperty("end").GetInt32()].ShouldBe(s.GetProperty("text").GetString());
                }
            }
        }
    }

    [Theory]
    [InlineData("copies.md", new[] { "article", "articles", "independent_sources", "groups" })]
    [InlineData("diff.md", new[] { "a", "b", "kind", "score", "coverage_a", "coverage_b", "passages" })]
    public void Should_document_an_example_that_parses_with_the_fields(string file, string[] fields)
    {
        // Given the documented example
        var md = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", file));
        var start = md.IndexOf("```json", StringComparison.Ordinal) + 7;
        var example = md[start..md.IndexOf("```", start, StringComparison.Ordinal)];

        // When it is parsed
        using var json = JsonDocument.Parse(example);

        // Then it has every top-level field
        foreach (var f in fields)
        {
            json.RootElement.TryGetProperty(f, out var _).ShouldBeTrue(f);
        }
    }
}
