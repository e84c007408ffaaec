using Dossier.Entities.Ner;
using Dossier.Tests.Support;

namespace Dossier.Tests.Entities;

public sealed class NerQualityTests
{
    [SharedFact("data/conll2003/eng.testa")]
    public void Should_score_at_least_the_documented_dev_F1_on_CoNLL_2003_eng_testa()
    {
        // Given the CoNLL-2003 development set with its gold labels
        var sentences = Conll.Read(Path.Combine(Repo.Data("conll2003"), "eng.testa"));
        var words = sentences.Select(s => s.Words).ToList();
        var docs = Conll.Windows(words);

        // When the embedded model tags it
        var predicted = words.Select((w, i) => NerModel.Default.Predict(w, docs[i])).ToList();
        var score = Conll.Score(sentences.Select(s => NerTags.FromIob(s.Labels)).ToList(), predicted);

        // Then entity-level F1 (exact span and type) stays above the floor under the figure in docs/quality.md
        score.Entities.ShouldBe(5942);
        score.F1.ShouldBeGreaterThan(0.91, score.ToString());
    }

    [Fact]
    public void Should_convert_between_IOB_labels_and_BILOU_tags_without_loss()
    {
        // Given IOB1 labels with adjacent entities of one type
        string[] labels = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC", "I-ORG"];

        // When they become BILOU tags and go back to IOB2
        var tags = NerTags.FromIob(labels);
        var back = NerTags.ToIob(tags);

        // Then the entity spans are the same
        NerTags.Spans(tags).ShouldBe([(0, 2, 0), (3, 4, 2), (4, 6, 2), (6, 7, 1)]);
        back.ShouldBe(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "B-ORG"]);
    }

    [Fact]
    public void Should_decode_only_valid_BILOU_sequences()
    {
        // Given emission scores that favour an inconsistent sequence (I-PER first, then O)
        const int T = NerTags.Count;
        var scores = new float[2 * T];
        scores[NerTags.Make(0, 1)] = 5;
        scores[T + NerTags.O] = 5;

        // When they are decoded with zero transitions
        var tags = NerModel.Viterbi(scores, 2, new float[(T + 1) * T]);

        // Then the result obeys the BILOU constraints
        NerTags.Allowed(-1, tags[0]).ShouldBeTrue();
        NerTags.Allowed(tags[0], tags[1]).ShouldBeTrue();
        NerTags.CanEnd(tags[1]).ShouldBeTrue();
    }

    [Fact]
    public void Should_round_trip_the_model_through_its_binary_form()
    {
        // Given the embedded model
        var model = NerModel.Default;
        string[] sentence = ["Russian", "President", "Vladimir", "Putin", "met", "Kim", "Jong", "Un", "in", "Vladivostok", "."];

        // When it is saved and loaded again
        using var ms = new MemoryStream();
        model.Save(ms);
        ms.Position = 0;
        var copy = NerModel.Load(ms);

        // Then it tags the same way
        copy.FeatureCount.ShouldBe(model.FeatureCount);
        copy.Predict(sentence).ShouldBe(model.Predict(sentence));
        NerTags.Spans(model.Predict(sentence)).ShouldContain((2, 4, 0));
    }
}
