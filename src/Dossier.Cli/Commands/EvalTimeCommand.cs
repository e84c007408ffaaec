using System.CommandLine;
using System.Globalization;
using Dossier.Corpora;
using Dossier.Time;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier eval-time PATH... [--json] [--errors N] [--min-relaxed F] [--min-value F]</c>: scores the time
/// tagger on TimeML (TempEval-3) or MEANTIME files the TempEval-3 way. JSON schema: docs/json/eval-time.md.
/// </summary>
public sealed class EvalTimeCommand : IVerb
{
    public int Order => 91;

    public Command Build(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "TimeML files (.tml), MEANTIME files (.xml) or folders holding them (recursive).", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Also list this many mistakes (missed, spurious, span, value).", DefaultValueFactory = _ => 0 };
        var minRelaxed = new Option<double?>("--min-relaxed") { Description = "Exit 4 when relaxed span F1 is below this." };
        var minValue = new Option<double?>("--min-value") { Description = "Exit 4 when value F1 is below this." };
        var cmd = new Command("eval-time", "Score time-expression recognition and normalisation on TimeML or MEANTIME files (TempEval-3: strict/relaxed span F1, value F1).")
        {
            paths, json, errors, minRelaxed, minValue,
        };
        cmd.SetAction(p =>
        {
            var files = new List<string>();
            foreach (var path in p.GetValue(paths)!)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                        .Where(f => f.EndsWith(".tml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                        .Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    context.Fail($"{path}: no such file or folder");
                    return ExitCodes.Failed;
                }
            }

            if (files.Count == 0)
            {
                context.Fail("no .tml or .xml files found");
                return ExitCodes.Failed;
            }

            var docs = files.Select(TimeMlReader.ReadAnyFile).ToList();
            var r = new TimeEvaluator(TimeTagger.Default).Evaluate(docs);
            var n = Math.Max(0, p.GetValue(errors));
            static object Score(Prf x) => new { precision = Math.Round(x.Precision, 4), recall = Math.Round(x.Recall, 4), f1 = Math.Round(x.F1, 4), correct = x.Correct, system = x.System, gold = x.Gold };
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    files = r.Files,
                    gold = r.Relaxed.Gold,
                    system = r.Relaxed.System,
                    strict = Score(r.Strict),
                    relaxed = Score(r.Relaxed),
                    value = Score(r.Value),
                    type = Score(r.Type),
                    value_accuracy = Math.Round(r.ValueAccuracy, 4),
                    rules = r.Rules.ToDictionary(x => x.Key, x => new { found = x.Value.Found, matched = x.Value.Matched, value_correct = x.Value.ValueCorrect }),
                    errors = r.Errors.Take(n).Select(e => new { file = e.File, kind = e.Kind, text = e.Text, gold = e.Gold, system = e.System, context = e.Context }),
                });
            }
            else
            {
                var t = new Table().AddColumns("measure", "precision", "recall", "F1");
                void Row(string name, Prf x) => t.AddRow(name, x.Precision.ToString("F3", CultureInfo.InvariantCulture), x.Recall.ToString("F3", CultureInfo.InvariantCulture), x.F1.ToString("F3", CultureInfo.InvariantCulture));
                Row("span strict", r.Strict);
                Row("span relaxed", r.Relaxed);
                Row("value", r.Value);
                Row("type", r.Type);
                context.Console.Write(t);
                context.Console.WriteLine($"{r.Files} files, {r.Relaxed.Gold} gold, {r.Relaxed.System} found; value accuracy {r.ValueAccuracy:F3} over relaxed matches.");
                foreach (var e in r.Errors.Take(n))
                {
                    context.Console.WriteLine($"{e.Kind}\t{e.File}\t{e.Text}\tgold={e.Gold}\tsys={e.System}\t{e.Context}");
                }
            }

            return (p.GetValue(minRelaxed) is { } mr && r.Relaxed.F1 < mr) || (p.GetValue(minValue) is { } mv && r.Value.F1 < mv) ? ExitCodes.BelowThreshold : ExitCodes.Ok;
        });
        return cmd;
    }
}
