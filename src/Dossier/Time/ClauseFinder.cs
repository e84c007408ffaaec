using Dossier.Analysis;
using Dossier.Core;
using Dossier.Text;

namespace Dossier.Time;

/// <summary>Where the sentence around an offset lies. The seam between the timeline and sentence splitting.</summary>
public interface ISentenceBounds
{
    (int Start, int End) SentenceAt(int offset);
}

/// <summary>Sentence bounds from a <see cref="TextLayer"/> when the text stage ran, else <see cref="SimpleSentenceBounds"/>.</summary>
public static class SentenceBounds
{
    public static ISentenceBounds For(string text, TextLayer? layer) =>
        layer is { Sentences.Count: > 0 } ? new LayerSentenceBounds(text, layer) : new SimpleSentenceBounds(text);

    /// <summary>
    /// As <see cref="For(string, TextLayer?)"/>, with each quotation that runs over several sentences one sentence, as
    /// claims read them (the claims layer's sentences, else <see cref="Claims.ClaimExtractor.SentencesWithWholeQuotes"/>):
    /// a timeline entry then never opens or closes inside quotation marks.
    /// </summary>
    public static ISentenceBounds WithWholeQuotes(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var layer = article.Get<TextLayer>();
        if (layer is not { Sentences.Count: > 1 })
        {
            return For(article.Text, layer);
        }

        var sentences = article.Get<Claims.ClaimLayer>()?.Sentences ?? Claims.ClaimExtractor.SentencesWithWholeQuotes(article.Article, layer);
        return new LayerSentenceBounds(article.Text, ReferenceEquals(sentences, layer.Sentences) ? layer : layer with { Sentences = sentences });
    }
}

/// <summary>Sentences from the text layer.</summary>
public sealed class LayerSentenceBounds(string text, TextLayer layer) : ISentenceBounds
{
    public (int Start, int End) SentenceAt(int offset)
    {
        var ss = layer.Sentences;
        int lo = 0, hi = ss.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (ss[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else if (ss[mid].Start > offset)
            {
                hi = mid - 1;
            }
            else
            {
                return (ss[mid].Start, ss[mid].End);
            }
        }

        return new SimpleSentenceBounds(text).SentenceAt(offset);
    }
}

/// <summary>
/// A simple splitter: a sentence ends at a line break, or at . ! ? (and closing quotes) followed by a space and
/// an upper-case letter or quote, unless the dot ends a short abbreviation (Sept., U.S., Mr.).
/// </summary>
public sealed class SimpleSentenceBounds(string text) : ISentenceBounds
{
    public (int Start, int End) SentenceAt(int offset)
    {
        var s = offset;
        while (s > 0 && !IsBoundaryBefore(s))
        {
            s--;
        }

        var e = offset + 1;
        while (e < text.Length && !IsBoundaryBefore(e))
        {
            e++;
        }

        while (s < e && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        return (s, e);
    }

    /// <summary>True when a sentence starts at <paramref name="i"/>.</summary>
    private bool IsBoundaryBefore(int i)
    {
        if (i <= 0 || i >= text.Length)
        {
            return true;
        }

        if (text[i - 1] == '\n')
        {
            return true;
        }

        if (text[i - 1] != ' ' || !(char.IsUpper(text[i]) || text[i] is '"' or '“' or '\''))
        {
            return false;
        }

        var j = i - 2;
        while (j >= 0 && text[j] is '"' or '”' or '\'' or '’' or ')')
        {
            j--;
        }

        if (j < 0 || text[j] is not ('.' or '!' or '?'))
        {
            return false;
        }

        if (text[j] != '.')
        {
            return true;
        }

        // abbreviation: a short word before the dot (Sept., Mr., U.S.)
        var k = j - 1;
        while (k >= 0 && char.IsLetter(text[k]))
        {
            k--;
        }

        var word = text[(k + 1)..j];
        return !(Abbreviations.Contains(word) || (k >= 0 && text[k] == '.') || (word.Length == 1 && char.IsUpper(word[0])));
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Gen", "Gov",
        "Sen", "Rep", "Lt", "Col", "Capt", "Jr", "Sr", "Inc", "Co", "Corp", "No", "Prof", "Rev", "Ft", "Mt", "vs",
    };
}
