using System.Globalization;

namespace Dossier.Time;

/// <summary>How fine a resolved date is.</summary>
public enum Granularity
{
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Season,
    Year,
    Decade,
    Century,
}

/// <summary>Formatting and parsing of TIMEX3 date values.</summary>
public static class TimexValue
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Format(DateOnly d, Granularity g) => g switch
    {
        Granularity.Day => d.ToString("yyyy-MM-dd", Inv),
        Granularity.Week => Week(d),
        Granularity.Month => d.ToString("yyyy-MM", Inv),
        Granularity.Quarter => $"{d.Year:D4}-Q{((d.Month - 1) / 3) + 1}",
        Granularity.Half => $"{d.Year:D4}-H{(d.Month <= 6 ? 1 : 2)}",
        Granularity.Season => $"{d.Year:D4}-{SeasonOf(d.Month)}",
        Granularity.Year => d.Year.ToString("D4", Inv),
        Granularity.Decade => (d.Year / 10).ToString("D3", Inv),
        _ => (d.Year / 100).ToString("D2", Inv),
    };

    /// <summary>ISO week value, e.g. <c>2023-W37</c>.</summary>
    public static string Week(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}";
    }

    public static string SeasonOf(int month) => month switch
    {
        3 or 4 or 5 => "SP",
        6 or 7 or 8 => "SU",
        9 or 10 or 11 => "FA",
        _ => "WI",
    };

    /// <summary>Adds <paramref name="n"/> units of granularity <paramref name="g"/>.</summary>
    public static DateOnly Add(DateOnly d, Granularity g, int n) => g switch
    {
        Granularity.Day => d.AddDays(n),
        Granularity.Week => d.AddDays(7 * n),
        Granularity.Month => d.AddMonths(n),
        Granularity.Quarter => d.AddMonths(3 * n),
        Granularity.Half => d.AddMonths(6 * n),
        Granularity.Season => d.AddMonths(3 * n),
        Granularity.Year => d.AddYears(n),
        Granularity.Decade => d.AddYears(10 * n),
        _ => d.AddYears(100 * n),
    };

    /// <summary>Parses a resolved date value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn, YYYY-Hn) to its first day.</summary>
    public static bool TryParse(string value, out DateOnly date, out Granularity granularity)
    {
        date = default;
        granularity = Granularity.Day;
        if (string.IsNullOrEmpty(value) || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, Inv, out var y) || y < 1)
        {
            return false;
        }

        var v = value.AsSpan();
        if (v.Length >= 10 && v[4] == '-' && v[7] == '-' && int.TryParse(v[5..7], NumberStyles.None, Inv, out var m) && int.TryParse(v[8..10], NumberStyles.None, Inv, out var dd)
            && m is >= 1 and <= 12 && dd >= 1 && dd <= DateTime.DaysInMonth(y, m))
        {
            date = new DateOnly(y, m, dd);
            granularity = Granularity.Day;
            return true;
        }

        if (v.Length == 7 && v[4] == '-' && int.TryParse(v[5..7], NumberStyles.None, Inv, out m) && m is >= 1 and <= 12)
        {
            date = new DateOnly(y, m, 1);
            granularity = Granularity.Month;
            return true;
        }

        if (v.Length >= 8 && v[4] == '-' && v[5] == 'W' && int.TryParse(v[6..8], NumberStyles.None, Inv, out var w) && w is >= 1 and <= 53)
        {
            date = DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Monday));
            granularity = Granularity.Week;
            return true;
        }

        if (v.Length == 7 && v[4] == '-' && v[5] == 'Q' && v[6] is >= '1' and <= '4')
        {
            date = new DateOnly(y, ((v[6] - '1') * 3) + 1, 1);
            granularity = Granularity.Quarter;
            return true;
        }

        if (v.Length == 7 && v[4] == '-' && v[5] == 'H' && v[6] is '1' or '2')
        {
            date = new DateOnly(y, v[6] == '1' ? 1 : 7, 1);
            granularity = Granularity.Half;
            return true;
        }

        if (v.Length == 4)
        {
            date = new DateOnly(y, 1, 1);
            granularity = Granularity.Year;
            return true;
        }

        return false;
    }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD for a value that names a calendar date (a TIME keeps its day), else null.</summary>
    public static string? CalendarDate(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 4 || !char.IsAsciiDigit(value[0]) || !char.IsAsciiDigit(value[3]))
        {
            return null;
        }

        if (value.Length >= 10 && TryParse(value[..10], out var d, out var g) && g == Granularity.Day)
        {
            return d.ToString("yyyy-MM-dd", Inv);
        }

        if (value.Length >= 8 && value[5] == 'W' && TryParse(value[..8], out d, out g) && g == Granularity.Week)
        {
            return d.AddDays(3).ToString("yyyy-MM", Inv);
        }

        if (value.Length >= 7 && TryParse(value[..7], out d, out g) && g == Granularity.Month)
        {
            return d.ToString("yyyy-MM", Inv);
        }

        if (value.Length == 4 || (value.Length > 4 && value[4] == '-' && TryParse(value[..4], out _, out _)))
        {
            return value[..4];
        }

        return null;
    }
}
