using Dossier.Core;
using Dossier.Corpora;
using Dossier.Quotes;
using Dossier.Tests.Support;

namespace Dossier.Tests.Quotes;

public sealed class PolNearTests
{
    [Fact]
    public void Should_parse_brat_attributions_with_discontinuous_spans()
    {
        // Given brat standoff lines with a discontinuous content span and an attribution without source
        string[] lines =
        [
            "T1\tSource 0 5\tSmith",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 12 20;25 30\tabcdefgh vwxyz",
            "T4\tAttribution 6 10\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T5\tContent 40 50\tsomething",
            "T6\tCue 51 55\tsaid",
            "E2\tAttribution-no-source:T6 Content:T5 Cue:T6",
        ];

        // When they are parsed
        var attributions = PolNearCorpus.ParseAnn(lines);

        // Then both attributions come back with their spans
        attributions.Count.ShouldBe(2);
        attributions[0].Source.ShouldBe([new TextSpan(0, 5)]);
        attributions[0].Content.ShouldBe([new TextSpan(12, 20), new TextSpan(25, 30)]);
        attributions[1].Source.ShouldBeEmpty();
        attributions[1].Cue.ShouldBe([new TextSpan(51, 55)]);
    }

    [Fact]
    public void Should_count_a_partial_quote_in_a_longer_statement_as_found_only_under_the_attributed_match()
    {
        // Given a gold content span that is mostly a quote, and an extractor that finds the quote as a partial quote
        // inside a longer reported statement (whose own span is mostly not quoted)
        const string text = "Trump said things \"should be wrapped up by the convention,\" referring to the July meeting in Cleveland.";
        var quote = Span(text, "\"should be wrapped up by the convention,\"");
        var doc = new PolNearDocument("case", "a", text, [new PolNearAttribution([Span(text, "Trump")], [Span(text, "said")], [quote])]);
        IReadOnlyList<Quote> Extract(Article a) =>
        [
            Make(a.Text, Span(a.Text, "things \"should be wrapped up by the convention,\" referring to the July meeting in Cleveland"), direct: false, partial: false),
            Make(a.Text, Span(a.Text, "\"should be wrapped up by the convention,\""), direct: true, partial: true),
        ];

        // When it is scored
        var report = QuoteEvaluation.Score([doc], Extract);

        // Then the first scorer, which applies the half-quoted rule to the statement, misses the direct quote, and the
        // attributed match, which takes the extractor's own direct quotes, finds it with its speaker
        report.Direct.Gold.ShouldBe(1);
        report.Direct.Recall.ShouldBe(0);
        report.DirectAttributed.Recall.ShouldBe(1);
        report.DirectAttributed.Precision.ShouldBe(1);
        report.DirectAttributed.SourceAccuracy.ShouldBe(1);
    }

    [Fact]
    public void Should_score_every_span_between_quote_marks_as_the_baseline()
    {
        // Given a text with an attributed quote and a scare-quoted title no one said
        const string text = "\"We will rebuild the bridge,\" the mayor said. The film \"Tide\" opens today.";
        var doc = new PolNearDocument("case", "a", text, [new PolNearAttribution([Span(text, "the mayor")], [Span(text, "said")], [Span(text, "\"We will rebuild the bridge,\"")])]);

        // When the marks baseline is scored, with every span and with spans of three words or more
        var all = QuoteEvaluation.Score([doc], a => QuoteEvaluation.MarksBaseline(a));
        var long3 = QuoteEvaluation.Score([doc], a => QuoteEvaluation.MarksBaseline(a, 3));

        // Then both quoted spans are predictions without speakers, and the three-word rule keeps only the statement
        all.Direct.Predicted.ShouldBe(2);
        all.Direct.Recall.ShouldBe(1);
        all.Direct.Precision.ShouldBe(0.5);
        all.Direct.SourceAccuracy.ShouldBe(0);
        long3.Direct.Predicted.ShouldBe(1);
        long3.Direct.Precision.ShouldBe(1);
    }

    [SharedFact("data/polnear/dev")]
    public void Should_keep_the_dev_scores_above_their_floors()
    {
        // Given the PolNeAR dev split
        var docs = PolNearCorpus.Load(Path.Combine(Repo.Data("polnear"), "dev"));
        docs.Count.ShouldBeGreaterThan(50);

        // When the pipeline's quotes are scored (as 'dossier eval-quotes ../shared/data/polnear/dev' does)
        var pipeline = Dossier.Analysis.DossierPipelineBuilder.Default;
        var report = QuoteEvaluation.Score(docs, a =>
        {
            var annotated = new Dossier.Analysis.AnnotatedArticle(a);
            pipeline.Annotate(annotated);
            return annotated.Require<QuotesLayer>().Quotes;
        });

        // Then the scores stay at or above the floors recorded in docs/quality.md
        report.Direct.F1.ShouldBeGreaterThanOrEqualTo(DevFloors.DirectF1);
        report.Direct.SourceAccuracy.ShouldBeGreaterThanOrEqualTo(DevFloors.DirectSource);
        report.DirectAttributed.F1.ShouldBeGreaterThanOrEqualTo(DevFloors.DirectAttributedF1);
        report.DirectAttributed.SourceAccuracy.ShouldBeGreaterThanOrEqualTo(DevFloors.DirectAttributedSource);
        report.All.F1.ShouldBeGreaterThanOrEqualTo(DevFloors.AllF1);
        report.All.SourceAccuracy.ShouldBeGreaterThanOrEqualTo(DevFloors.AllSource);
    }

    private static TextSpan Span(string text, string part)
    {
        var i = text.IndexOf(part, StringComparison.Ordinal);
        i.ShouldBeGreaterThanOrEqualTo(0, part);
        return new TextSpan(i, i + part.Length);
    }

    private static Quote Make(string text, TextSpan span, bool direct, bool partial)
    {
        var speaker = Span(text, "Trump");
        return new Quote
        {
            Start = span.Start,
            End = span.End,
            Text = span.Slice(text),
            Direct = direct,
            Partial = partial,
            Speaker = "Trump",
            SpeakerStart = speaker.Start,
            SpeakerEnd = speaker.End,
            Attribution = AttributionKind.Cue,
        };
    }

    /// <summary>Floors slightly under the measured dev scores (docs/quality.md "Quotes").</summary>
    private static class DevFloors
    {
        public const double DirectF1 = 0.922; // 0.9232 on 2026-12-07, round 13 (0.9200 in rounds 9-12; 0.9203 in round 5, was 0.9190)
        public const double DirectSource = 0.905; // 0.9073 on 2026-12-07, round 5 (was 0.9052)
        public const double DirectAttributedF1 = 0.96; // 0.9612 on 2026-12-07, round 13, second scorer (attributed match; 0.9585 in round 12; was 0.948, then 0.955)
        public const double DirectAttributedSource = 0.89; // 0.8944, round 5 (was 0.8906)
        public const double AllF1 = 0.8245; // 0.8251 on 2026-12-07, round 13 (0.8242 in round 12; 0.8239 in round 9; 0.8234 in round 8; 0.8221 before it; 0.8216 in round 7; 0.8211 in round 5; 0.8213 before it: the statement splits cost 0.04 points of dev recall)
        public const double AllSource = 0.829; // 0.8296 on 2026-12-07, round 12 (0.8301 in round 9: one more gold matched, its source wrong; 0.8275 before it; 0.8266 in round 5, was 0.8175)
    }
}
