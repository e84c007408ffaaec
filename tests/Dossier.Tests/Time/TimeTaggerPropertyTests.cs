using Dossier.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Dossier.Tests.Time;

/// <summary>Properties that hold for any text: the tagger never throws, spans are in range, ordered and disjoint.</summary>
public sealed class TimeTaggerPropertyTests
{
    private static readonly string[] Pieces =
    [
        "Friday", "last week", "99999999999 years ago", "100,000 years ago", "1950-53", "July 2000", " ", ", ", ". ", "the 1980s", "Sept. 31",
        "2023-02-30", "early", "late", "about", "the next day", "a day", "18 months after", "0 a.m.", "25:99 GMT", "twenty-four", "Feb. 29",
        "every", "year", "'98", "1 1/2 hours", "nineteen", "ninety-nine", "the", "quarter", "third", "fiscal 1989", "\n", "will", "said",
    ];

    [Fact]
    public void Should_never_throw_and_give_valid_disjoint_spans()
    {
        Prop.ForAll<int[], bool>(Holds).QuickCheckThrowOnFailure();
    }

    private static bool Holds(int[] picks, bool anchored)
    {
        // Given any text made of time-ish pieces, with or without an anchor
        var text = string.Concat((picks ?? []).Select(i => Pieces[Math.Abs(i % Pieces.Length)]));
        var anchor = anchored ? TimeAnchor.Exact(new DateOnly(2023, 9, 13)) : null;

        // When it is tagged
        var found = TimeTagger.Default.Tag(text, anchor);

        // Then every span lies in the text, in order, without overlap, with a value
        var ok = true;
        var prevEnd = 0;
        foreach (var e in found)
        {
            ok &= e.Start >= prevEnd && e.End > e.Start && e.End <= text.Length && e.Value.Length > 0;
            prevEnd = e.End;
        }

        return ok;
    }
}
