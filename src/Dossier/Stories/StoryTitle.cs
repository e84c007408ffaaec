using System.Collections.Frozen;
using Dossier.Core;
using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// A headline-length story title made from an article's lead sentence, for a story none of whose articles has a
/// headline: the attribution tail goes ("…, officials said"), and a lead longer than a headline is cut at the end of
/// its main clause ("…, flooding hundreds of homes"), so the title reads as a headline rather than a sentence cut off
/// with an ellipsis. Words from <c>Stories/Data/title-attribution.txt</c> and <c>title-openers.txt</c>.
/// </summary>
public static class StoryTitle
{
    /// <summary>A lead at most this long is kept whole (less its attribution tail and final period).</summary>
    public const int HeadlineLength = 100;

    /// <summary>A main clause shorter than this is not cut off (the cut would lose what happened).</summary>
    public const int ShortestClause = 30;

    private static readonly FrozenSet<string> AttributionWords = Load("title-attribution.txt");

    private static readonly FrozenSet<string> OpenerWords = Load("title-openers.txt");

    /// <summary>The title made from the lead sentence of an article (after its dateline).</summary>
    public static string FromLead(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return FromLead(StoryService.FirstSentence(StoryService.LeadText(article)));
    }

    /// <summary>The title made from one lead sentence.</summary>
    public static string FromLead(ReadOnlySpan<char> sentence)
    {
        var s = sentence.Trim();
        if (s.Length > 0 && s[^1] == '.')
        {
            s = s[..^1].TrimEnd();
        }

        s = WithoutAttributionTail(s);
        if (s.Length > HeadlineLength)
        {
            s = MainClause(s);
        }

        return StoryService.CutToLength(s);
    }

    /// <summary>"…, officials said" / "…, according to the agency" dropped: who said it is not the news.</summary>
    private static ReadOnlySpan<char> WithoutAttributionTail(ReadOnlySpan<char> s)
    {
        var comma = s.LastIndexOf(", ");
        if (comma < ShortestClause)
        {
            return s;
        }

        var words = 0;
        var cue = false;
        foreach (var r in s[(comma + 2)..].Split(' '))
        {
            var w = s[(comma + 2)..][r].Trim("\"'’”");
            if (w.IsEmpty)
            {
                continue;
            }

            words++;
            cue |= AttributionWords.Contains(w.ToString().ToLowerInvariant());
        }

        return cue && words <= 8 ? s[..comma].TrimEnd() : s;
    }

    /// <summary>The text before the first comma that opens a participle or subordinate clause, if long enough.</summary>
    private static ReadOnlySpan<char> MainClause(ReadOnlySpan<char> s)
    {
        for (var i = ShortestClause; i < s.Length - 2; i++)
        {
            if (s[i] != ',' || s[i + 1] != ' ')
            {
                continue;
            }

            var rest = s[(i + 2)..];
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            if (word.IsEmpty || !char.IsLower(word[0]))
            {
                continue;
            }

            if (word.EndsWith("ing", StringComparison.Ordinal) || OpenerWords.Contains(word.ToString()))
            {
                return s[..i];
            }
        }

        return s;
    }

    private static FrozenSet<string> Load(string file) =>
        TextLexicon.DataLines("Stories.Data." + file).Select(l => l.Trim()).Where(l => l.Length > 0).ToFrozenSet(StringComparer.Ordinal);
}
