using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Dossier.Time;

namespace Dossier.Corpora;

/// <summary>
/// Reads MEANTIME's NAF/CAT XML (one <c>Document</c> of <c>token</c>s with <c>Markables</c>) as a
/// <see cref="TimeMlDocument"/>, so its TIMEX3 annotations are scored like TempEval-3's.
/// <list type="bullet">
/// <item>The text is rebuilt from the tokens: no space before closing punctuation (<c>, . ) % 's n't</c>) or after
/// opening punctuation (<c>( $ ``</c>), <c>``</c> and <c>''</c> written as <c>"</c>; the title (sentence 0) is its
/// own paragraph, the other sentences follow one another in one paragraph.</item>
/// <item>Sentence 1 is the dateline (<c>May 07 , 2009</c>): like the DCT of a TimeML file it is not part of the
/// text, and its date is the creation time (the TIMEX3 with <c>functionInDocument="CREATION_TIME"</c>, else the
/// date the dateline states). Gold TIMEX3s inside it are not scored, nor those with no tokens (MEANTIME's
/// empty, implicit ones).</item>
/// <item>MEANTIME annotates time expressions only in its first sentences (<see cref="FullyAnnotatedSentences"/>):
/// the text ends there, so what the tagger finds later is not counted as spurious.</item>
/// </list>
/// </summary>
public static class MeantimeReader
{
    /// <summary>
    /// MEANTIME annotates every time expression only in the first sentences of an article: the title, the dateline
    /// and four sentences of body (later sentences carry only mentions that take part in cross-document chains).
    /// </summary>
    public const int FullyAnnotatedSentences = 6;

    /// <summary>Tokens written without a space before them.</summary>
    private static readonly HashSet<string> Closing = new([",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "’", "...", "n't"], StringComparer.Ordinal);

    /// <summary>Tokens written without a space after them.</summary>
    private static readonly HashSet<string> Opening = new(["(", "[", "{", "$", "‘", "`", "#", "£", "€", "¥"], StringComparer.Ordinal);

    /// <summary>Clitics the tokeniser split off their word ("GM 's"), written joined to it.</summary>
    private static readonly HashSet<string> Clitics = new(["'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m"], StringComparer.Ordinal);

    /// <summary>Whether an XML document is MEANTIME's token format (a <c>Document</c> root with <c>token</c> children).</summary>
    public static bool IsMeantime(string xml) =>
        xml is not null && xml.Contains("<Document", StringComparison.Ordinal) && xml.Contains("<token ", StringComparison.Ordinal);

    public static TimeMlDocument ReadFile(string path) => Parse(path, File.ReadAllText(path));

    public static TimeMlDocument Parse(string path, string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var root = XDocument.Parse(xml).Root ?? throw new FormatException($"{path}: empty MEANTIME document.");
        var tokens = root.Elements("token").ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var starts = new int[tokens.Count];
        var ends = new int[tokens.Count];
        var sentences = new int[tokens.Count];
        var sb = new StringBuilder();
        var dateline = new StringBuilder();
        var glue = false;
        var prevSentence = -1;
        var quoteOpen = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            index[(string)t.Attribute("t_id")!] = i;
            var sentence = int.TryParse((string?)t.Attribute("sentence"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
            sentences[i] = sentence;
            var word = WebUtility.HtmlDecode(t.Value);
            if (sentence >= FullyAnnotatedSentences)
            {
                starts[i] = ends[i] = -1;
                continue;
            }

            if (sentence == 1)
            {
                // The dateline: kept apart, read for the creation time.
                dateline.Append(dateline.Length == 0 || Closing.Contains(word) ? "" : " ").Append(word);
                starts[i] = ends[i] = -1;
                continue;
            }

            var openQuote = word is "``" or "“" || (word == "\"" && !quoteOpen);
            var closeQuote = word is "''" or "”" || (word == "\"" && quoteOpen);
            quoteOpen = openQuote || (quoteOpen && !closeQuote);
            if (sb.Length > 0)
            {
                if (sentence != prevSentence && prevSentence == 0)
                {
                    sb.Append("\n\n");
                }
                else if (!glue && !closeQuote && !Closing.Contains(word) && !Clitics.Contains(word))
                {
                    sb.Append(' ');
                }
            }

            starts[i] = sb.Length;
            sb.Append(openQuote || closeQuote ? "\"" : word);
            ends[i] = sb.Length;
            glue = openQuote || Opening.Contains(word);
            prevSentence = sentence;
        }

        DateOnly? dct = null;
        var timexes = new List<TimeMlTimex>();
        var text = sb.ToString();
        foreach (var tx in root.Element("Markables")?.Elements("TIMEX3") ?? [])
        {
            var value = (string?)tx.Attribute("value") ?? "";
            if ((string?)tx.Attribute("functionInDocument") == "CREATION_TIME" && value.Length >= 10
                && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                dct = d;
            }

            var anchors = tx.Elements("token_anchor").Select(a => index.TryGetValue((string?)a.Attribute("t_id") ?? "", out var k) ? k : -1).Where(k => k >= 0).Order().ToList();
            if (anchors.Count == 0 || anchors.Any(k => sentences[k] == 1 || sentences[k] >= FullyAnnotatedSentences))
            {
                continue;
            }

            var type = Enum.TryParse<TimexType>((string?)tx.Attribute("type") ?? "DATE", ignoreCase: true, out var ty) ? ty : TimexType.Date;
            var start = starts[anchors[0]];
            var end = ends[anchors[^1]];
            timexes.Add(new TimeMlTimex(start, end, type, value, text[start..end]));
        }

        if (dct is null && DateOnly.TryParseExact(dateline.ToString(), ["MMMM d, yyyy", "MMMM dd, yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var stated))
        {
            dct = stated;
        }

        timexes.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new TimeMlDocument(path, text, dct, timexes);
    }
}
