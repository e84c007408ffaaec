using Dossier.Corpora;

namespace Dossier.Time;

/// <summary>Precision, recall and F1 from counts.</summary>
public sealed record Prf(int Correct, int System, int Gold)
{
    public double Precision => System == 0 ? 0 : (double)Correct / System;

    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>One mistake, for error analysis: <paramref name="Context"/> is the text around it.</summary>
public sealed record TimeEvalError(string File, string Kind, string Text, string Gold, string System, string Context = "");

/// <summary>What one rule contributed: expressions found, relaxed matches, matches with the gold value.</summary>
public sealed record RuleScore(int Found, int Matched, int ValueCorrect);

/// <summary>TempEval-3 style scores for time expressions.</summary>
/// <param name="Files">Files scored.</param>
/// <param name="Strict">Spans matching exactly.</param>
/// <param name="Relaxed">Spans overlapping (each gold and system span matched at most once).</param>
/// <param name="Value">Relaxed matches with the same value: precision over system spans, recall over gold spans (TempEval-3 attribute F1).</param>
/// <param name="Type">Relaxed matches with the same type.</param>
/// <param name="Rules">Per rule that found an expression: how many it found, how many matched a gold span, how many of those had the gold value.</param>
public sealed record TimeEvalResult(int Files, Prf Strict, Prf Relaxed, Prf Value, Prf Type, IReadOnlyList<TimeEvalError> Errors, IReadOnlyDictionary<string, RuleScore> Rules)
{
    /// <summary>Value accuracy over relaxed matches.</summary>
    public double ValueAccuracy => Relaxed.Correct == 0 ? 0 : (double)Value.Correct / Relaxed.Correct;
}

/// <summary>Scores a tagger on TimeML documents the TempEval-3 way, anchoring each on its creation time (exact anchor).</summary>
public sealed class TimeEvaluator(ITimeTagger tagger)
{
    public TimeEvalResult Evaluate(IEnumerable<TimeMlDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        int files = 0, gold = 0, sys = 0, strict = 0, relaxed = 0, value = 0, type = 0;
        var errors = new List<TimeEvalError>();
        var rules = new SortedDictionary<string, RuleScore>(StringComparer.Ordinal);
        void Count(string rule, int matched, int correct) =>
            rules[rule] = rules.TryGetValue(rule, out var c) ? new RuleScore(c.Found + 1, c.Matched + matched, c.ValueCorrect + correct) : new RuleScore(1, matched, correct);
        foreach (var doc in documents)
        {
            files++;
            var anchor = doc.CreationTime is { } d ? TimeAnchor.Exact(d) : null;
            var found = tagger.Tag(doc.Text, anchor);
            gold += doc.Timexes.Count;
            sys += found.Count;
            var used = new bool[found.Count];
            foreach (var g in doc.Timexes)
            {
                var best = -1;
                for (var k = 0; k < found.Count; k++)
                {
                    if (!used[k] && found[k].Start < g.End && g.Start < found[k].End)
                    {
                        if (best < 0 || (found[k].Start == g.Start && found[k].End == g.End))
                        {
                            best = k;
                        }
                    }
                }

                var name = Path.GetFileName(doc.Path);
                if (best < 0)
                {
                    errors.Add(new TimeEvalError(name, "missed", g.Text, g.Value, "", Around(doc.Text, g.Start, g.End)));
                    continue;
                }

                used[best] = true;
                var s = found[best];
                relaxed++;
                if (s.Start == g.Start && s.End == g.End)
                {
                    strict++;
                }
                else
                {
                    errors.Add(new TimeEvalError(name, "span", g.Text, g.Value, doc.Text[s.Start..s.End], Around(doc.Text, g.Start, g.End)));
                }

                var same = SameValue(s.Value, g.Value);
                Count(s.Rule, 1, same ? 1 : 0);
                if (same)
                {
                    value++;
                }
                else
                {
                    errors.Add(new TimeEvalError(name, "value", g.Text, g.Value, s.Value + " (" + s.Rule + ")", Around(doc.Text, g.Start, g.End)));
                }

                if (s.Type == g.Type)
                {
                    type++;
                }
            }

            for (var k = 0; k < found.Count; k++)
            {
                if (!used[k])
                {
                    Count(found[k].Rule, 0, 0);
                    errors.Add(new TimeEvalError(Path.GetFileName(doc.Path), "spurious", doc.Text[found[k].Start..found[k].End], "", found[k].Value + " (" + found[k].Rule + ")", Around(doc.Text, found[k].Start, found[k].End)));
                }
            }
        }

        return new TimeEvalResult(files, new Prf(strict, sys, gold), new Prf(relaxed, sys, gold), new Prf(value, sys, gold), new Prf(type, sys, gold), errors, rules);
    }

    /// <summary>
    /// Whether two TIMEX3 values are the same: equal strings, or the same ISO week written with and without its
    /// leading zero (part of the AQUAINT gold writes <c>2000-W7</c> for <c>2000-W07</c>).
    /// </summary>
    public static bool SameValue(string system, string gold)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(gold);
        if (string.Equals(system, gold, StringComparison.Ordinal))
        {
            return true;
        }

        static string Pad(string v) =>
            v.Length >= 7 && v[4] == '-' && v[5] == 'W' && char.IsAsciiDigit(v[6]) && (v.Length == 7 || !char.IsAsciiDigit(v[7])) ? v[..6] + "0" + v[6..] : v;
        return string.Equals(Pad(system), Pad(gold), StringComparison.Ordinal);
    }

    /// <summary>Up to 120 characters before and 60 after [start,end), on one line, the expression in [brackets].</summary>
    private static string Around(string text, int start, int end)
    {
        var b = Math.Max(0, start - 120);
        var e = Math.Min(text.Length, end + 60);
        var s = text[b..start] + "[" + text[start..end] + "]" + text[end..e];
        return string.Join(' ', s.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
    }
}
