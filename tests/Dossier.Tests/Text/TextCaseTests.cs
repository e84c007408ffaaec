using System.Text.Json;
using Dossier.Tests.Support;
using Dossier.Text;

namespace Dossier.Tests.Text;

/// <summary>Data-driven tokeniser and sentence cases from tests/cases/tokens.json and sentences.json.</summary>
public sealed class TextCaseTests
{
    public static TheoryData<string> SentenceCases() => Names("sentences.json");

    public static TheoryData<string> TokenCases() => Names("tokens.json");

    [Theory]
    [MemberData(nameof(SentenceCases))]
    public void Should_split_sentences_as_the_case_file_says(string name)
    {
        // Given a case from sentences.json
        var c = Case("sentences.json", name);
        var text = c.GetProperty("text").GetString()!;
        var expected = c.GetProperty("sentences").EnumerateArray().Select(e => e.GetString()!).ToList();

        // When the text is analysed
        var layer = NewsTextAnalyzer.Default.Analyze(text);

        // Then the sentence spans give exactly the expected sentences, and their tokens lie inside them
        layer.Sentences.Select(s => s.Span.Slice(text)).ShouldBe(expected, $"case '{name}'");
        foreach (var s in layer.Sentences)
        {
            layer.Tokens[s.FirstToken].Start.ShouldBe(s.Start);
            layer.Tokens[s.FirstToken + s.TokenCount - 1].End.ShouldBe(s.End);
        }
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public void Should_tokenise_as_the_case_file_says(string text)
    {
        // Given a case from tokens.json
        var c = Load("tokens.json").First(e => e.GetProperty("text").GetString() == text);
        var expected = c.GetProperty("tokens").EnumerateArray().Select(e => e.GetString()!).ToList();

        // When it is tokenised
        var tokens = NewsTextAnalyzer.Default.Tokenize(text);

        // Then the token spans give exactly the expected tokens
        tokens.Select(t => t.Of(text).ToString()).ShouldBe(expected, $"text '{text}'");
    }

    [Fact]
    public void Should_keep_every_listed_abbreviation_example_in_one_sentence()
    {
        // Given every abbreviation in Text/Data/abbreviations.tsv with its example sentence
        var entries = TextLexicon.Default.Entries;
        entries.Count.ShouldBeGreaterThan(50);

        foreach (var e in entries)
        {
            // When the example is split
            var layer = NewsTextAnalyzer.Default.Analyze(e.Example);

            // Then it is one sentence and the abbreviation with its period is one token
            layer.Sentences.Count.ShouldBe(1, $"example of '{e.Abbreviation}': {e.Example}");
            layer.Tokens.Select(t => t.Of(e.Example).ToString()).ShouldContain(e.Abbreviation + ".", $"example of '{e.Abbreviation}'");
        }
    }

    private static TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        foreach (var e in Load(file))
        {
            data.Add(e.TryGetProperty("name", out var n) ? n.GetString()! : e.GetProperty("text").GetString()!);
        }

        return data;
    }

    private static JsonElement Case(string file, string name) =>
        Load(file).First(e => e.GetProperty("name").GetString() == name);

    private static List<JsonElement> Load(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, file)));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone())];
    }
}
