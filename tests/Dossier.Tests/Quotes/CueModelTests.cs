using Dossier.Core;
using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

public sealed class CueModelTests
{
    [Fact]
    public void Should_learn_a_cue_from_examples_and_read_back_what_it_wrote()
    {
        // Given texts where "slammed" is a cue and "painted" is not
        var docs = new List<(string Text, IReadOnlyList<TextSpan> Cues)>();
        for (var i = 0; i < 20; i++)
        {
            var text = $"Senator Lee slammed the plan number {i}. The crew painted the fence number {i}.";
            var at = text.IndexOf("slammed", StringComparison.Ordinal);
            docs.Add((text, [new TextSpan(at, at + "slammed".Length)]));
        }

        // When a model is trained, written and read back
        var model = CueModel.Train(docs);
        using var writer = new StringWriter();
        model.Write(writer);
        var read = CueModel.Read(writer.ToString().Split('\n'));

        // Then the read model tags the learned cue in a new sentence, with the same features as the trained one
        read.FeatureCount.ShouldBe(model.FeatureCount);
        read.VocabularySize.ShouldBe(1);
        var extractor = new RuleQuoteExtractor(cueModel: read);
        var quotes = extractor.Extract("Governor Ruiz slammed the new tax on fuel.").Quotes;
        quotes.ShouldContain(q => q.Cue == "slammed" && q.Speaker!.EndsWith("Ruiz", StringComparison.Ordinal) && q.Text == "the new tax on fuel");
    }

    [Fact]
    public void Should_leave_sentences_alone_when_learned_cues_are_off()
    {
        // Given a sentence whose only cue is one the rules do not list
        const string text = "The senator called for an end to the subsidy program on Tuesday.";

        // When the extractor runs without the learned cues
        var quotes = new RuleQuoteExtractor(new QuoteOptions { LearnedCues = false }).Extract(text).Quotes;

        // Then nothing is attributed
        quotes.ShouldBeEmpty();
    }
}
