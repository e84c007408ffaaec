using Dossier.Tests.Support;
using Dossier.Text;

namespace Dossier.Tests.Text;

public sealed class SeedSpanTests
{
    [SharedFact("seeds")]
    public void Should_give_ordered_nonoverlapping_spans_covering_every_nonspace_character_of_the_seeds()
    {
        foreach (var path in Directory.GetFiles(Repo.Seeds, "*.txt"))
        {
            // Given a seed article
            var text = File.ReadAllText(path);

            // When it is analysed
            var layer = NewsTextAnalyzer.Default.Analyze(text);

            // Then tokens are ordered, non-empty, never start or end in white space, and cover all non-space text
            var covered = new bool[text.Length];
            var prev = 0;
            foreach (var t in layer.Tokens)
            {
                t.Start.ShouldBeGreaterThanOrEqualTo(prev);
                t.End.ShouldBeGreaterThan(t.Start);
                char.IsWhiteSpace(text[t.Start]).ShouldBeFalse();
                char.IsWhiteSpace(text[t.End - 1]).ShouldBeFalse();
                for (var i = t.Start; i < t.End; i++)
                {
                    covered[i] = true;
                }

                prev = t.End;
            }

            for (var i = 0; i < text.Length; i++)
            {
                (covered[i] || char.IsWhiteSpace(text[i])).ShouldBeTrue($"{Path.GetFileName(path)} offset {i}");
            }

            // And sentences partition the tokens in order
            var next = 0;
            foreach (var s in layer.Sentences)
            {
                s.FirstToken.ShouldBe(next);
                s.TokenCount.ShouldBeGreaterThan(0);
                next = s.FirstToken + s.TokenCount;
            }

            next.ShouldBe(layer.Tokens.Count);
        }
    }

    [SharedFact("seeds")]
    public void Should_split_the_seed_sentences_the_way_a_reader_would()
    {
        // Given the AP seed article
        var text = File.ReadAllText(Directory.GetFiles(Repo.Seeds, "000_*.txt").Single());

        // When it is analysed
        var sentences = NewsTextAnalyzer.Default.Analyze(text).Sentences.Select(s => s.Span.Slice(text)).ToList();

        // Then abbreviations do not end sentences, quotes stay with their attribution, and line breaks end sentences
        sentences.ShouldContain("\u201CNo nation on the planet, no one, should help Mr. Putin kill innocent Ukrainians,\u201D Kirby said.");
        sentences.ShouldContain("If the countries decide to move forward with an arms deal, the U.S. would review the agreement and \u201Chandle it appropriately,\u201D he said.");
        sentences.ShouldContain("___");
        sentences.ShouldContain("Litvinova reported from Tallinn, Estonia.");
        sentences[0].ShouldStartWith("SEOUL, South Korea (AP) \u2014 North Korean leader Kim Jong Un was scheduled");
    }
}
