namespace Dossier.Quotes;

/// <summary>A quoted span in the text: marks included in [Start, End), the words in [InnerStart, InnerEnd).</summary>
internal readonly record struct QuotedSpan(int Start, int End, int InnerStart, int InnerEnd, bool Closed, bool ContinuesNext, bool ContinuesPrevious);

/// <summary>
/// Finds quoted spans in every quote-mark convention: “...”, "...", ''...'' (and ``...''), ‘...’, «...», and quotes
/// left open at the end of a paragraph that reopen at the start of the next one (the news convention for a
/// multi-paragraph quote). Double marks of any style pair with each other (sources mix “ with " and '' with ");
/// single marks pair only outside a double quote, and ’ closes only when no letter follows (so "Kim’s" is an apostrophe).
/// </summary>
public static class QuoteMarks
{
    private enum Mark
    {
        None,
        OpenDouble,
        CloseDouble,
        EitherDouble,
        OpenSingle,
        CloseSingle,
    }

    /// <summary>Removes the outer quote marks (and spaces) of a quoted text.</summary>
    public static string StripMarks(string quoted)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        var s = 0;
        var e = quoted.Length;
        while (s < e && (IsQuoteChar(quoted[s]) || char.IsWhiteSpace(quoted[s])))
        {
            s++;
        }

        while (e > s && (IsQuoteChar(quoted[e - 1]) || char.IsWhiteSpace(quoted[e - 1])))
        {
            e--;
        }

        return quoted[s..e];
    }

    /// <summary>The length of the double quotation mark of any style at <paramref name="at"/> (“ ” „ « » ", or a doubled ` or '), 0 when none stands there.</summary>
    internal static int DoubleMarkLength(string text, int at)
    {
        var (mark, length) = Classify(text, at, text.Length);
        return mark is Mark.OpenDouble or Mark.CloseDouble or Mark.EitherDouble ? length : 0;
    }

    public static bool IsQuoteChar(char c) => c is '"' or '“' or '”' or '„' or '«' or '»' or '‘' or '’' or '\'' or '`';

    /// <summary>True when the paragraph starting at <paramref name="start"/> opens with a double quote mark.</summary>
    internal static bool StartsWithOpenDouble(string text, int start, int end)
    {
        var i = start;
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= end)
        {
            return false;
        }

        var (m, _) = Classify(text, i, end);
        return m is Mark.OpenDouble or Mark.EitherDouble;
    }

    /// <summary>Quoted spans of the whole text, paragraph by paragraph.</summary>
    internal static List<QuotedSpan> Find(string text, IReadOnlyList<(int Start, int End)> paragraphs)
    {
        var result = new List<QuotedSpan>();
        var continuesPrevious = false;
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var (ps, pe) = paragraphs[p];
            var openDouble = -1;
            var openDoubleLen = 0;
            var openSingle = -1;
            var i = ps;
            var firstInParagraph = true;
            while (i < pe)
            {
                var (mark, len) = Classify(text, i, pe);
                if (mark == Mark.None)
                {
                    i++;
                    continue;
                }

                if (mark is Mark.OpenDouble or Mark.EitherDouble or Mark.CloseDouble)
                {
                    var opens = mark == Mark.OpenDouble || (mark == Mark.EitherDouble && openDouble < 0 && !LooksClosing(text, i, len, pe));
                    if (openDouble < 0 && opens)
                    {
                        openDouble = i;
                        openDoubleLen = len;
                        openSingle = -1;
                    }
                    else if (openDouble >= 0 && mark != Mark.OpenDouble)
                    {
                        result.Add(Make(text, openDouble, openDoubleLen, i, len, closed: true, continuesNext: false, continuesPrevious && firstInParagraph));
                        firstInParagraph = false;
                        openDouble = -1;
                    }

                    i += len;
                    continue;
                }

                if (openDouble < 0)
                {
                    if (mark == Mark.OpenSingle && openSingle < 0)
                    {
                        openSingle = i;
                    }
                    else if (mark == Mark.CloseSingle && openSingle >= 0)
                    {
                        result.Add(Make(text, openSingle, 1, i, 1, closed: true, continuesNext: false, continuesPrevious: false));
                        openSingle = -1;
                    }
                }

                i += len;
            }

            var continuesHere = continuesPrevious && firstInParagraph;
            continuesPrevious = false;
            if (openDouble >= 0)
            {
                // Unclosed at the paragraph's end: the quote runs to the end of the paragraph; it continues when the
                // next paragraph reopens with a quote mark.
                var end = pe;
                while (end > openDouble && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                var next = p + 1 < paragraphs.Count && StartsWithOpenDouble(text, paragraphs[p + 1].Start, paragraphs[p + 1].End);
                if (end - openDouble - openDoubleLen > 0)
                {
                    result.Add(Make(text, openDouble, openDoubleLen, end, 0, closed: false, continuesNext: next, continuesHere));
                }

                continuesPrevious = next;
            }
        }

        return result;
    }

    private static QuotedSpan Make(string text, int open, int openLen, int close, int closeLen, bool closed, bool continuesNext, bool continuesPrevious)
    {
        var inner = open + openLen;
        var innerEnd = close;
        while (inner < innerEnd && char.IsWhiteSpace(text[inner]))
        {
            inner++;
        }

        while (innerEnd > inner && char.IsWhiteSpace(text[innerEnd - 1]))
        {
            innerEnd--;
        }

        return new QuotedSpan(open, close + closeLen, inner, innerEnd, closed, continuesNext, continuesPrevious);
    }

    private static bool LooksClosing(string text, int i, int len, int end)
    {
        var prevSpace = i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '—' or '–';
        var nextSpace = i + len >= end || char.IsWhiteSpace(text[i + len]) || char.IsPunctuation(text[i + len]);
        return !prevSpace && nextSpace;
    }

    private static (Mark Mark, int Length) Classify(string text, int i, int end)
    {
        var c = text[i];
        switch (c)
        {
            case '“' or '„' or '«':
                return (Mark.OpenDouble, 1);
            case '”' or '»':
                return (Mark.CloseDouble, 1);
            case '"':
                return (Mark.EitherDouble, 1);
            case '`' when i + 1 < end && text[i + 1] == '`':
                return (Mark.OpenDouble, 2);
            case '\'' when i + 1 < end && text[i + 1] == '\'':
                return (Mark.EitherDouble, 2);
            case '‘':
                {
                    var prevOk = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
                    var nextOk = i + 1 < end && !char.IsWhiteSpace(text[i + 1]);
                    return prevOk && nextOk ? (Mark.OpenSingle, 1) : (Mark.None, 1);
                }

            case '’':
                {
                    var prevOk = i > 0 && !char.IsWhiteSpace(text[i - 1]);
                    var nextOk = i + 1 >= end || !char.IsLetter(text[i + 1]);
                    return prevOk && nextOk ? (Mark.CloseSingle, 1) : (Mark.None, 1);
                }

            case '\'':
                {
                    // After cleaning, ‘ and ’ are ASCII apostrophes: an opening mark starts a word, a closing one ends it.
                    var prevLetter = i > 0 && char.IsLetterOrDigit(text[i - 1]);
                    var nextLetter = i + 1 < end && char.IsLetterOrDigit(text[i + 1]);
                    var prevSpace = i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '"' or '—';
                    if (prevSpace && nextLetter)
                    {
                        return (Mark.OpenSingle, 1);
                    }

                    return !prevSpace && !nextLetter && (prevLetter || char.IsPunctuation(text[i - 1])) ? (Mark.CloseSingle, 1) : (Mark.None, 1);
                }

            default:
                return (Mark.None, 1);
        }
    }
}
