using System.Text.Json;
using Dossier.Analysis;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Quotes;
using Dossier.Reading;
using Dossier.Tests.Support;

namespace Dossier.Tests.Quotes;

/// <summary>Data-driven quote cases from tests/cases/quotes.json.</summary>
public sealed class QuoteCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_extract_quotes_as_the_case_file_says(string name)
    {
        // Given a case from quotes.json
        var c = Load().GetProperty("cases").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var text = c.GetProperty("text").GetString()!;

        // When the pipeline annotates it (text layer, then quotes; with the extractor options the case names, if any)
        var options = c.TryGetProperty("speakerless_speech", out var ss) && ss.GetBoolean() ? new QuoteOptions { SpeakerlessSpeech = true } : null;
        var quotes = Annotate(text, options);

        // Then every offset pair gives back its text, and every expected quote is there with its speaker
        foreach (var q in quotes)
        {
            text[q.Start..q.End].ShouldBe(q.Text);
            if (q.SpeakerStart >= 0)
            {
                text[q.SpeakerStart..q.SpeakerEnd].ShouldBe(q.Speaker);
            }
        }

        var found = string.Join("\n", quotes.Select(q => $"{q.Text} | {q.Speaker} | {q.Entity} | {q.Cue} | {q.CueClass} | direct={q.Direct}"));
        if (c.TryGetProperty("quotes", out var expected))
        {
            foreach (var e in expected.EnumerateArray())
            {
                var want = e.GetProperty("text").GetString()!;
                var q = quotes.FirstOrDefault(x => x.Text == want);
                q.ShouldNotBeNull($"case '{name}': expected quote '{want}'; found:\n{found}");
                q.Direct.ShouldBe(e.GetProperty("direct").GetBoolean(), $"case '{name}' direct flag of '{want}'");
                q.Speaker.ShouldBe(e.GetProperty("speaker").GetString(), $"case '{name}' speaker of '{want}'");
                q.Entity.ShouldBe(e.GetProperty("entity").GetString(), $"case '{name}' entity of '{want}'");
                if (e.TryGetProperty("cue", out var cue))
                {
                    q.Cue.ShouldBe(cue.GetString(), $"case '{name}' cue of '{want}'");
                }

                if (e.TryGetProperty("cue_kind", out var kind))
                {
                    QuotesSection.KindName(q.CueClass).ShouldBe(kind.GetString(), $"case '{name}' cue kind of '{want}'");
                }
            }
        }

        if (c.TryGetProperty("absent", out var absent))
        {
            foreach (var a in absent.EnumerateArray().Select(x => x.GetString()!))
            {
                quotes.ShouldNotContain(q => q.Text == a, $"case '{name}': '{a}' is not a statement; found:\n{found}");
            }
        }
    }

    [SharedFact("seeds")]
    public void Should_find_every_direct_quote_of_a_named_person_in_the_seeds_with_its_speaker()
    {
        // Given the seed articles and the direct quotes listed for them in quotes.json
        var seeds = Load().GetProperty("seeds").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var file in seeds.Select(s => s.GetProperty("file").GetString()!).Distinct())
        {
            var path = Directory.EnumerateFiles(Repo.Seeds, file + "*.txt").Single();
            var source = File.ReadAllText(path);

            // When the article is read, cleaned and annotated
            var article = ArticleCleaner.Default.Clean(new RawDocument { SourcePath = path, Format = SourceFormat.Text, RawInput = source, SourceText = source });
            var quotes = Annotate(article);

            // Then every listed quote is found as a direct quote with the right speaker entity, and its offsets give its text
            foreach (var s in seeds.Where(s => s.GetProperty("file").GetString() == file))
            {
                var fragment = s.GetProperty("quote").GetString()!;
                var entity = s.GetProperty("entity").GetString();
                var q = quotes.FirstOrDefault(x => x.Direct && x.Text.Contains(fragment, StringComparison.Ordinal));
                if (q is null)
                {
                    failures.Add($"{file}: no direct quote containing '{fragment}'");
                    continue;
                }

                article.Text[q.Start..q.End].ShouldBe(q.Text);
                var src = article.Map.ToSource(q.Span);
                src.Length.ShouldBeGreaterThan(fragment.Length);
                if (q.Entity != entity)
                {
                    failures.Add($"{file}: '{fragment}' attributed to '{q.Entity}' (mention '{q.Speaker}'), expected '{entity}'");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Should_find_the_speaker_of_every_cue_example_in_the_cue_file()
    {
        // Given every cue rule in Quotes/Data/cues.tsv with its example
        var rules = QuoteLexicon.Default.Cues;
        rules.Count.ShouldBeGreaterThan(40);
        var failures = new List<string>();
        foreach (var r in rules)
        {
            // When its example is extracted
            var quotes = RuleQuoteExtractor.Default.Extract(r.Example).Quotes;

            // Then a quote is attributed to the example's speaker through one of the rule's forms
            if (!quotes.Any(q => q.Speaker == r.ExampleSpeaker && q.Cue is not null && r.Forms.Any(f => q.Cue.StartsWith(f, StringComparison.OrdinalIgnoreCase))))
            {
                failures.Add($"{r.Forms[0]}: '{r.Example}' gave {string.Join("; ", quotes.Select(q => $"{q.Speaker}/{q.Cue}/{q.Text}"))}");
            }
        }

        failures.ShouldBeEmpty();
    }

    /// <summary>The quotes of a text as the pipeline finds them, with text and speaker read back from the source text through the offset map.</summary>
    private static List<Quote> Annotate(string text, QuoteOptions? options = null)
    {
        var article = ArticleCleaner.Default.Clean(new RawDocument { SourcePath = "case.txt", Format = SourceFormat.Text, RawInput = text, SourceText = text });
        return [.. Annotate(article, options).Select(q =>
        {
            var span = article.Map.ToSource(q.Span);
            var sp = q.SpeakerStart >= 0 ? article.Map.ToSource(new TextSpan(q.SpeakerStart, q.SpeakerEnd)) : new TextSpan(-1, -1);
            return q with
            {
                Start = span.Start,
                End = span.End,
                Text = span.Slice(text),
                SpeakerStart = sp.Start,
                SpeakerEnd = sp.End,
                Speaker = sp.Start >= 0 ? sp.Slice(text) : null,
            };
        })];
    }

    private static IReadOnlyList<Quote> Annotate(Article article, QuoteOptions? options = null)
    {
        var annotated = new AnnotatedArticle(article);
        DossierPipelineBuilder.Default.Annotate(annotated);
        return options is null ? annotated.Require<QuotesLayer>().Quotes
            : new RuleQuoteExtractor(options).Extract(annotated.Text, annotated.Get<Dossier.Entities.EntityLayer>(), annotated.Get<Dossier.Text.TextLayer>()).Quotes;
    }

    private static JsonElement Load() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "quotes.json"))).RootElement;
}
