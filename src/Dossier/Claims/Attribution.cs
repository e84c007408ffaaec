namespace Dossier.Claims;

/// <summary>
/// A claim's attribution tail: the clause after its last comma that names who said it (", her office said", ",
/// according to the regional emergency service"), when it holds an attribution verb (Claims/Data/attribution.txt)
/// after at most <see cref="MaxSpeakerWords"/> words and ending the sentence or followed by where, when or to whom it was
/// said (Claims/Data/attribution-followers.txt; "told" and "according" always). Its words tell who spoke, not what
/// happened: two sentences of different facts share "her office said" or "Marek said during a visit to Vessa" as
/// readily as two of one fact, so the summary's parts (Brief/SummaryParts.cs) leave them out.
/// </summary>
internal static class Attribution
{
    /// <summary>Most words before the verb of a tail (the speaker: "the regional emergency service").</summary>
    private const int MaxSpeakerWords = 6;

    private static readonly IReadOnlySet<string> Verbs = Terms.LoadList("attribution.txt");

    /// <summary>Where the attribution tail starts (just after the last comma outside quotation marks), or -1.</summary>
    internal static int TailStart(string text)
    {
        var comma = LastComma(text);
        if (comma < 0)
        {
            return -1;
        }

        var words = 0;
        var k = comma + 1;
        while (k < text.Length && words <= MaxSpeakerWords)
        {
            while (k < text.Length && !char.IsLetter(text[k]))
            {
                k++;
            }

            var from = k;
            while (k < text.Length && (char.IsLetter(text[k]) || text[k] is '\'' or '’' or '-'))
            {
                k++;
            }

            if (k == from)
            {
                break;
            }

            var word = text[from..k].ToLowerInvariant();
            if (Verbs.Contains(word))
            {
                // A tail ends with its verb or goes on with where and when it was said ("said during a visit to Vessa",
                // "told reporters in Port Alder"); a verb followed by what was said ("and the ministry said water levels
                // rose") opens a clause of its own.
                return word is "according" or "told" or "tells" || EndsTail(text, k) ? comma + 1 : -1;
            }

            words++;
        }

        return -1;
    }

    private static readonly IReadOnlySet<string> TailFollowers = Terms.LoadList("attribution-followers.txt");

    private static bool EndsTail(string text, int k)
    {
        while (k < text.Length && !char.IsLetterOrDigit(text[k]))
        {
            k++;
        }

        if (k == text.Length)
        {
            return true;
        }

        var from = k;
        while (k < text.Length && char.IsLetter(text[k]))
        {
            k++;
        }

        return k > from && TailFollowers.Contains(text[from..k].ToLowerInvariant());
    }

    /// <summary>The last comma of the text that is not inside a quotation (a comma before a closing mark belongs to the quote).</summary>
    private static int LastComma(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] != ',')
            {
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            return next is '"' or '”' or '\'' or '’' ? -1 : i;
        }

        return -1;
    }
}
