namespace Dossier.Time;

/// <summary>The TIMEX3 type of a time expression.</summary>
public enum TimexType
{
    Date,
    Time,
    Duration,
    Set,
}

/// <summary>Where the date an expression was resolved against came from.</summary>
public enum AnchorKind
{
    /// <summary>No anchor: relative expressions keep X placeholders (e.g. <c>XXXX-10</c>).</summary>
    None,

    /// <summary>The article's publication date (header, feed, metadata) or a date given by the caller.</summary>
    Given,

    /// <summary>A full date stated at the top of the text (dateline).</summary>
    Dateline,

    /// <summary>Worked out from the text: the latest full date it states, or a later day its past-tense weekdays imply.</summary>
    Inferred,

    /// <summary>Borrowed from the other articles of the same story.</summary>
    Story,
}

/// <summary>The date relative expressions are resolved against.</summary>
/// <param name="Date">The anchor day.</param>
/// <param name="Kind">Where it came from.</param>
/// <param name="Reason">One line saying why, for people.</param>
/// <param name="LowerBound">
/// True when the text may have been written after <paramref name="Date"/> (a header date is the first
/// publication; updates follow): a past-tense bare weekday then resolves within [Date-4, Date+2] instead of
/// strictly on or before Date. False for an exact creation time (TimeML DCT, <c>dossier dates --date</c>).
/// </param>
public sealed record TimeAnchor(DateOnly Date, AnchorKind Kind, string Reason, bool LowerBound = false)
{
    public static TimeAnchor Exact(DateOnly date) => new(date, AnchorKind.Given, "given", LowerBound: false);
}

/// <summary>One time expression: a half-open span into the article's cleaned text and its TIMEX3 value.</summary>
/// <param name="Start">Start offset into the text.</param>
/// <param name="End">End offset (exclusive).</param>
/// <param name="Type">DATE, TIME, DURATION or SET.</param>
/// <param name="Value">The TIMEX3 value (<c>2023-09-13</c>, <c>2023-W37</c>, <c>P18M</c>, <c>PRESENT_REF</c>, <c>XXXX-10</c>...).</param>
/// <param name="Mod">TIMEX3 mod (START, MID, END, APPROX...) or null.</param>
/// <param name="Anchor">Which anchor the value was resolved against (None when the value needed none or none existed).</param>
/// <param name="Rule">The rule that recognised it (rules.txt).</param>
public sealed record TimeExpression(int Start, int End, TimexType Type, string Value, string? Mod, AnchorKind Anchor, string Rule)
{
    public int Length => End - Start;

    /// <summary>The calendar date as YYYY, YYYY-MM or YYYY-MM-DD when the value names one, else null.</summary>
    public string? CalendarDate => TimexValue.CalendarDate(Value);
}

/// <summary>The time layer of an article: its expressions in text order and the anchor they were resolved on.</summary>
/// <param name="Expressions">Time expressions, in text order, non-overlapping.</param>
/// <param name="Anchor">The anchor used, or null when none could be found.</param>
/// <param name="Unresolved">Why there is no anchor (null when there is one).</param>
public sealed record TimeLayer(IReadOnlyList<TimeExpression> Expressions, TimeAnchor? Anchor, string? Unresolved);

/// <summary>Finds time expressions in text and normalises them against an anchor.</summary>
public interface ITimeTagger
{
    IReadOnlyList<TimeExpression> Tag(string text, TimeAnchor? anchor);
}
