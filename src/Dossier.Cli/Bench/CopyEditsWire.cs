using System.Globalization;
using System.Text;

namespace Dossier.Cli.Bench;

/// <summary>
/// The fourth held-out edit set (<c>--set edits=heldout4</c>): wire and reprint edits no earlier set makes, written
/// before any rule of issue 4's sixth round changed and run once on the detector of main before it. Nothing here is
/// used to set thresholds.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut4Near = ["near/rewrapped-editors-note", "near/cut-third-correction", "near/short-second-mention", "near/number-style", "near/related-links"];
    public static readonly string[] HeldOut4Version = ["version/quotes-near-top", "version/revised-figure-previously", "version/lead-paragraph-insert"];
    public static readonly string[] HeldOut4Rewrite = ["rewrite/reported-speech", "rewrite/reorder-reword"];

    private static readonly string[] EditorsNotes =
    [
        "Editor's note: This article was first published by a wire service and is republished here with permission.",
        "EDITOR'S NOTE: The following story is reprinted as it was sent by the agency.",
        "Editor's note: Republished from the wire; minor style changes were made.",
    ];

    private static readonly string[] Corrections =
    [
        "This story corrects the spelling of a name in the second paragraph.",
        "(An earlier version of this story gave the wrong day of the week.)",
        "Correction: an earlier version misstated a title in the third paragraph.",
    ];

    private static readonly string[] Speakers =
    [
        "said Martin Keller, an analyst at Westbrook Securities", "said Helen Ashworth, a spokeswoman for the ministry",
        "Rafael Ortiz, a trader in the city, said", "said Yuki Mori, chief economist at Kanda Research",
        "said Olusegun Bello, who chairs the industry group", "a senior official, Greta Lind, said",
    ];

    /// <summary>A fourth desk's vocabulary: none of the tuned, the other desk's or the third desk's synonyms.</summary>
    private static readonly Dictionary<string, string> FourthDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "explained", ["says"] = "explains", ["company"] = "business", ["rose"] = "went up", ["fell"] = "went down",
        ["increase"] = "gain", ["shares"] = "share prices", ["profit"] = "surplus", ["buy"] = "obtain", ["expects"] = "predicts",
        ["expected"] = "predicted", ["announced"] = "made public", ["plans"] = "is planning", ["government"] = "cabinet",
        ["officials"] = "functionaries", ["reduce"] = "scale back", ["about"] = "close to", ["major"] = "principal",
        ["market"] = "exchange", ["prices"] = "price levels", ["talks"] = "consultations", ["began"] = "got under way",
        ["help"] = "back", ["also"] = "as well", ["told"] = "informed", ["quarter"] = "three-month period", ["sales"] = "sold volumes",
        ["bank"] = "banking group", ["offer"] = "approach", ["spokesman"] = "press officer", ["new"] = "fresh", ["first"] = "earliest",
        ["would"] = "was going to", ["agreement"] = "arrangement", ["mln"] = "m", ["pct"] = "percent", ["loss"] = "red ink",
        ["year"] = "annual period", ["week"] = "working week", ["month"] = "four-week period", ["last"] = "previous",
        ["because"] = "owing to the fact that", ["since"] = "ever since", ["under"] = "according to", ["total"] = "aggregate",
    };

    private static EditableStory? ApplyWire(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/rewrapped-editors-note":
                {
                    // Another outlet's reprint: its own dateline, an editor's note on top, every paragraph wrapped in lines.
                    ReplaceDateline(s, rng);
                    var width = 55 + rng.Next(20);
                    for (var i = 0; i < s.Paragraphs.Count; i++)
                    {
                        s.Paragraphs[i] = [Wrap(string.Join(' ', s.Paragraphs[i]), width)];
                    }

                    s.Paragraphs.Insert(0, [EditorsNotes[rng.Next(EditorsNotes.Length)]]);
                    return s;
                }

            case "near/cut-third-correction":
                {
                    // The last third cut to fit a page, and a correction line at the bottom.
                    TrimTail(s, words * (0.25 + rng.NextDouble() * 0.1), keep: 1);
                    if (s.Words > words * 0.8 && s.Paragraphs[^1].Count > 1)
                    {
                        s.Paragraphs[^1].RemoveAt(s.Paragraphs[^1].Count - 1);
                    }

                    s.Paragraphs.Add([Corrections[rng.Next(Corrections.Length)]]);
                    return s;
                }

            case "near/short-second-mention":
                return ShortSecondMention(s);
            case "near/number-style":
                return s.MapSentences(NumberStyle);
            case "near/related-links":
                {
                    // A web reprint's "related" links below the story: other stories' headlines, no reporting.
                    var heads = other.Paragraphs.SelectMany(p => p).Where(x => x.Split(' ').Length >= 6).Take(2 + rng.Next(2))
                        .Select(x => "- " + string.Join(' ', x.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5 + rng.Next(4)).Select(w => w.Trim(',', '.', ';', ':', '"'))))
                        .ToList();
                    s.Paragraphs.Add([rng.Next(2) == 0 ? "RELATED COVERAGE" : "Read more:"]);
                    s.Paragraphs.AddRange(heads.Select(h => new List<string> { h }));
                    return s;
                }

            case "version/quotes-near-top":
                {
                    // Two short paragraphs of new quotes just below the lead; nothing trimmed.
                    var quotes = other.Paragraphs.SelectMany(p => p).Where(x => x.Split(' ').Length is >= 8 and <= 30 && !x.Contains('"', StringComparison.Ordinal)).ToList();
                    var start = quotes.Count == 0 ? 0 : rng.Next(Math.Max(1, quotes.Count / 2));
                    var picked = quotes.Skip(start).Take(2).ToList();
                    if (picked.Count < 2)
                    {
                        picked = Take(other, rng, 20).Take(2).ToList();
                    }

                    var at = Math.Min(1, s.Paragraphs.Count);
                    foreach (var q in picked.AsEnumerable().Reverse())
                    {
                        s.Paragraphs.Insert(at, ["\"" + q.TrimEnd('.') + ",\" " + Speakers[rng.Next(Speakers.Length)] + "."]);
                    }

                    return s;
                }

            case "version/revised-figure-previously":
                {
                    // The lead's figure revised, and a sentence giving the figure reported before.
                    var (p, i) = s.Paragraphs.SelectMany(x => Enumerable.Range(0, x.Count).Select(k => (x, k))).FirstOrDefault(x => FirstFigure(x.x[x.k]) is not null);
                    if (p is null)
                    {
                        return s;
                    }

                    var (start, end) = FirstFigure(p[i])!.Value;
                    var old = p[i][start..end];
                    var revised = Revise(old, rng);
                    var unit = p[i][end..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd(',', '.', ';') ?? "";
                    var said = unit is "pct" or "mln" or "billion" or "bln" or "dlrs" or "cts" or "tonnes" or "pct," ? old + " " + unit : old;
                    p[i] = string.Concat(p[i].AsSpan(0, start), revised, p[i].AsSpan(end));
                    var note = rng.Next(3) switch
                    {
                        0 => "The figure had previously been given as " + said + ".",
                        1 => "Earlier reports had put it at " + said + ", before the revision was announced on Friday.",
                        _ => "That compares with " + said + " in a preliminary estimate issued previously.",
                    };
                    p.Insert(i + 1, note);
                    return s;
                }

            case "version/lead-paragraph-insert":
                {
                    // One or two new sentences inside the lead paragraph, after its first sentence; the last paragraph dropped.
                    var update = Take(other, rng, (int)(words * (0.1 + rng.NextDouble() * 0.15))).Take(2).ToList();
                    s.Paragraphs[0].InsertRange(1, update);
                    if (s.Paragraphs.Count > 3)
                    {
                        s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
                    }

                    return s;
                }

            case "rewrite/reported-speech":
                return s.MapSentences(x => FourthDeskWords(ReportedSpeech(x), rng, 0.6));
            case "rewrite/reorder-reword":
                {
                    // Paragraphs below the lead in another order, every sentence in a fourth desk's words.
                    s.MapSentences(x => FourthDeskWords(x, rng, 0.7));
                    var rest = s.Paragraphs.Skip(1).OrderBy(_ => rng.Next()).ToList();
                    s.Paragraphs.RemoveRange(1, s.Paragraphs.Count - 1);
                    s.Paragraphs.AddRange(rest);
                    return s;
                }

            default:
                return null;
        }
    }

    private static void ReplaceDateline(EditableStory s, Random rng)
    {
        if (s.Paragraphs.Count == 0 || s.Paragraphs[0].Count == 0)
        {
            return;
        }

        var lead = s.Paragraphs[0][0];
        var dash = lead.IndexOf(" - ", StringComparison.Ordinal);
        var body = dash is > 0 and < 40 ? lead[(dash + 3)..] : lead;
        var dateline = Cities[rng.Next(Cities.Length)] + " (" + Agencies[rng.Next(Agencies.Length)] + ") -- ";
        s.Paragraphs[0][0] = dateline + body;
    }

    /// <summary>Text broken into lines of at most <paramref name="width"/> characters.</summary>
    private static string Wrap(string text, int width)
    {
        var sb = new StringBuilder();
        var line = 0;
        foreach (var w in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line > 0 && line + 1 + w.Length > width)
            {
                sb.Append('\n');
                line = 0;
            }
            else if (line > 0)
            {
                sb.Append(' ');
                line++;
            }

            sb.Append(w);
            line += w.Length;
        }

        return sb.ToString();
    }

    private static readonly HashSet<string> CompanyEndings = new(StringComparer.Ordinal) { "Corp", "Inc", "Co", "Ltd", "Plc", "PLC", "Group", "Corporation", "Company", "Bank", "AG", "SA", "NV" };

    /// <summary>A name of two or three capitalised words written again later keeps one word: "John Smith" then "Smith", "Acme Oil Corp" then "Acme".</summary>
    private static EditableStory ShortSecondMention(EditableStory s)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return s.MapSentences(sentence =>
        {
            var words = sentence.Split(' ').ToList();
            for (var i = 1; i < words.Count; i++)
            {
                var n = 0;
                while (i + n < words.Count && n < 3 && IsCapital(words[i + n]) && (n == 0 || !EndsClause(words[i + n - 1])))
                {
                    n++;
                }

                if (n < 2)
                {
                    continue;
                }

                var name = string.Join(' ', words.Skip(i).Take(n).Select(w => w.TrimEnd(',', '.', ';', ':', ')', '"', '\'')));
                var tail = words[i + n - 1][words[i + n - 1].TrimEnd(',', '.', ';', ':', ')', '"', '\'').Length..];
                if (!seen.Add(name))
                {
                    var parts = name.Split(' ');
                    var keep = CompanyEndings.Contains(parts[^1]) ? parts[0] : parts[^1];
                    words.RemoveRange(i, n);
                    words.Insert(i, keep + tail);
                }
                else
                {
                    i += n - 1;
                }
            }

            return string.Join(' ', words);
        });

        static bool IsCapital(string w) => w.Length >= 2 && char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower) && !w.EndsWith("'s", StringComparison.Ordinal);
        static bool EndsClause(string w) => w.EndsWith(',') || w.EndsWith('.') || w.EndsWith(';') || w.EndsWith(':');
    }

    /// <summary>Another house's number style: "1.5 mln" written 1,500,000, "2.3 billion" 2,300 million, "pct" per cent, "cts" cents.</summary>
    private static string NumberStyle(string sentence)
    {
        var words = sentence.Split(' ').ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var core = words[i].TrimEnd('.', ',', ';', ':', ')');
            var tail = words[i][core.Length..];
            if (core is "pct")
            {
                words[i] = "per cent" + tail;
            }
            else if (core is "cts")
            {
                words[i] = "cents" + tail;
            }
            else if (core is "mln" or "billion" or "bln" && i > 0 && decimal.TryParse(words[i - 1].Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && words[i - 1].All(c => char.IsDigit(c) || c is '.' or ','))
            {
                if (core is "mln")
                {
                    words[i - 1] = (v * 1_000_000m).ToString("N0", CultureInfo.InvariantCulture) + tail;
                    words.RemoveAt(i);
                    i--;
                }
                else
                {
                    words[i - 1] = (v * 1000m).ToString("N0", CultureInfo.InvariantCulture);
                    words[i] = "million" + tail;
                }
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Where the first figure of a sentence is (a number with a digit of two or more characters, not a year).</summary>
    private static (int Start, int End)? FirstFigure(string sentence)
    {
        // Past a dateline ("NEW YORK, March 3 - "): its day is no figure of the story.
        var dash = sentence.IndexOf(" - ", StringComparison.Ordinal);
        var k = dash is > 0 and < 40 ? dash + 3 : 0;
        while (k < sentence.Length)
        {
            if (char.IsDigit(sentence[k]) && (k == 0 || sentence[k - 1] == ' '))
            {
                var e = k;
                while (e < sentence.Length && (char.IsDigit(sentence[e]) || ((sentence[e] is '.' or ',') && e + 1 < sentence.Length && char.IsDigit(sentence[e + 1]))))
                {
                    e++;
                }

                var text = sentence[k..e];
                var isYear = text.Length == 4 && text.All(char.IsDigit) && text[0] is '1' or '2';
                if (!isYear && (e == sentence.Length || sentence[e] is ' ' or ',' or '.' or ';') && (k == 0 || sentence[k - 1] == ' ') && text.Any(char.IsDigit) && !(e < sentence.Length && e + 1 < sentence.Length && sentence[e] == '.' && char.IsDigit(sentence[e + 1])))
                {
                    return (k, e);
                }

                k = e;
            }

            k++;
        }

        return null;
    }

    /// <summary>A figure revised by 10-40% up or down, written with the same decimals and separators.</summary>
    private static string Revise(string figure, Random rng)
    {
        var plain = figure.Replace(",", "", StringComparison.Ordinal);
        var v = decimal.Parse(plain, NumberStyles.Number, CultureInfo.InvariantCulture);
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        var places = dot < 0 ? 0 : plain.Length - dot - 1;
        var factor = (decimal)(rng.Next(2) == 0 ? 1.1 + rng.NextDouble() * 0.3 : 0.6 + rng.NextDouble() * 0.3);
        var r = Math.Round(v * factor, places, MidpointRounding.AwayFromZero);
        if (r == v)
        {
            r = v + (places == 0 ? 1 : 1m / (decimal)Math.Pow(10, places));
        }

        return r.ToString((figure.Contains(',', StringComparison.Ordinal) ? "N" : "F") + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Direct speech as reported speech: "\"X,\" he said." becomes "He said that x." and "He said: \"X.\"" becomes "He said x."</summary>
    private static string ReportedSpeech(string sentence)
    {
        var open = sentence.IndexOf('"', StringComparison.Ordinal);
        var close = open < 0 ? -1 : sentence.IndexOf('"', open + 1);
        if (open < 0 || close < open + 4)
        {
            return sentence;
        }

        var quote = sentence[(open + 1)..close].Trim().TrimEnd(',', '.');
        var before = sentence[..open].Trim().TrimEnd(':', ',').Trim();
        var after = sentence[(close + 1)..].Trim().TrimStart(',').Trim().TrimEnd('.');
        var inner = LowerLead(quote);
        if (before.Length == 0 && after.Length > 0)
        {
            // "X," he said.
            return char.ToUpperInvariant(after[0]) + after[1..] + " that " + inner + ".";
        }

        if (before.Length > 0 && after.Length == 0)
        {
            // He said: "X."
            return before + " that " + inner + ".";
        }

        return before.Length > 0 ? before + " " + inner + (after.Length > 0 ? ", " + after : "") + "." : sentence;
    }

    private static string FourthDeskWords(string sentence, Random rng, double rate) => DeskWords(sentence, FourthDesk, rng, rate, lastClause: false);

    /// <summary>A sentence in a desk's words (a share <paramref name="rate"/> of the words it has one for), then a clause moved at its first (or last) comma.</summary>
    private static string DeskWords(string sentence, Dictionary<string, string> desk, Random rng, double rate, bool lastClause)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        foreach (var w0 in words)
        {
            var core = w0.TrimEnd('.', ',', ';', ':');
            var tail = w0[core.Length..];
            sb.Append(desk.TryGetValue(core.ToLowerInvariant(), out var syn) && rng.NextDouble() < rate ? Recased(core, syn) : core).Append(tail).Append(' ');
        }

        var text = sb.ToString().TrimEnd();
        return MoveClause(text, lastClause ? text.LastIndexOf(", ", StringComparison.Ordinal) : text.IndexOf(", ", StringComparison.Ordinal), rng);
    }
}
