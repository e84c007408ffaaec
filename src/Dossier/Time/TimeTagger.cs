using System.Text.RegularExpressions;

namespace Dossier.Time;

/// <summary>Options of the time tagger.</summary>
public sealed record TimeTaggerOptions
{
    public static TimeTaggerOptions Default { get; } = new();

    /// <summary>How many words before an expression are searched for a tense cue.</summary>
    public int TenseWindowWords { get; init; } = 8;

    /// <summary>With a lower-bound anchor, how many days after it a past-tense bare weekday may fall.</summary>
    public int LowerBoundDaysAfter { get; init; } = 2;

    /// <summary>
    /// Run a rule's regex only on texts holding one of the words it needs (its <c>needs</c> line in rules.txt).
    /// The output is the same either way (a test checks it on TempEval-3 and MEANTIME); off, every regex runs.
    /// </summary>
    public bool SkipRulesWithoutTheirWords { get; init; } = true;
}

/// <summary>
/// Rule-based recogniser and normaliser of time expressions (Data/rules.txt, Data/words.txt). Thread-safe.
/// Recognition: every rule's regex is run; overlapping matches are resolved longest first (then rule order);
/// a modifier word before a match ("late", "early", "about") is taken into the span. Normalisation runs in
/// text order so relative expressions ("the next day") can use the last full date mentioned.
/// </summary>
public sealed class TimeTagger : ITimeTagger
{
    private readonly TimeRuleSet _rules;
    private readonly TimeNormalizer _normalizer;
    private readonly Regex _dateMod;
    private readonly Regex _approx;

