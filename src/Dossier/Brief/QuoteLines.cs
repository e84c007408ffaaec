using System.Collections.Frozen;
using System.Text;
using Dossier.Analysis;

namespace Dossier.Brief;

/// <summary>One line of a speaker's quotes in a rendered briefing: a wording and every article that carries it.</summary>
/// <param name="Text">The wording; a direct quote without its own quotation marks (the renderer adds one pair) or a final comma.</param>
/// <param name="Direct">True for a direct quote.</param>
/// <param name="Articles">The articles carrying it, in the order first met.</param>
public sealed record QuoteLine(string Text, bool Direct, IReadOnlyList<string> Articles);

/// <summary>
/// A speaker's quotes as the briefing shows them: the same words in several articles (wire copies, a quote an outlet
/// reprints) are one line citing them all, and a direct quote's own quotation marks (straight, curly or doubled
/// apostrophes) give way to one pair added by the renderer, so a quote never reads as ““...””.
/// </summary>
public static class QuoteLines
{
    /// <summary>A reported statement of fewer words is the object of its cue, not a statement ("ordered an inquiry").</summary>
    public const int MinReportedWords = 4;

    private static readonly FrozenSet<string> RefusalWords =
        Text.TextLexicon.DataLines("Brief.Data.quote-lines.txt").Select(l => l.Trim()).Where(l => l.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The lines of a speaker's quotes. Every direct quote is listed; a reported statement is listed unless it is only
    /// the object of its cue (under <see cref="MinReportedWords"/> words: "ordered an inquiry", "had expected no change")
    /// or its cue reports a refusal ("declined to say what caused the failure", "would not say"): neither is something
    /// the speaker said; nor is a reported statement with no speaker at all (a forecast: "is expected to visit"). A direct quote inside a listed reported statement of its article is shown by that line
    /// (<see cref="InsideListed"/>). The analysis JSON keeps them all.
    /// </summary>
    public static IReadOnlyList<QuoteLine> Of(IEnumerable<QuoteEntry> quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        var all = quotes as IReadOnlyList<QuoteEntry> ?? [.. quotes];
        var listedReported = all.Where(q => !q.Direct && IsStatement(q)).ToLookup(q => q.Article, StringComparer.Ordinal);
        var lines = new List<(string Text, bool Direct, List<string> Articles)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var q in all)
        {
            if (q.Direct ? InsideListed(q, listedReported) : !IsStatement(q))
            {
                continue;
            }

            var text = q.Direct ? Unquote(q.Text) : q.Text.Trim();
            var key = (q.Direct ? "d:" : "r:") + Key(text);
            if (byKey.TryGetValue(key, out var at))
            {
                if (!lines[at].Articles.Contains(q.Article, StringComparer.Ordinal))
                {
                    lines[at].Articles.Add(q.Article);
                }
            }
            else
            {
                byKey[key] = lines.Count;
                lines.Add((text, q.Direct, [q.Article]));
            }
        }

        return [.. lines.Select(l => new QuoteLine(l.Text, l.Direct, l.Articles))];
    }

    /// <summary>
    /// Whether a direct quote lies inside a listed reported statement of the same article ("rated the dam “fair”",
    /// "would be suspended “until the commission has done its work.”"): that line already shows its words in their
    /// quotation marks, so the partial quote is not listed again.
    /// </summary>
    private static bool InsideListed(QuoteEntry q, ILookup<string, QuoteEntry> listedReported) =>
        q.End > q.Start && listedReported[q.Article].Any(r => r.Start <= q.Start && q.End <= r.End);

    /// <summary>Whether a reported statement says something: someone said it, with enough words and a cue that is no refusal.</summary>
    private static bool IsStatement(QuoteEntry q)
    {
        // "She is expected to visit Vessa on Friday": a forecast the quotes layer leaves with no speaker is nobody's words.
        if (q.Speaker is null && q.SpeakerMention is null)
        {
            return false;
        }

        var words = q.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words < MinReportedWords)
        {
            return false;
        }

        foreach (var w in (q.Cue ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (RefusalWords.Contains(w) || (w.EndsWith("n't", StringComparison.Ordinal) && RefusalWords.Contains("n't")))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The quote without the quotation marks around it (<see cref="Quotes.QuoteMarks.StripMarks"/>) and a comma it ends on.</summary>
    public static string Unquote(string text)
    {
        // A quote that ran on into its attribution ("..., we had," he said) ends on the comma inside its marks.
        var inner = Quotes.QuoteMarks.StripMarks(text);
        return inner.Length > 1 && inner[^1] == ',' ? inner[..^1].TrimEnd() : inner;
    }

    /// <summary>Comparison key: letters and digits only, lower case, so marks, spacing and final punctuation do not count.</summary>
    private static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd();
    }
}
