using System.CommandLine;
using System.Globalization;
using Dossier.Corpora;
using Dossier.Quotes;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier eval-quotes PATH</c>: scores quote extraction on a PolNeAR split. JSON schema: docs/json/eval-quotes.md.</summary>
public sealed class EvalQuotesCommand : IVerb
{
    public int Order => 61;

    public Command Build(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A PolNeAR split folder (with text/ and attributions/), e.g. ../shared/data/polnear/dev." };
        var json = CommonOptions.Json();
        var min = new Option<double?>("--min") { Description = "Exit with code 4 when the direct-quote overlap F1 is below this." };
        var errors = new Option<string?>("--errors") { Description = "Write the scoring errors (miss / extra / source, with text) to this TSV file." };
        var trainCues = new Option<string?>("--train-cues") { Description = "Train the learned cue tagger on this split and write it to this file (src/Dossier/Quotes/Data/cue-model.tsv), instead of scoring." };
        var baseline = new Option<string?>("--baseline") { Description = "Score a baseline instead of the pipeline: 'marks' (every span between quote marks is a direct quote, no speaker) or 'marks3' (those of three words or more)." };
        baseline.AcceptOnlyFromAmong("marks", "marks3");
        var speakerless = new Option<bool>("--speakerless-speech") { Description = "Score the extractor with QuoteOptions.SpeakerlessSpeech: quoted clauses that read as speech are kept with no speaker when none is found." };
        var cmd = new Command("eval-quotes", "Score quote and speaker attribution on a PolNeAR split.") { path, json, min, errors, trainCues, baseline, speakerless };
        cmd.SetAction(p =>
        {
            var docs = PolNearCorpus.Load(p.GetValue(path)!);
            if (p.GetValue(trainCues) is { } modelPath)
            {
                var model = CueModel.Train(docs.Select(d => (d.Text, (IReadOnlyList<Core.TextSpan>)[.. d.Attributions.SelectMany(a => a.Cue)])));
                using (var w = new StreamWriter(modelPath))
                {
                    model.Write(w);
                }

                context.Console.WriteLine($"{modelPath}: {model.FeatureCount} features, {model.VocabularySize} cue words, from {docs.Count} documents.");
                return ExitCodes.Ok;
            }

            var pipeline = Analysis.DossierPipelineBuilder.Default;
            var extractor = p.GetValue(speakerless) ? new RuleQuoteExtractor(new QuoteOptions { SpeakerlessSpeech = true }) : null;
            var report = p.GetValue(baseline) is { } b ? QuoteEvaluation.Score(docs, a => QuoteEvaluation.MarksBaseline(a, b == "marks3" ? 3 : 1)) : QuoteEvaluation.Score(docs, a =>
            {
                var annotated = new Analysis.AnnotatedArticle(a);
                pipeline.Annotate(annotated);
                return extractor is not null ? extractor.Extract(annotated.Text, annotated.Get<Entities.EntityLayer>(), annotated.Get<Text.TextLayer>()).Quotes
                    : annotated.Get<QuotesLayer>()?.Quotes ?? [];
            });
            if (p.GetValue(errors) is { } ef)
            {
                File.WriteAllLines(ef, report.Errors.Select(e => string.Join('\t', e.Set, e.Kind, e.Document, Flat(e.Text), Flat(e.Detail ?? ""))));
            }

            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    schema = "dossier.eval-quotes/1",
                    path = p.GetValue(path),
                    documents = report.Documents,
                    direct = Json(report.Direct),
                    direct_attributed = Json(report.DirectAttributed),
                    all = Json(report.All),
                });
            }
            else
            {
                var t = new Table().Border(TableBorder.Rounded).Title($"PolNeAR {Markup.Escape(p.GetValue(path)!)} ({report.Documents} documents)")
                    .AddColumns("Set", "Predicted", "Gold", "Precision", "Recall", "Overlap F1", "Exact F1", "Source acc.");
                Row(t, "direct quotes", report.Direct);
                Row(t, "direct quotes, attributed match", report.DirectAttributed);
                Row(t, "all attributions", report.All);
                context.Console.Write(t);
            }

            return p.GetValue(min) is { } m && report.Direct.F1 < m ? ExitCodes.BelowThreshold : ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Flat(string s) => s.Replace('\t', ' ').Replace('\n', ' ');

    private static object Json(QuoteScore s) => new
    {
        predicted = s.Predicted,
        gold = s.Gold,
        precision = Math.Round(s.Precision, 4),
        recall = Math.Round(s.Recall, 4),
        overlap_f1 = Math.Round(s.F1, 4),
        exact_f1 = Math.Round(s.ExactF1, 4),
        source_accuracy = Math.Round(s.SourceAccuracy, 4),
        source_total = s.SourceTotal,
    };

    private static void Row(Table t, string name, QuoteScore s)
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        t.AddRow(name, s.Predicted.ToString(CultureInfo.InvariantCulture), s.Gold.ToString(CultureInfo.InvariantCulture), F(s.Precision), F(s.Recall), F(s.F1), F(s.ExactF1), F(s.SourceAccuracy));
    }
}