    public TimeTagger(TimeRuleSet? rules = null, TimeTaggerOptions? options = null)
    {
        _rules = rules ?? TimeRuleSet.Default;
        Options = options ?? TimeTaggerOptions.Default;
        _normalizer = new TimeNormalizer(_rules, Options);
        _dateMod = new Regex(@"(?<![\w])(?<m>" + _rules.Table("datemod").Alternation + @")(?:[- ]+|-)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.RightToLeft);
        _approx = new Regex(@"(?<![\w])(?<m>" + _rules.Table("approx").Alternation + @") $", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.RightToLeft);
    }

    public static TimeTagger Default { get; } = new();

    public TimeTaggerOptions Options { get; }

    public TimeRuleSet Rules => _rules;

    /// <summary>Candidate spans before normalisation: (start, end, rule).</summary>
    internal List<(int Start, int End, TimeRule Rule, Match Match)> Recognise(string text)
    {
        var cands = new List<(int Start, int End, TimeRule Rule, Match Match)>();
        if (!Options.SkipRulesWithoutTheirWords)
        {
            foreach (var rule in _rules.Rules)
            {
                AddMatches(cands, rule, rule.Regex!.Match(text));
            }
        }
        else if (text.Contains('\n', StringComparison.Ordinal))
        {
            RecogniseByLines(text, cands);
        }
        else
        {
            var count = _rules.Rules.Count;
            Span<bool> active = count <= 256 ? stackalloc bool[count] : new bool[count];
            _rules.MarkRulesThatCanMatch(text, active);
            foreach (var rule in _rules.Rules)
            {
                if (active[rule.Order])
                {
                    AddMatches(cands, rule, rule.Regex!.Match(text));
                }
            }
        }

        cands.Sort((a, b) =>
        {
            var c = (b.End - b.Start).CompareTo(a.End - a.Start);
            return c != 0 ? c : a.Rule.Order.CompareTo(b.Rule.Order);
        });
        var taken = new List<(int Start, int End, TimeRule Rule, Match Match)>();
        foreach (var c in cands)
        {
            var overlaps = false;
            foreach (var t in taken)
            {
                if (c.Start < t.End && t.Start < c.End)
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                taken.Add(c);
            }
        }

        taken.Sort((a, b) => a.Start.CompareTo(b.Start));
        return taken;
    }

    private static void AddMatches(List<(int Start, int End, TimeRule Rule, Match Match)> cands, TimeRule rule, Match first)
    {
        for (var m = first; m.Success; m = m.NextMatch())
        {
            if (m.Length > 0)
            {
                cands.Add((m.Index, m.Index + m.Length, rule, m));
            }
        }
    }

    /// <summary>
    /// Recognition in a text of several lines: a rule that keeps within lines (<see cref="TimeRule.WithinLines"/>) and
    /// needs words runs only on the runs of lines that hold one of them, each run as if it were the whole text (a line
    /// break reads the same to such a rule as the text's edge, so the matches are those of the whole text); the other
    /// rules run on the whole text as before.
    /// </summary>
    private void RecogniseByLines(string text, List<(int Start, int End, TimeRule Rule, Match Match)> cands)
    {
        var count = _rules.Rules.Count;
        Span<bool> active = count <= 256 ? stackalloc bool[count] : new bool[count];
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        var lines = starts.Count;
        int End(int line) => line + 1 < lines ? starts[line + 1] - 1 : text.Length;
        var perLine = System.Buffers.ArrayPool<bool>.Shared.Rent(lines * count);
        try
        {
            perLine.AsSpan(0, lines * count).Clear();
            for (var l = 0; l < lines; l++)
            {
                var row = perLine.AsSpan(l * count, count);
                _rules.MarkNeeded(text.AsSpan(starts[l], End(l) - starts[l]), row);
                for (var r = 0; r < count; r++)
                {
                    active[r] |= row[r];
                }
            }

            foreach (var rule in _rules.Rules)
            {
                if (rule.Needs.Count == 0 || !rule.WithinLines)
                {
                    if (rule.Needs.Count == 0 || active[rule.Order])
                    {
                        AddMatches(cands, rule, rule.Regex!.Match(text));
                    }

                    continue;
                }

                for (var l = 0; l < lines; l++)
                {
                    if (!perLine[(l * count) + rule.Order])
                    {
                        continue;
                    }

                    var last = l;
                    while (last + 1 < lines && perLine[((last + 1) * count) + rule.Order])
                    {
                        last++;
                    }

                    AddMatches(cands, rule, rule.Regex!.Match(text, starts[l], End(last) - starts[l]));
                    l = last;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(perLine);
        }
    }

    /// <summary>
    /// "the day before" or "the day after" just before a full date: the two as one expression whose value is the
    /// day before or after that date; null when <paramref name="first"/> and <paramref name="date"/> are not such.
    /// </summary>
    private static TimeExpression? DayBeforeOrAfter(string text, TimeExpression first, TimeExpression date)
    {
        var words = text.AsSpan(first.Start, first.End - first.Start);
        var step = words.EndsWith("day before", StringComparison.OrdinalIgnoreCase) ? -1 : words.EndsWith("day after", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        if (step == 0 || date.Start != first.End + 1 || text[first.End] != ' ' || date.Type != TimexType.Date
            || !DateOnly.TryParseExact(date.Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
        {
            return null;
        }

        return date with { Start = first.Start, Value = d.AddDays(step).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Rule = first.Rule };
    }

    public IReadOnlyList<TimeExpression> Tag(string text, TimeAnchor? anchor)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Recognise(text);
        var result = new List<TimeExpression>(found.Count);
        var state = new TimeNormalizer.State(text, anchor);
        var prevEnd = 0;
        foreach (var (start0, end, rule, match) in found)
        {
            var start = start0;
            string? mod = null;
            var window = Math.Max(prevEnd, start - 24);
            if (start > window)
            {
                var before = text[window..start];
                var rx = rule.Type == TimexType.Duration || rule.Norm == "ago" ? _approx : _dateMod;
                var mm = rx.Match(before);
                var isApprox = rx == _approx;
                if (mm.Success && rule.Type != TimexType.Set && !(isApprox && text.AsSpan(start0).StartsWith("the ", StringComparison.OrdinalIgnoreCase)))
                {
                    start = window + mm.Index;
                    mod = (rx == _approx ? _rules.Table("approx") : _rules.Table("datemod")).Get(mm.Groups["m"].Value);
                }
            }

            var norm = _normalizer.Normalize(rule, match, start, end, state);
            if (norm is null)
            {
                continue;
            }

            var (type, value, kind, mod2) = norm.Value;
            var e = new TimeExpression(start, end, type, value, mod2 ?? mod, kind, rule.Name);
            if (result.Count > 0 && DayBeforeOrAfter(text, result[^1], e) is { } joined)
            {
                // "the day before last Tuesday('s hearing)": one expression, a day from the date it names
                result[^1] = joined;
            }
            else
            {
                result.Add(e);
            }

            prevEnd = end;
        }

        return result;
    }
}
