using Dossier.Quotes;

namespace Dossier.Claims;

/// <summary>
/// Where the quotations of an article start and end, for its claims: the quotes layer's pairing
/// (<see cref="QuoteMarks"/>, every mark convention; a quotation left open at a paragraph's end that reopens on the next
/// paragraph is one), and what to do with the double marks that pairing leaves alone. A quotation left open at a
/// paragraph's end and not reopened runs on over at most <c>reach</c> paragraphs to the next double mark, which closes
/// it (texts with one sentence a line, or a closing mark with a space before it, <c>entered into, "the statement read</c>);
/// a mark that still pairs with nothing is loose, and a claim does not start or end with a loose mark.
/// </summary>
internal sealed class ClaimQuotes
{
    /// <summary>Loose marks by their start, with their end, and by their end, with their start.</summary>
    private readonly Dictionary<int, int> _looseFrom = [];
    private readonly Dictionary<int, int> _looseTo = [];

    private ClaimQuotes(List<(int Start, int End)> quotations)
    {
        Quotations = quotations;
    }

    /// <summary>The quotations as [start, end) with their marks, in text order.</summary>
    public IReadOnlyList<(int Start, int End)> Quotations { get; }

    /// <param name="reach">The most paragraphs after its own that a quotation left open runs on over.</param>
    public static ClaimQuotes Of(string text, IReadOnlyList<(int Start, int End)> paragraphs, int reach)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(paragraphs);
        var spans = QuoteMarks.Find(text, paragraphs);
        var loose = LooseMarks(text, spans);
        var quotations = new List<(int Start, int End)>();
        var result = new ClaimQuotes(quotations);
        var l = 0;
        for (var k = 0; k < spans.Count; k++)
        {
            var (first, start) = (k, spans[k].Start);
            while (true)
            {
                // A quotation over paragraphs that reopen it is one: the span after one that continues is its next
                // paragraph's (the paragraph opens with a double mark, so no other span comes between).
                while (spans[k].ContinuesNext && k + 1 < spans.Count)
                {
                    k++;
                }

                var end = spans[k].End;
                if (spans[k].Closed || spans[k].ContinuesNext)
                {
                    quotations.Add((start, end));
                    break;
                }

                // Left open at its paragraph's end and not reopened on the next: the next double mark within reach
                // closes it if it is a loose one, or one that opens a quotation inside a paragraph and leaves it open
                // too; one that opens a later paragraph reopens it.
                while (l < loose.Count && loose[l].At < end)
                {
                    result.AddLoose(loose[l++]);
                }

                var limit = ParagraphEnd(paragraphs, end, reach);
                var hasNext = k + 1 < spans.Count && spans[k + 1].Start < limit && IsDoubleMark(text, spans[k + 1].Start);
                if (l < loose.Count && loose[l].At < limit && (!hasNext || loose[l].At < spans[k + 1].Start))
                {
                    quotations.Add((start, loose[l].At + loose[l].Length));
                    l++;
                    break;
                }

                if (hasNext && StartsParagraph(text, spans[k + 1].Start))
                {
                    k++;
                    continue;
                }

                if (hasNext && !spans[k + 1].Closed && !spans[k + 1].ContinuesNext)
                {
                    k++;
                    quotations.Add((start, spans[k].Start + MarkLength(text, spans[k].Start)));
                    break;
                }

                // Closed nowhere within reach: no quotation is known to run over these paragraphs, and each part's
                // opening mark pairs with nothing.
                for (var i = first; i <= k; i++)
                {
                    result.AddLoose((spans[i].Start, MarkLength(text, spans[i].Start)));
                    quotations.Add((spans[i].Start, spans[i].End));
                }

                break;
            }
        }

        while (l < loose.Count)
        {
            result.AddLoose(loose[l++]);
        }

        return result;
    }

    /// <summary>
    /// The span [start, end) of a claim without a dangling double mark (and the spaces beside it) at either edge: a loose
    /// mark, a mark at its start that opens (or reopens) a quotation that does not end inside it, or a mark at its end
    /// that closes a quotation that began before it (parts of a quotation too long to be one claim). Marks at both edges
    /// of one quotation pair, and stay.
    /// </summary>
    public (int Start, int End) Trim(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        var e = end;
        while (e > start && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        if (e <= start)
        {
            return (start, end);
        }

        var atEnd = e - 2 >= start && MarkLength(text, e - 2) == 2 ? e - 2 : e - 1;
        var opening = IsDoubleMark(text, start) ? Holding(start) : null;
        var closing = IsDoubleMark(text, atEnd) ? Holding(atEnd) : null;
        var paired = opening is not null && opening == closing;
        if (_looseTo.ContainsKey(e) || (!paired && closing is { } c && c.Start < start))
        {
            end = atEnd;
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
        }

        if (_looseFrom.ContainsKey(start) || (!paired && opening is { } o && o.End > e))
        {
            start += MarkLength(text, start);
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        return (start, end);
    }

    /// <summary>Whether a double quotation mark (any style) stands at <paramref name="at"/>.</summary>
    public static bool IsDoubleMark(string t, int at) => QuoteMarks.DoubleMarkLength(t, at) > 0;

    /// <summary>The quotation that holds <paramref name="at"/>, if any.</summary>
    private (int Start, int End)? Holding(int at)
    {
        int lo = 0, hi = Quotations.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Quotations[mid].Start <= at)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && at < Quotations[found].End ? Quotations[found] : null;
    }

    private void AddLoose((int At, int Length) mark)
    {
        _looseFrom[mark.At] = mark.At + mark.Length;
        _looseTo[mark.At + mark.Length] = mark.At;
    }

    /// <summary>Double marks that no quoted span holds, in text order (a straight mark after a digit and before a word, "17" screen", is an inch mark).</summary>
    private static List<(int At, int Length)> LooseMarks(string t, List<QuotedSpan> spans)
    {
        var result = new List<(int At, int Length)>();
        var s = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var len = QuoteMarks.IsQuoteChar(t[i]) ? QuoteMarks.DoubleMarkLength(t, i) : 0;
            if (len == 0)
            {
                continue;
            }

            while (s < spans.Count && spans[s].End <= i)
            {
                s++;
            }

            var inch = t[i] == '"' && i > 0 && char.IsDigit(t[i - 1]) && i + 2 < t.Length && t[i + 1] is ' ' or '-' && char.IsLetter(t[i + 2]);
            if (!inch && (s >= spans.Count || i < spans[s].Start))
            {
                result.Add((i, len));
            }

            i += len - 1;
        }

        return result;
    }

    /// <summary>The length of the mark at <paramref name="at"/>: 2 for a doubled ` or ', else 1 (any other double or single mark).</summary>
    private static int MarkLength(string t, int at) => Math.Max(1, QuoteMarks.DoubleMarkLength(t, at));

    /// <summary>The end of the paragraph <paramref name="reach"/> paragraphs after the one that holds <paramref name="at"/>.</summary>
    private static int ParagraphEnd(IReadOnlyList<(int Start, int End)> paragraphs, int at, int reach)
    {
        var p = 0;
        while (p < paragraphs.Count && paragraphs[p].End < at)
        {
            p++;
        }

        return p >= paragraphs.Count ? at : paragraphs[Math.Min(paragraphs.Count - 1, p + reach)].End;
    }

    private static bool StartsParagraph(string t, int at)
    {
        var p = at - 1;
        while (p >= 0 && t[p] is ' ' or '\t')
        {
            p--;
        }

        return p < 0 || t[p] == '\n';
    }
}
