using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Tests.Support;

namespace Dossier.Tests.Entities;

public sealed partial class EntitiesCommandTests
{
    private const string Story = "SEOUL, South Korea (AP) \u2014 North Korean leader Kim Jong Un met Russian President Vladimir Putin on Wednesday.\nKim said the talks went well. Moscow has denied any arms deal.\n___\nAssociated Press journalist Mari Yamaguchi in Tokyo contributed to this report.\n";

    [Fact]
    public void Should_list_every_mention_with_offsets_into_the_file_and_its_entity()
    {
        // Given a news file
        using var dir = new TempDir();
        var path = dir.Write("story.txt", Story);
        var source = File.ReadAllText(path);

        // When its entities are listed as JSON
        var r = CliRunner.Run("entities", path, "--json");

        // Then every mention's offsets give its text, Kim resolves to Kim Jong Un, and the journalist is a contributor only
        r.ExitCode.ShouldBe(0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var mentions = doc.RootElement.GetProperty("mentions").EnumerateArray().ToList();
        mentions.ShouldNotBeEmpty();
        foreach (var m in mentions)
        {
            var start = m.GetProperty("start").GetInt32();
            var end = m.GetProperty("end").GetInt32();
            source[start..end].ShouldBe(m.GetProperty("text").GetString());
        }

        mentions.Where(m => m.GetProperty("text").GetString() == "Kim").ShouldAllBe(m => m.GetProperty("entity").GetString() == "Kim Jong Un");
        // (cleaning moves the contributor line out of the body; any mention left of her must be marked a contributor)
        mentions.Where(m => m.GetProperty("text").GetString() == "Mari Yamaguchi").ShouldAllBe(m => m.GetProperty("contributor").GetBoolean());
        var entities = doc.RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        entities.ShouldContain("Kim Jong Un");
        entities.ShouldContain("Russia");
        entities.ShouldNotContain("Mari Yamaguchi");
    }

    [Fact]
    public void Should_write_the_fields_documented_in_docs_json_entities_md()
    {
        // Given the first JSON example of docs/json/entities.md
        var md = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", "entities.md"));
        using var example = JsonDocument.Parse(JsonBlock().Match(md).Groups[1].Value);
        using var dir = new TempDir();
        var path = dir.Write("story.txt", Story);

        // When a file is tagged
        var r = CliRunner.Run("entities", path, "--json");
        using var actual = JsonDocument.Parse(r.Out);

        // Then the output has exactly the documented fields at each level
        Names(actual.RootElement).ShouldBe(Names(example.RootElement), ignoreOrder: true);
        Names(actual.RootElement.GetProperty("mentions")[0]).ShouldBe(Names(example.RootElement.GetProperty("mentions")[0]), ignoreOrder: true);
        Names(actual.RootElement.GetProperty("entities")[0]).ShouldBe(Names(example.RootElement.GetProperty("entities")[0]), ignoreOrder: true);
    }

    [Fact]
    public void Should_append_a_predicted_tag_to_every_CoNLL_line()
    {
        // Given two CoNLL-2003 sentences with gold labels
        using var dir = new TempDir();
        var path = dir.Write("tiny.conll", "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\nBRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n");

        // When they are tagged
        var r = CliRunner.Run("entities", "--conll", path);

        // Then each line gains one column (an IOB2 tag) and the sentence break stays
        r.ExitCode.ShouldBe(0, r.Error);
        var lines = r.Out.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        lines[0].ShouldBe("Peter NNP B-NP B-PER B-PER");
        lines[1].ShouldBe("Blackburn NNP I-NP I-PER I-PER");
        lines[2].ShouldBe("");
        lines[3].ShouldStartWith("BRUSSELS NNP B-NP B-LOC ");
        lines[3].Split(' ').Length.ShouldBe(5);
    }

    [Fact]
    public void Should_fail_with_one_line_naming_a_missing_file()
    {
        // Given a path that does not exist
        // When it is tagged
        var r = CliRunner.Run("entities", "/nonexistent/story.txt");

        // Then the command fails with exit code 3 and names the file
        r.ExitCode.ShouldBe(3);
        r.Error.ShouldContain("/nonexistent/story.txt");
    }

    [Fact]
    public void Should_list_the_stores_entities_with_their_articles()
    {
        // Given a store with two articles spelling one name two ways
        using var dir = new TempDir();
        var db = dir.File("store.db");
        dir.Write("in/a.txt", "North Korean leader Kim Jong Un arrived in Russia on Tuesday. Kim met Putin.\n");
        dir.Write("in/b.txt", "North Korean leader Kim Jong-un left Vladivostok on Sunday. Kim Yung-ho, South Korea's unification minister, criticised the trip.\n");
        CliRunner.Run("ingest", dir.File("in"), "--db", db).ExitCode.ShouldBe(0);

        // When the store's entities are listed
        var r = CliRunner.Run("entities", "--db", db, "--json");

        // Then the two spellings are one person in two articles, apart from Kim Yung-ho
        r.ExitCode.ShouldBe(0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var persons = doc.RootElement.GetProperty("entities").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "person").ToList();
        var kim = persons.Single(e => e.GetProperty("name").GetString()!.StartsWith("Kim Jong", StringComparison.Ordinal));
        kim.GetProperty("articles").GetArrayLength().ShouldBe(2);
        persons.ShouldContain(e => e.GetProperty("name").GetString() == "Kim Yung-ho");
    }

    private static List<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
