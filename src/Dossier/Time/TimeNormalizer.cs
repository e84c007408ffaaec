using System.Globalization;
using System.Text.RegularExpressions;

namespace Dossier.Time;

/// <summary>Which way a relative expression points, from the verbs around it.</summary>
public enum Tense
{
    Unknown,
    Past,
    Future,
}

/// <summary>
/// Turns a rule match into a TIMEX3 value. The rule's <c>norm</c> names the function here; arguments come from
/// the rule and the match's named groups. Without an anchor, relative values keep X placeholders.
/// </summary>
internal sealed class TimeNormalizer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly TimeRuleSet _rules;
    private readonly TimeTaggerOptions _options;
    private readonly WordTable _month;
    private readonly WordTable _weekday;
    private readonly WordTable _number;
    private readonly WordTable _vague;
    private readonly WordTable _ordinal;
    private readonly WordTable _unit;
    private readonly WordTable _decade;
    private readonly WordTable _future;
    private readonly WordTable _past;
    private readonly WordTable _abbreviation;
    private readonly WordTable _notPast;

    public TimeNormalizer(TimeRuleSet rules, TimeTaggerOptions options)
    {
        _rules = rules;
        _options = options;
        _month = rules.Table("month");
        _weekday = rules.Table("weekday");
        _number = rules.Table("number");
        _vague = rules.Table("vague");
        _ordinal = rules.Table("ordinal");
        _unit = rules.Table("unit");
        _decade = rules.Table("decadeword");
        _future = rules.Table("futurecue");
        _past = rules.Table("pastcue");
        _abbreviation = rules.Table("abbreviation");
        _notPast = rules.Table("notpastcue");
    }

    /// <summary>Per-text state: the anchor and the last full date mentioned (the reference for "the next day").</summary>
    internal sealed class State(string text, TimeAnchor? anchor)
    {
        public string Text { get; } = text;

        public TimeAnchor? Anchor { get; } = anchor;

        public DateOnly? Reference { get; set; }

        public Granularity ReferenceGranularity { get; set; } = Granularity.Day;

        /// <summary>True when the reference day was named with its evening or night ("on Tuesday evening"): a morning clock time after it with no day of its own is the next morning.</summary>
        public bool ReferenceAtNight { get; set; }

        /// <summary>The start of the last quarter mentioned that was over by the anchor (earnings reports compare "a year earlier" to it).</summary>
        public DateOnly? LastQuarter { get; set; }

        /// <summary>Every day-precise date resolved so far, in text order.</summary>
        public List<DateOnly> Days { get; } = [];
    }

    public (TimexType Type, string Value, AnchorKind Anchor, string? Mod)? Normalize(TimeRule rule, Match m, int start, int end, State s)
    {
        var a = s.Anchor;
        var kind = a?.Kind ?? AnchorKind.None;
        string G(string name) => m.Groups[name] is { Success: true } g ? g.Value : "";
        (TimexType, string, AnchorKind, string?) Abs(string v) => (rule.Type, v, AnchorKind.None, null);
        (TimexType, string, AnchorKind, string?) Rel(string v) => (rule.Type, v, v.Contains('X', StringComparison.Ordinal) ? AnchorKind.None : kind, null);

        switch (rule.Norm)
        {
            case "lit":
            {
                var v = rule.NormArgs[0];
                if (v.StartsWith("@D0", StringComparison.Ordinal))
                {
                    return Rel((a is null ? "XXXX-XX-XX" : Day(a.Date)) + v[3..]);
                }

                return Abs(v);
            }

            case "date":
                return DateValue(rule, m, start, end, s, G);

            case "weekday":
            {
                var wd = WeekdayOf(G("weekday"));
                if (a is null)
                {
                    return Rel("XXXX-WXX-" + wd.ToString(Inv));
                }

                // "Wednesday's ruling": a possessive weekday names what has happened (none of 17 in TempEval-3 training lies ahead)
                var tense = IsPossessive(s.Text, end) ? Dossier.Time.Tense.Past : Tense(s.Text, start, end);
                var wrel = G("rel").ToLowerInvariant();
                if (wrel is "previous" or "following" && s.ReferenceGranularity == Granularity.Day && s.Reference is { } r)
                {
                    // "the previous Friday", "the following Monday": from the day last mentioned, strictly before or after it
                    var step = wrel == "previous" ? -1 : 1;
                    var day = r.AddDays(step);
                    while (IsoDay(day) != wd)
                    {
                        day = day.AddDays(step);
                    }

                    SetRef(s, day, Granularity.Day);
                    return (rule.Type, Day(day), kind, null);
                }

                var (d, inferred) = ResolveWeekday(wd, wrel switch { "previous" => "last", "following" => "next", _ => wrel }, tense, a);
                SetRef(s, d, Granularity.Day);
                return (rule.Type, Day(d), inferred ? AnchorKind.Inferred : kind, null);
            }

            case "time":
                return TimeValue(rule, m, start, end, s, G);

            case "rel":
            {
                var g = UnitGran(rule.NormArgs[0]);
                var n = int.Parse(rule.NormArgs[1], Inv);
                if (a is null)
                {
                    return Rel("XXXX-XX-XX");
                }

                var d = TimexValue.Add(a.Date, g, n);
                SetRef(s, d, g);
                return Rel(TimexValue.Format(d, g));
            }

            case "relword":
            {
                var unit = G("unit").ToLowerInvariant();
                var rel = G("rel").ToLowerInvariant();
                var n = rel switch
                {
                    "last" or "past" or "previous" => -1,
                    "next" or "coming" or "following" => 1,
                    _ => 0,
                };
                var basis = rel is "that" or "same" or "following" ? s.Reference ?? a?.Date : a?.Date;
                if (basis is null)
                {
                    return Rel(unit switch { "week" => "XXXX-WXX", "month" => "XXXX-XX", "weekend" => "XXXX-WXX-WE", _ => "XXXX" });
                }

                if (unit == "weekend")
                {
                    var d0 = TimexValue.Add(basis.Value, Granularity.Week, n);
                    return Rel(TimexValue.Week(d0) + "-WE");
                }

                var g = UnitGran(unit);
                var d = TimexValue.Add(basis.Value, g, n);
                SetRef(s, d, g);
                var mod = G("mod").ToLowerInvariant() switch
                {
                    "earlier" or "early" => "START",
                    "later" or "late" => "END",
                    _ => null,
                };
                return (rule.Type, TimexValue.Format(d, g), kind, mod);
            }

            case "ago":
            case "ago1":
            {
                var unit = rule.Norm == "ago1" ? UnitFromText(m.Value) : G("unit");
                var g = UnitGran(_unit.Get(unit) ?? "Y");
                var num = rule.Norm == "ago1" ? 1 : Number(G("num"));
                var dir = G("dir").ToLowerInvariant();
                var forward = dir is "later" or "after" or "from now" or "hence";
                // "ago1 period": the expression names a period ("last year's quarter"), the last quarter mentioned even after a year
                var quarterContext = g == Granularity.Year && num == 1 && s.LastQuarter is not null
                    && (s.ReferenceGranularity != Granularity.Year || rule.NormArgs.Contains("period"));
                var fromReference = rule.Norm == "ago1" ? quarterContext : dir is not ("ago" or "from now" or "hence") || quarterContext;
                var basis = quarterContext ? s.LastQuarter : fromReference ? s.Reference ?? a?.Date : a?.Date;
                var basisGran = quarterContext ? Granularity.Quarter : fromReference && s.Reference is not null ? s.ReferenceGranularity : Granularity.Day;
                if (basis is null || num is null || num.Value > 2000 || (g != Granularity.Year && g != Granularity.Day && num.Value > 200) || (g is Granularity.Decade or Granularity.Century && num.Value > 20))
                {
                    return Rel(g == Granularity.Year ? "XXXX" : "XXXX-XX-XX");
                }

                var outGran = g;
                if (g == Granularity.Year && basisGran is Granularity.Quarter or Granularity.Month or Granularity.Half && fromReference)
                {
                    outGran = basisGran;
                }

                if (g is Granularity.Day && UnitIsTime(unit))
                {
                    return Rel(Day(basis.Value));
                }

                var d = TimexValue.Add(basis.Value, g, forward ? (int)num.Value : -(int)num.Value);
                return Rel(TimexValue.Format(d, outGran));
            }

            case "dur":
            case "dur1":
            {
                var unitWord = G("unit").Length > 0 ? G("unit") : rule.NormArgs.Count > 0 ? rule.NormArgs[0] : "";
                var code = _unit.Get(unitWord) ?? _unit.Get(unitWord.TrimEnd('s')) ?? "X";
                string n;
                if (rule.Norm == "dur1")
                {
                    n = "1";
                }
                else if (G("vague").Length > 0)
                {
                    n = _vague.Get(G("vague")) ?? "X";
                }
                else
                {
                    var num = Number(G("num"));
                    if (num is null)
                    {
                        return null;
                    }

                    if (m.Value.EndsWith("and a half", StringComparison.OrdinalIgnoreCase))
                    {
                        // "a minute and a half", "a year and a half"
                        num += 0.5m;
                    }

                    if (num.Value != decimal.Truncate(num.Value) && Fraction(num.Value, code, unitWord) is { } frac)
                    {
                        return Abs(frac);
                    }

                    n = num.Value.ToString(Inv);
                }

                return Abs(Duration(n, code, unitWord));
            }

            case "durx":
            {
                var unitWord = G("unit");
                return Abs(Duration("X", _unit.Get(unitWord.TrimEnd('s')) ?? _unit.Get(unitWord) ?? (unitWord.StartsWith("centur", StringComparison.OrdinalIgnoreCase) ? "CE" : "X"), unitWord));
            }

            case "decade":
            {
                if (G("decade").Length > 0)
                {
                    return Abs(G("decade")[..3]);
                }

                if (G("decade2").Length > 0)
                {
                    return Abs("19" + G("decade2")[0]);
                }

                var w = _decade.Get(G("decadeword"));
                return Abs(w is null ? "XXX" : "19" + w);
            }

            case "century":
            {
                var n = G("cent").Length > 0 ? int.Parse(G("cent"), Inv) : int.Parse(_ordinal.Get(G("centord")) ?? "0", Inv);
                return n <= 0 ? null : Abs((n - 1).ToString("D2", Inv));
            }

            case "quarter":
                return QuarterValue(rule, m, start, end, s, G);

            case "half":
            {
                var h = G("ord").ToLowerInvariant() is "first" or "1st" ? 1 : 2;
                var y = G("year").Length > 0 ? G("year") : a is null ? "XXXX" : a.Date.Year.ToString("D4", Inv);
                return G("year").Length > 0 ? Abs($"{y}-H{h}") : Rel($"{y}-H{h}");
            }

            case "season":
            {
                var code = _rules.Table("season").Get(G("season")) ?? "XX";
                if (G("year").Length > 0)
                {
                    return Abs($"{G("year")}-{code}");
                }

                if (a is null)
                {
                    return Rel($"XXXX-{code}");
                }

                var order = new[] { "SP", "SU", "FA", "WI" };
                var target = Array.IndexOf(order, code);
                var cur = Array.IndexOf(order, TimexValue.SeasonOf(a.Date.Month));
                var year = a.Date.Month <= 2 ? a.Date.Year - 1 : a.Date.Year;
                var rel = G("rel").ToLowerInvariant();
                var tense = rel switch
                {
                    "last" or "past" => global::Dossier.Time.Tense.Past,
                    "next" or "coming" => global::Dossier.Time.Tense.Future,
                    "this" => global::Dossier.Time.Tense.Unknown,
                    _ => Tense(s.Text, start, end),
                };
                if (tense == global::Dossier.Time.Tense.Past && target >= cur && rel is "last" or "past")
                {
                    year--;
                }
                else if (tense == global::Dossier.Time.Tense.Past && target > cur)
                {
                    year--;
                }
                else if (tense == global::Dossier.Time.Tense.Future && target < cur)
                {
                    year++;
                }

                return Rel($"{year:D4}-{code}");
            }

            case "recent":
            {
                // "recent months" = PXM; "recent years", "past quarters" = PAST_REF; "coming quarters" = FUTURE_REF
                var unit = G("unit").ToLowerInvariant();
                var future = rule.NormArgs.Count > 0 && rule.NormArgs[0] == "future";
                var era = future ? unit == "quarters" || G("future").Length > 0 : unit is "years" or "decades" or "quarters";
                if (era)
                {
                    return (TimexType.Date, future ? "FUTURE_REF" : "PAST_REF", kind, null);
                }

                return (TimexType.Duration, Duration("X", _unit.Get(unit.TrimEnd('s')) ?? "X", unit), AnchorKind.None, null);
            }

            case "theyear":
            {
                // "the year ended Sept. 30" and "the whole year" are a length of time; "a high for the year" is this year
                if (G("ended").Length > 0 || G("whole").Length > 0)
                {
                    return (TimexType.Duration, "P1Y", AnchorKind.None, null);
                }

                var back = G("which").StartsWith("latest", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                return Rel(a is null ? "XXXX" : (a.Date.Year - back).ToString("D4", Inv));
            }

            case "setword":
                return Abs(_rules.Table("setword").Get(G("setword")) ?? "XXXX");

            case "every":
            {
                var u = G("unit");
                if (G("monthname").Length > 0)
                {
                    return Abs("XXXX-" + int.Parse(_month.Get(G("monthname")) ?? "0", Inv).ToString("D2", Inv));
                }

                if (_weekday.Contains(u.TrimEnd('s')))
                {
                    return Abs("XXXX-WXX-" + WeekdayOf(u.TrimEnd('s')).ToString(Inv));
                }

                var n = G("num").Length > 0 ? Number(G("num"))?.ToString(Inv) ?? "1" : "1";
                return Abs(Duration(n, _unit.Get(u.TrimEnd('s')) ?? "X", u));
            }

            case "refday":
            {
                var t = m.Value.ToLowerInvariant();
                var n = t.Contains("next", StringComparison.Ordinal) || t.Contains("following", StringComparison.Ordinal) || t.Contains("after", StringComparison.Ordinal) || t.Contains("later", StringComparison.Ordinal) ? 1
                    : t.Contains("previous", StringComparison.Ordinal) || t.Contains("before", StringComparison.Ordinal) || t.Contains("preceding", StringComparison.Ordinal) || t.Contains("earlier", StringComparison.Ordinal) ? -1 : 0;
                var basis = s.ReferenceGranularity == Granularity.Day ? s.Reference ?? a?.Date : a?.Date;
                if (basis is null)
                {
                    return Rel("XXXX-XX-XX");
                }

                if (n > 0 && a is not null && basis.Value.AddDays(n) > a.Date && Tense(s.Text, start, end) != Dossier.Time.Tense.Future)
                {
                    // "began clearing mud the next day" is told in the past: the day it follows is the last date
                    // mentioned that leaves it on or before the anchor, not a plan mentioned since ("will visit Friday")
                    basis = a.Date.AddDays(-n);
                    for (var k = s.Days.Count - 1; k >= 0; k--)
                    {
                        if (s.Days[k].AddDays(n) <= a.Date)
                        {
                            basis = s.Days[k];
                            break;
                        }
                    }
                }

                var d = basis.Value.AddDays(n);
                SetRef(s, d, Granularity.Day);
                return Rel(Day(d));
            }

            case "holiday":
            {
                var md = _rules.Table("holiday").Get(G("holiday")) ?? "XX-XX";
                if (a is null)
                {
                    return Rel("XXXX-" + md);
                }

                var month = int.Parse(md[..2], Inv);
                if (md.Contains('/', StringComparison.Ordinal))
                {
                    var hrel = G("rel").ToLowerInvariant();
                    var htense = hrel switch { "last" => Dossier.Time.Tense.Past, "next" => Dossier.Time.Tense.Future, _ => Tense(s.Text, start, end) };
                    var year0 = hrel == "this" ? a.Date.Year : YearForMonth(month, HolidayDay(md, a.Date.Year), htense, a.Date, strictPast: hrel == "last", strictFuture: hrel == "next", leanBack: false);
                    var d = new DateOnly(year0, month, HolidayDay(md, year0));
                    SetRef(s, d, Granularity.Day);
                    return Rel(Day(d));
                }

                var year = YearForMonth(month, int.Parse(md[3..], Inv), Tense(s.Text, start, end), a.Date, leanBack: false);
                return Rel($"{year:D4}-{md}");
            }

            case "yearrange":
                SetRef(s, new DateOnly(int.Parse(G("year"), Inv), 1, 1), Granularity.Year);
                return Abs(G("year"));

            case "weekend":
            {
                var rel = G("rel").ToLowerInvariant();
                if (a is null)
                {
                    return Rel("XXXX-WXX-WE");
                }

                var n = rel switch { "last" or "past" => -1, "next" => 1, _ => 0 };
                if (rel is "the" or "over the")
                {
                    // the weekend just past unless the text points forward; on a Saturday or Sunday, this one
                    n = Tense(s.Text, start, end) == global::Dossier.Time.Tense.Future ? 0 : -1;
                    if (a.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                    {
                        n = 0;
                    }
                }

                var d = a.Date.AddDays(7 * n);

                return Rel(TimexValue.Week(d) + "-WE");
            }

            default:
                throw new InvalidOperationException($"Time rule {rule.Name}: unknown normaliser '{rule.Norm}'.");
        }
    }

    private (TimexType, string, AnchorKind, string?)? DateValue(TimeRule rule, Match m, int start, int end, State s, Func<string, string> g)
    {
        var a = s.Anchor;
        int? year = null;
        if (g("year").Length > 0)
        {
            year = int.Parse(g("year"), Inv);
        }
        else if (g("yy").Length > 0)
        {
            var yy = int.Parse(g("yy"), Inv);
            var pivot = ((a?.Date.Year ?? 2000) % 100) + 10;
            year = yy <= pivot ? 2000 + yy : 1900 + yy;
        }
        else if (g("relyear").Length > 0 && a is not null)
        {
            year = a.Date.Year + g("relyear").ToLowerInvariant() switch { "last" => -1, "next" => 1, _ => 0 };
        }
        else if (g("yearword").Length > 0)
        {
            year = YearWord(g("yearword"));
            if (year is null)
            {
                return null;
            }
        }

        int? month = g("month").Length == 0 ? null
            : char.IsAsciiDigit(g("month")[0]) ? int.Parse(g("month"), Inv)
            : int.Parse(_month.Get(g("month")) ?? "0", Inv);
        int? day = g("day").Length > 0 ? int.Parse(g("day"), Inv) : null;
        if (month is 0 or > 12 || (month is not null && day is not null && year is not null && day > DateTime.DaysInMonth(year.Value, month.Value)))
        {
            return null;
        }

        var kind = g("relyear").Length > 0 && a is not null ? a.Kind : AnchorKind.None;
        if (year is null && month is not null)
        {
            if (a is null)
            {
                return (rule.Type, day is null ? $"XXXX-{month:D2}" : $"XXXX-{month:D2}-{day:D2}", AnchorKind.None, null);
            }

            var rel = g("rel").ToLowerInvariant();
            var tense = rel switch
            {
                "last" or "past" => Dossier.Time.Tense.Past,
                "next" or "coming" => Dossier.Time.Tense.Future,
                "this" => Dossier.Time.Tense.Unknown,
                _ => Tense(s.Text, start, end),
            };
            year = rel == "this" ? a.Date.Year : YearForMonth(month.Value, day ?? 0, tense, a.Date, strictPast: rel is "last" or "past", strictFuture: rel is "next" or "coming");
            kind = a.Kind;
        }

        if (year is null)
        {
            return null;
        }

        if (month is null)
        {
            SetRef(s, new DateOnly(year.Value, 1, 1), Granularity.Year);
            return (rule.Type, year.Value.ToString("D4", Inv), kind, null);
        }

        if (day is null)
        {
            SetRef(s, new DateOnly(year.Value, month.Value, 1), Granularity.Month);
            return (rule.Type, $"{year:D4}-{month:D2}", kind, null);
        }

        if (day > DateTime.DaysInMonth(year.Value, month.Value))
        {
            return null;
        }

        SetRef(s, new DateOnly(year.Value, month.Value, day.Value), Granularity.Day);
        if (rule.NormArgs.Contains("week"))
        {
            // "the week of March 6"
            return (rule.Type, TimexValue.Week(new DateOnly(year.Value, month.Value, day.Value)), kind, null);
        }

        return (rule.Type, $"{year:D4}-{month:D2}-{day:D2}", kind, null);
    }

    private (TimexType, string, AnchorKind, string?)? TimeValue(TimeRule rule, Match m, int start, int end, State s, Func<string, string> g)
    {
        var a = s.Anchor;
        var kind = a?.Kind ?? AnchorKind.None;
        string datePart;
        if (g("weekday").Length > 0)
        {
            var wd = WeekdayOf(g("weekday"));
            if (a is null)
            {
                datePart = "XXXX-WXX-" + wd.ToString(Inv);
            }
            else
            {
                var (d, inferred) = ResolveWeekday(wd, g("rel"), Tense(s.Text, start, end), a);
                kind = inferred ? AnchorKind.Inferred : kind;
                SetRef(s, d, Granularity.Day);
                s.ReferenceAtNight = g("pod").ToLowerInvariant() is "evening" or "night";
                datePart = Day(d);
            }
        }
        else if (g("month").Length > 0 && g("day").Length > 0)
        {
            var month = int.Parse(_month.Get(g("month")) ?? "1", Inv);
            var day = int.Parse(g("day"), Inv);
            if (a is null)
            {
                datePart = $"XXXX-{month:D2}-{day:D2}";
            }
            else
            {
                var year = YearForMonth(month, day, Tense(s.Text, start, end), a.Date);
                if (day > DateTime.DaysInMonth(year, month))
                {
                    return null;
                }

                datePart = $"{year:D4}-{month:D2}-{day:D2}";
            }
        }
        else
        {
            var rel = g("rel").ToLowerInvariant();
            var pod0 = g("pod").ToLowerInvariant();
            var offset = rel switch
            {
                "yesterday" => -1,
                "tomorrow" => 1,
                "last" when pod0 == "night" => -1,
                "last" => -1,
                _ => 0,
            };
            var basis = a?.Date;
            if (rel.Length == 0 && g("pod").Length == 0 && s.Reference is not null && s.ReferenceGranularity == Granularity.Day && IsNear(s, start))
            {
                basis = s.Reference;

                // "engineers opened the spillway on Tuesday evening ... the first call came in at 3:40 a.m.": a morning
                // clock time told after an evening or night, with no day of its own, is the next morning.
                if (s.ReferenceAtNight && g("ampm").StartsWith("a", StringComparison.OrdinalIgnoreCase))
                {
                    offset = 1;
                }
            }

            datePart = basis is null ? "XXXX-XX-XX" : Day(basis.Value.AddDays(offset));
        }

        string timePart;
        if (g("pod").Length > 0)
        {
            timePart = "T" + (_rules.Table("partofday").Get(g("pod")) ?? "XX");
        }
        else if (g("noon").Length > 0)
        {
            timePart = g("noon").Equals("midnight", StringComparison.OrdinalIgnoreCase) ? "T24:00" : "T12:00";
        }
        else
        {
            var hour = int.Parse(g("hour"), Inv);
            var minute = g("minute").Length > 0 ? int.Parse(g("minute"), Inv) : 0;
            var ampm = g("ampm").ToLowerInvariant();
            if (ampm.StartsWith('p') && hour < 12)
            {
                hour += 12;
            }
            else if (ampm.StartsWith('a') && hour == 12)
            {
                hour = 0;
            }

            if (hour > 24)
            {
                return null;
            }

            timePart = $"T{hour:D2}:{minute:D2}";
        }

        return (rule.Type, datePart + timePart, datePart.Contains('X', StringComparison.Ordinal) ? AnchorKind.None : kind, null);
    }

    private static bool IsNear(State s, int start) => true;

    private (TimexType, string, AnchorKind, string?)? QuarterValue(TimeRule rule, Match m, int start, int end, State s, Func<string, string> g)
    {
        var a = s.Anchor;
        var kind = a?.Kind ?? AnchorKind.None;
        var yearText = g("year").Length > 0 ? g("year") : g("year2");
        int q;
        int year;
        if (rule.NormArgs.Contains("year") && yearText.Length > 0)
        {
            // "the 1988 quarter": the quarter last mentioned, in that year (else the year)
            year = int.Parse(yearText, Inv);
            if (s.LastQuarter is not { } lq)
            {
                SetRef(s, new DateOnly(year, 1, 1), Granularity.Year);
                return (rule.Type, yearText, AnchorKind.None, null);
            }

            // the comparison, not the quarter reported on: later "a year ago" and "the quarter" keep to the latter
            var d = new DateOnly(year, lq.Month, 1);
            s.Reference = d;
            s.ReferenceGranularity = Granularity.Quarter;
            return (rule.Type, TimexValue.Format(d, Granularity.Quarter), AnchorKind.None, null);
        }

        if (g("ord").Length == 0)
        {
            if (a is not null && m.Value.Contains("current", StringComparison.OrdinalIgnoreCase))
            {
                // "the current quarter": the one under way, the anchor's
                SetRef(s, a.Date, Granularity.Quarter);
                return (rule.Type, TimexValue.Format(a.Date, Granularity.Quarter), kind, null);
            }

            if (a is not null && QuarterEnded(s.Text, end) is { } endMonth)
            {
                // "the quarter ended July 31": three months to July, mostly in the calendar quarter of June
                var mid = new DateOnly(a.Date.Year, endMonth, 1).AddMonths(-1);
                if (mid.AddMonths(2) > a.Date)
                {
                    mid = mid.AddYears(-1);
                }

                SetRef(s, mid, Granularity.Quarter);
                return (rule.Type, TimexValue.Format(mid, Granularity.Quarter), kind, null);
            }

            // "the latest quarter", "the quarter": the most recent quarter reported on (the one before the anchor's).
            if (s.LastQuarter is { } last)
            {
                SetRef(s, last, Granularity.Quarter);
                return (rule.Type, TimexValue.Format(last, Granularity.Quarter), kind, null);
            }

            if (a is null)
            {
                return (rule.Type, "XXXX-QX", AnchorKind.None, null);
            }

            var prev = a.Date.AddMonths(-3);
            SetRef(s, prev, Granularity.Quarter);
            return (rule.Type, TimexValue.Format(prev, Granularity.Quarter), kind, null);
        }

        q = int.Parse(_ordinal.Get(g("ord")) ?? "0", Inv);
        if (q is < 1 or > 4)
        {
            return null;
        }

        if (yearText.Length > 0)
        {
            year = int.Parse(yearText, Inv);
            kind = AnchorKind.None;
        }
        else if (a is null)
        {
            return (rule.Type, $"XXXX-Q{q}", AnchorKind.None, null);
        }
        else
        {
            year = a.Date.Year;
            var rel = g("rel").ToLowerInvariant();
            var cur = ((a.Date.Month - 1) / 3) + 1;
            if (rel == "last")
            {
                year--;
            }
            else if (rel == "next")
            {
                year++;
            }
            else if (q > cur && Tense(s.Text, start, end) == Dossier.Time.Tense.Past)
            {
                year--;
            }
        }

        SetRef(s, new DateOnly(year, ((q - 1) * 3) + 1, 1), Granularity.Quarter);
        return (rule.Type, $"{year:D4}-Q{q}", kind, null);
    }

    /// <summary>
    /// A bare weekday: "last"/"next"/"this" say which; otherwise the tense. Past (and unknown, the news default)
    /// is the most recent one on or before the anchor; with a lower-bound anchor it may fall up to
    /// <see cref="TimeTaggerOptions.LowerBoundDaysAfter"/> days after it (the text was updated later), which is
    /// reported as an inferred anchor. Future is the next one on or after the anchor.
    /// </summary>
    private (DateOnly Date, bool Inferred) ResolveWeekday(int isoWeekday, string rel, Tense tense, TimeAnchor a)
    {
        var anchorIso = IsoDay(a.Date);
        var back = (anchorIso - isoWeekday + 7) % 7;
        var forward = (isoWeekday - anchorIso + 7) % 7;
        switch (rel.ToLowerInvariant())
        {
            case "last":
            case "past":
                return (a.Date.AddDays(back == 0 ? -7 : -back), false);
            case "next":
            case "coming":
                return (a.Date.AddDays(forward == 0 ? 7 : forward), false);
            case "this":
                return (a.Date.AddDays(isoWeekday - anchorIso), false);
            default:
                break;
        }

        if (tense == Dossier.Time.Tense.Future)
        {
            return (a.Date.AddDays(forward), false);
        }

        if (a.LowerBound && forward > 0 && forward <= _options.LowerBoundDaysAfter)
        {
            return (a.Date.AddDays(forward), true);
        }

        return (a.Date.AddDays(-back), false);
    }

    private static int YearForMonth(int month, int day, Tense tense, DateOnly anchor, bool strictPast = false, bool strictFuture = false, bool leanBack = true)
    {
        var y = anchor.Year;
        var target = (month * 100) + day;
        var now = (anchor.Month * 100) + (day == 0 ? 0 : anchor.Day);
        if (strictPast)
        {
            return target < now || (day == 0 && month < anchor.Month) ? y : y - 1;
        }

        if (strictFuture)
        {
            return target > now || (day == 0 && month > anchor.Month) ? y : y + 1;
        }

        // candidates in the year before, of and after the anchor, as days from the anchor
        var best = y;
        var bestScore = double.MaxValue;
        for (var cy = y - 1; cy <= y + 1; cy++)
        {
            var cd = new DateOnly(cy, month, day == 0 ? 15 : Math.Min(day, DateTime.DaysInMonth(cy, month)));
            var delta = cd.DayNumber - anchor.DayNumber;
            var slack = day == 0 ? 16 : 0;
            double score = tense switch
            {
                // past: on or before the anchor; reported plans a few weeks ahead ("said it would open Jan. 14") allowed
                Dossier.Time.Tense.Past => delta <= slack ? -delta : delta <= 45 ? 4.0 * delta : double.MaxValue,
                Dossier.Time.Tense.Future => delta >= -slack ? delta : delta >= -7 ? -4.0 * delta : double.MaxValue,
                _ => Math.Abs(delta),
            };
            if (score < bestScore)
            {
                bestScore = score;
                best = cy;
            }
        }

        switch (tense)
        {
            case Dossier.Time.Tense.Past:
            case Dossier.Time.Tense.Future:
                return best;
            default:
                // no cue: news mostly reports what happened, so the window leans back (9 months back, 2 ahead)
                var diff = month - anchor.Month;
                return leanBack ? (diff > 2 ? y - 1 : diff < -9 ? y + 1 : y) : (diff > 6 ? y - 1 : diff < -6 ? y + 1 : y);
        }
    }

    /// <summary>The tense around [start,end): the nearest cue word before it in its sentence, then just after it.</summary>
    public Tense Tense(string text, int start, int end)
    {
        var lead = text.AsSpan(Math.Max(0, start - 16), start - Math.Max(0, start - 16)).TrimEnd();
        if (lead.EndsWith("as early as", StringComparison.OrdinalIgnoreCase) || lead.EndsWith("as soon as", StringComparison.OrdinalIgnoreCase))
        {
            // "could come as early as Tuesday": a possible date is a later one
            return Dossier.Time.Tense.Future;
        }

        if (lead.EndsWith(" by", StringComparison.OrdinalIgnoreCase) && _month.Contains(FirstWord(text, start, end)))
        {
            // "pay down the loan by February", "completed by Dec. 15": a deadline
            return Dossier.Time.Tense.Future;
        }

        if (IsAttributive(text, start, end))
        {
            // "the Aug. 7 blasts", "the late-November trip": a date naming a known event, whatever the verb
            return Dossier.Time.Tense.Unknown;
        }

        var words = 0;
        var i = start - 1;
        var wordIndex = 0;
        string? next = null;
        while (i >= 0 && words < _options.TenseWindowWords)
        {
            while (i >= 0 && (text[i] == ' ' || text[i] == ',' || text[i] == '\'' || text[i] == '"'))
            {
                i--;
            }

            if (i >= 0 && text[i] == '.' && IsAbbreviation(text, i))
            {
                // "Daniel P. Davison", "Mr. Schwarz": not the end of a sentence
                i--;
            }

            if (i < 0 || text[i] is '.' or '!' or '?' or '\n' or ';' or ':' or '“' or '”')
            {
                break;
            }

            var e = i + 1;
            while (i >= 0 && (char.IsLetter(text[i]) || text[i] == '\'' || text[i] == '’' || text[i] == '-'))
            {
                i--;
            }

            if (e == i + 1)
            {
                i--;
                words++;
                continue;
            }

            var w = text[(i + 1)..e];
            if (w is "where" or "which" or "who" or "whom" or "whose")
            {
                // "she would bring aid ..., where the Aug. 7 blasts killed 257": a relative clause has its own tense
                break;
            }

            wordIndex++;
            var t = Cue(w, wordIndex, next);
            next = w;
            if (t == Dossier.Time.Tense.Future && IsUntil(w) && SentenceStartsAt(text, i))
            {
                // "Until Thursday, they had not...": the clause after it carries the tense
                t = Dossier.Time.Tense.Unknown;
            }
            else if (t == Dossier.Time.Tense.Future && w.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && PrevWord(text, i, out _) is "had")
            {
                // "it had expected in the summer": a plan in the past
                t = Dossier.Time.Tense.Past;
            }
            else if (t == Dossier.Time.Tense.Past && PrevWord(text, i, out var bi) is "be" && IsModal(text, bi))
            {
                // "will be paid Dec. 14", "would be held on April 24": a passive after a modal points forward
                t = Dossier.Time.Tense.Future;
            }
            else if (t == Dossier.Time.Tense.Future && w.StartsWith("plan", StringComparison.OrdinalIgnoreCase) && PrevWord(text, i, out _) is "the" or "a" or "its" or "their" or "his" or "her" or "this" or "that" or "our")
            {
                // "announced the plan Aug. 21": a noun, not a verb of intention
                t = Dossier.Time.Tense.Unknown;
            }

            if (t != Dossier.Time.Tense.Unknown)
            {
                return t;
            }

            words++;
        }

        // after the expression: "Friday will see", "Friday's meeting was"
        var j = end;
        for (var k = 0; k < 3 && j < text.Length; k++)
        {
            while (j < text.Length && (text[j] == ' ' || text[j] == '\'' || text[j] == '’' || text[j] == 's'))
            {
                if (text[j] == 's' && j > 0 && char.IsLetter(text[j - 1]) && text[j - 1] is not ('\'' or '’'))
                {
                    break;
                }

                j++;
            }

            if (j >= text.Length || !char.IsLetter(text[j]))
            {
                break;
            }

            var b = j;
            while (j < text.Length && (char.IsLetter(text[j]) || text[j] == '\''))
            {
                j++;
            }

            var t = Cue(text[b..j], 99, null);
            if (t != Dossier.Time.Tense.Unknown)
            {
                return t;
            }
        }

        return words >= _options.TenseWindowWords && FarModal(text, i) ? Dossier.Time.Tense.Future : Dossier.Time.Tense.Unknown;
    }

    /// <summary>
    /// Whether "will", "shall" or "'ll" leads the sentence's clause further back than the tense window, before
    /// <paramref name="i"/> ("Collins will be named commander of the shuttle for a mission in December").
    /// </summary>
    private static bool FarModal(string text, int i)
    {
        for (var n = 0; n < 30 && i >= 0; n++)
        {
            while (i >= 0 && !char.IsLetter(text[i]))
            {
                if (text[i] is '.' or '!' or '?' or '\n' or ';' or ':' or '“' or '”' or '"')
                {
                    return false;
                }

                i--;
            }

            var e = i + 1;
            while (i >= 0 && char.IsLetter(text[i]))
            {
                i--;
            }

            var w = text[(i + 1)..e];
            if (w is "will" or "shall" or "ll")
            {
                return true;
            }

            if (w is "where" or "which" or "who" or "whom" or "whose" or "said" or "was" or "were" or "had")
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether the period at <paramref name="dot"/> ends an initial ("P.") or an abbreviation of words.txt [abbreviation].</summary>
    private bool IsAbbreviation(string text, int dot)
    {
        var b = dot;
        while (b > 0 && char.IsLetter(text[b - 1]))
        {
            b--;
        }

        var len = dot - b;
        return len > 0 && (b == 0 || !char.IsLetterOrDigit(text[b - 1])) && ((len == 1 && char.IsUpper(text[b])) || _abbreviation.Contains(text[b..dot]));
    }

    /// <summary>
    /// Whether [start,end) stands between "the" and a lower-case word that is no tense cue: a date used as a modifier
    /// of a noun ("the Aug. 7 blasts"), not the time of the clause's verb.
    /// </summary>
    private bool IsAttributive(string text, int start, int end)
    {
        if (PrevWord(text, start - 1, out _) != "the" || end + 1 >= text.Length || text[end] != ' ' || !char.IsLower(text[end + 1]))
        {
            return false;
        }

        var k = end + 1;
        while (k < text.Length && char.IsLetter(text[k]))
        {
            k++;
        }

        var next = text[(end + 1)..k];
        return next is not ("of" or "before" or "after" or "and" or "or" or "to") && Cue(next, 99, null) == Dossier.Time.Tense.Unknown;
    }

    /// <summary>The month named in " ended July 31" or " ending Sept. 30" right after <paramref name="end"/>, else null.</summary>
    private int? QuarterEnded(string text, int end)
    {
        var rest = text.AsSpan(end);
        var skip = rest.StartsWith(" ended ", StringComparison.OrdinalIgnoreCase) ? 7 : rest.StartsWith(" ending ", StringComparison.OrdinalIgnoreCase) ? 8 : 0;
        if (skip == 0)
        {
            return null;
        }

        var k = end + skip;
        var b = k;
        while (k < text.Length && char.IsLetter(text[k]))
        {
            k++;
        }

        return _month.Get(text[b..k]) is { } m && k < text.Length && (text[k] == '.' || text[k] == ' ') ? int.Parse(m, Inv) : null;
    }

    /// <summary>The tense a word points to; <paramref name="next"/> is the word after it, when known.</summary>
    private Tense Cue(string word, int indexBefore, string? next)
    {
        var lw = word.ToLowerInvariant().Replace('’', '\'');
        if (_future.Contains(lw))
        {
            return Dossier.Time.Tense.Future;
        }

        if (lw == "to" && indexBefore is >= 2 and <= 3 && !(next is { Length: > 0 } && (char.IsUpper(next[0]) || next is "the" or "a" or "an" or "his" or "her" or "its" or "their")))
        {
            // an infinitive two or three words before ("to arrive in Moscow Friday"), not a preposition ("to NATO on Friday")
            return Dossier.Time.Tense.Future;
        }

        if (_past.Contains(lw) || (lw.Length > 4 && lw.EndsWith("ed", StringComparison.Ordinal) && !char.IsUpper(word[0]) && !_notPast.Contains(lw)))
        {
            return Dossier.Time.Tense.Past;
        }

        return Dossier.Time.Tense.Unknown;
    }

    /// <summary>The day of month of a weekday-rule holiday <c>MM/N/W[/D]</c> in a year.</summary>
    private static int HolidayDay(string rule, int year)
    {
        var p = rule.Split('/');
        var month = int.Parse(p[0], Inv);
        var nth = int.Parse(p[1], Inv);
        var weekday = int.Parse(p[2], Inv);
        var from = p.Length > 3 ? int.Parse(p[3], Inv) : 1;
        if (nth == 5)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.Day - ((IsoDay(last) - weekday + 7) % 7);
        }

        var first = new DateOnly(year, month, from);
        return from + ((weekday - IsoDay(first) + 7) % 7) + (7 * (nth - 1));
    }

    /// <summary>The lower-cased word that ends at or before index <paramref name="i"/> in the same sentence, or "".</summary>
    private static string PrevWord(string text, int i, out int before)
    {
        while (i >= 0 && (text[i] == ' ' || text[i] == ','))
        {
            i--;
        }

        var e = i + 1;
        while (i >= 0 && char.IsLetter(text[i]))
        {
            i--;
        }

        before = i;
        return text[(i + 1)..e].ToLowerInvariant();
    }

    /// <summary>Whether the word before index <paramref name="i"/> (skipping one adverb) is will, would, to, shall or must.</summary>
    private static bool IsModal(string text, int i)
    {
        var w = PrevWord(text, i, out var b);
        if (w is "still" or "also" or "then" or "now" or "probably" or "likely")
        {
            w = PrevWord(text, b, out _);
        }

        return w is "will" or "would" or "to" or "shall" or "ll" or "must";
    }

    private static string FirstWord(string text, int start, int end)
    {
        var k = start;
        while (k < end && char.IsLetter(text[k]))
        {
            k++;
        }

        return text[start..k];
    }

    private static bool IsPossessive(string text, int end) =>
        end + 1 < text.Length && text[end] is '\'' or '’' && text[end + 1] == 's' && (end + 2 == text.Length || !char.IsLetter(text[end + 2]));

    private static bool IsUntil(string w) => w.Equals("until", StringComparison.OrdinalIgnoreCase) || w.Equals("till", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether only spaces, quotes or nothing stand between a sentence boundary and index <paramref name="i"/>.</summary>
    private static bool SentenceStartsAt(string text, int i)
    {
        while (i >= 0 && (text[i] == ' ' || text[i] == '"' || text[i] == '`' || text[i] == '\'' || text[i] == '“'))
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or ';' or ':' or '”';
    }

    private static void SetRef(State s, DateOnly d, Granularity g)
    {
        s.Reference = d;
        s.ReferenceGranularity = g;
        s.ReferenceAtNight = false;
        if (g == Granularity.Day)
        {
            s.Days.Add(d);
        }
        else if (g == Granularity.Quarter && (s.Anchor is null || TimexValue.Add(d, Granularity.Quarter, 1) <= s.Anchor.Date))
        {
            // only a quarter over by the anchor: a report compares results, not forecasts ("losses through the third
            // quarter of 1990"), with a year earlier
            s.LastQuarter = d;
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static int IsoDay(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek;

    private int WeekdayOf(string w) => int.Parse(_weekday.Get(w) ?? "0", Inv);

    private static Granularity UnitGran(string unit) => unit.ToUpperInvariant() switch
    {
        "D" or "DAY" or "S" or "H" or "MI" => Granularity.Day,
        "W" or "WEEK" or "WE" or "WEEKEND" or "FN" => Granularity.Week,
        "M" or "MONTH" => Granularity.Month,
        "Q" or "QUARTER" => Granularity.Quarter,
        "DE" or "DECADE" => Granularity.Decade,
        "CE" or "CENTURY" => Granularity.Century,
        _ => Granularity.Year,
    };

    private static bool UnitIsTime(string unitWord)
    {
        var u = unitWord.ToLowerInvariant();
        return u.StartsWith("hour", StringComparison.Ordinal) || u.StartsWith("minute", StringComparison.Ordinal) || u.StartsWith("second", StringComparison.Ordinal);
    }

    private static string UnitFromText(string t)
    {
        var l = t.ToLowerInvariant();
        return l.Contains("quarter", StringComparison.Ordinal) && !l.Contains("year", StringComparison.Ordinal) ? "quarter"
            : l.Contains("month", StringComparison.Ordinal) ? "month"
            : l.Contains("week", StringComparison.Ordinal) ? "week" : "year";
    }

    /// <summary>"2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M: a half moves to the next smaller unit.</summary>
    private static string? Fraction(decimal n, string code, string unitWord)
    {
        if (n > 100_000)
        {
            return null;
        }

        var whole = (int)decimal.Truncate(n);
        if (n - whole != 0.5m)
        {
            return null;
        }

        var u = unitWord.ToLowerInvariant();
        return u.StartsWith("hour", StringComparison.Ordinal) ? $"PT{whole}H30M"
            : u.StartsWith("minute", StringComparison.Ordinal) ? $"PT{whole}M30S"
            : code switch
            {
                "Y" => $"P{whole}Y6M",
                "M" => $"P{whole}M15D",
                "D" => $"P{whole}DT12H",
                "W" => $"P{(whole * 7) + 3}DT12H",
                _ => null,
            };
    }

    private static string Duration(string n, string code, string unitWord)
    {
        var u = unitWord.ToLowerInvariant();
        if (u.StartsWith("hour", StringComparison.Ordinal))
        {
            return $"PT{n}H";
        }

        if (u.StartsWith("minute", StringComparison.Ordinal))
        {
            return $"PT{n}M";
        }

        if (u.StartsWith("second", StringComparison.Ordinal))
        {
            return $"PT{n}S";
        }

        if (code is "DE" or "CE" && n != "X")
        {
            return $"P{decimal.Parse(n, Inv) * (code == "DE" ? 10 : 100)}Y";
        }

        if (code is "DE" or "CE")
        {
            return "PXY";
        }

        if (code == "FN")
        {
            return n == "X" ? "PXW" : $"P{decimal.Parse(n, Inv) * 2}W";
        }

        return $"P{n}{code}";
    }

    /// <summary>A number written in digits or words ("18", "twenty-four", "2 1/2", "a"); null when it is not one.</summary>
    internal decimal? Number(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace(",", "", StringComparison.Ordinal);
        if (t.Length == 0)
        {
            return null;
        }

        if (char.IsAsciiDigit(t[0]))
        {
            var half = t.EndsWith(" 1/2", StringComparison.Ordinal);
            if (half)
            {
                t = t[..^4];
            }

            return decimal.TryParse(t, NumberStyles.Number, Inv, out var d) ? d + (half ? 0.5m : 0m) : null;
        }

        decimal total = 0;
        decimal current = 0;
        foreach (var part in t.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "and")
            {
                continue;
            }

            var v = _number.Get(part);
            if (v is null)
            {
                return null;
            }

            var n = int.Parse(v, Inv);
            if (n == 100)
            {
                current = (current == 0 ? 1 : current) * 100;
            }
            else
            {
                current += n;
            }
        }

        total += current;
        return total;
    }

    private int? YearWord(string text)
    {
        var t = text.ToLowerInvariant().Replace("the year ", "", StringComparison.Ordinal);
        if (t.StartsWith("nineteen ", StringComparison.Ordinal))
        {
            var rest = Number(t[9..]);
            return rest is null ? null : 1900 + (int)rest.Value;
        }

        if (t.StartsWith("two thousand", StringComparison.Ordinal))
        {
            var rest = t[12..].Replace("and", "", StringComparison.Ordinal).Trim();
            if (rest.Length == 0)
            {
                return 2000;
            }

            var n = Number(rest);
            return n is null ? null : 2000 + (int)n.Value;
        }

        return null;
    }
}
