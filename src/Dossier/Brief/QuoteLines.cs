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
    public static IReadOnlyList<QuoteLine> Of(IEnumerable<QuoteEntry> quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        var lines = new List<(string Text, bool Direct, List<string> Articles)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var q in quotes)
        {
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
