using System.Globalization;

namespace Dossier.Cli.Bench;

/// <summary>
/// The sixth held-out edit set (<c>--set edits=heldout6</c>): syndication and update edits no earlier set makes, written
/// before any rule of issue 4's eighth round changed and run once on the detector of main before it. Nothing here is
/// used to set thresholds.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut6Near = ["near/spelled-numbers", "near/teaser-cut", "near/titles-dropped", "near/byline-regrouped"];
    public static readonly string[] HeldOut6Version = ["version/update2-second-replaced", "version/old-lead-earlier-end", "version/reaction-quote-end", "version/lead-new-clause"];
    public static readonly string[] HeldOut6Rewrite = ["rewrite/spelled-reworded", "rewrite/clause-front"];

    private static readonly string[] SmallNumbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    private static readonly string[] TeaserLines = ["Continue reading the full story", "Read the full article on our website", "Full story continues (subscribers)"];

    private static readonly string[] Editors = ["Mark Heller", "Susan Tran", "Olu Adebayo", "Clara Jensen", "Victor Ramos", "Naomi Fischer"];

    private static readonly string[] ReactionSpeakers =
    [
        "Helen Marsh, an analyst at Crestline Securities", "Tomas Varga, a fund manager at Orbis Capital", "Ruth Okafor, chief economist at Meridian Bank",
        "Daniel Szabo, a spokesman for the Federation of Traders", "Priya Nair, a partner at Holloway and Finch", "George Lindqvist, head of research at Nordbank",
    ];

    private static readonly string[] NewClauses =
    [
        ", and on Thursday it put the cost of the plan at {0} mln dlrs",
        ", and it said on Friday that {0} jobs would go by the end of next year",
        ", and its chairman said on Wednesday that a further {0} mln dlrs would be set aside",
        ", a move officials said on Monday would cost about {0} mln dlrs over two years",
    ];

    private static readonly string[] SecondUpdateHeaders = ["UPDATE 2-", "UPDATE 2 - adds reaction, details", "UPDATE 2-(Adds details in paragraphs 2-3)"];

    /// <summary>A sixth desk's vocabulary: none of the earlier desks' replacements.</summary>
    private static readonly Dictionary<string, string> SixthDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "reported", ["says"] = "reports", ["company"] = "group", ["rose"] = "advanced", ["fell"] = "slid",
        ["increase"] = "gain", ["shares"] = "stock market value", ["profit"] = "surplus", ["buy"] = "take", ["expects"] = "sees",
        ["expected"] = "seen", ["announced"] = "made public", ["plans"] = "is preparing", ["government"] = "state",
        ["officials"] = "functionaries", ["reduce"] = "pare", ["about"] = "close to", ["major"] = "key", ["market"] = "trade",
        ["prices"] = "price levels", ["talks"] = "parleys", ["began"] = "got under way", ["help"] = "aid", ["also"] = "as well",
        ["told"] = "briefed", ["quarter"] = "three-month period", ["sales"] = "turnover", ["bank"] = "banking group",
        ["offer"] = "tender", ["spokesman"] = "press officer", ["new"] = "novel", ["first"] = "opening", ["would"] = "was set to",
        ["agreement"] = "understanding", ["loss"] = "net deficit", ["year"] = "annual period", ["week"] = "working week",
        ["last"] = "previous", ["because"] = "owing to the fact that", ["total"] = "aggregate", ["will"] = "is to",
        ["including"] = "such as", ["made"] = "booked", ["issued"] = "put out", ["added"] = "went on", ["high"] = "elevated",
    };

    private static EditableStory? ApplySyndicate(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/spelled-numbers":
                // Another house's style: numbers up to twenty spelled out, "pct" written "percent", "dlrs" "dollars".
                return s.MapSentences(SpelledNumbers);
            case "near/teaser-cut":
                {
                    // A web excerpt: the story cut in the middle of a sentence at 75-90% of its words, "..." and a
                    // "continue reading" line below.
                    var keep = (int)(words * (0.75 + rng.NextDouble() * 0.15));
                    var n = 0;
                    for (var p = 0; p < s.Paragraphs.Count; p++)
                    {
                        for (var i = 0; i < s.Paragraphs[p].Count; i++)
                        {
                            var w = s.Paragraphs[p][i].Split(' ');
                            if (n + w.Length > keep && p > 0)
                            {
                                var cut = Math.Max(3, Math.Min(w.Length - 1, keep - n));
                                s.Paragraphs[p][i] = string.Join(' ', w.Take(cut)).TrimEnd(',', '.', ';', ':') + " ...";
                                s.Paragraphs[p].RemoveRange(i + 1, s.Paragraphs[p].Count - i - 1);
                                s.Paragraphs.RemoveRange(p + 1, s.Paragraphs.Count - p - 1);
                                s.Paragraphs.Add([TeaserLines[rng.Next(TeaserLines.Length)]]);
                                return s;
                            }

                            n += w.Length;
                        }
                    }

                    return s;
                }

            case "near/titles-dropped":
                // A tighter reprint: the titles and descriptions set off by commas after a name are dropped
                // ("John Smith, chairman of X, said" becomes "John Smith said").
                return s.MapSentences(DropAppositives);
            case "near/byline-regrouped":
                {
                    // Another outlet's layout: its byline on top, the sentences grouped into paragraphs of three at other
                    // places, and a reporting credit line at the bottom.
                    var all = s.Paragraphs.SelectMany(p => p).ToList();
                    s.Paragraphs.Clear();
                    s.Paragraphs.Add(["By " + Reporters[rng.Next(Reporters.Length)] + " and " + Reporters[rng.Next(Reporters.Length)]]);
                    s.Paragraphs.AddRange(all.Chunk(3).Select(c => c.ToList()));
                    s.Paragraphs.Add(["(Reporting by " + Reporters[rng.Next(Reporters.Length)] + "; Editing by " + Editors[rng.Next(Editors.Length)] + ")"]);
                    return s;
                }

            case "version/update2-second-replaced":
                {
                    // A second update: an "UPDATE 2" line on top, the second paragraph replaced by two new ones.
                    var fresh = Take(other, rng, (int)(words * (0.15 + rng.NextDouble() * 0.1)));
                    if (fresh.Count < 2)
                    {
                        // One long sentence: the sentence after it makes the second new paragraph.
                        var all = other.Paragraphs.SelectMany(p => p).ToList();
                        var at = all.IndexOf(fresh[0]);
                        fresh.Add(at >= 0 && at + 1 < all.Count ? all[at + 1] : all[0]);
                    }

                    var half = fresh.Count / 2;
                    s.Paragraphs.RemoveAt(1);
                    s.Paragraphs.Insert(1, fresh.Skip(half).ToList());
                    s.Paragraphs.Insert(1, fresh.Take(half).ToList());
                    s.Paragraphs.Insert(0, [SecondUpdateHeaders[rng.Next(SecondUpdateHeaders.Length)]]);
                    return s;
                }

            case "version/old-lead-earlier-end":
                {
                    // A new top of one or two sentences; the old lead moved to the end and opened by "Earlier,".
                    var top = Take(other, rng, (int)(words * (0.12 + rng.NextDouble() * 0.12))).Take(2).ToList();
                    var oldLead = s.Paragraphs[0];
                    s.Paragraphs.RemoveAt(0);
                    var lead = oldLead[0];
                    var dash = lead.IndexOf(" - ", StringComparison.Ordinal);
                    oldLead[0] = "Earlier, " + LowerLead(dash is > 0 and < 40 ? lead[(dash + 3)..] : lead);
                    s.Paragraphs.Add(oldLead);
                    s.Paragraphs.Insert(0, top);
                    return s;
                }

            case "version/reaction-quote-end":
                {
                    // Reaction added at the bottom: a new speaker quoted on the story, and one more sentence of theirs.
                    var said = Take(other, rng, 12).Take(2).ToList();
                    var speaker = ReactionSpeakers[rng.Next(ReactionSpeakers.Length)];
                    var quote = '"' + said[0].TrimEnd('.', ' ') + ",\" said " + speaker + ".";
                    var paragraph = new List<string> { quote };
                    if (said.Count > 1)
                    {
                        paragraph.Add(speaker.Split(' ')[1].TrimEnd(',') + " added that " + LowerLead(said[1]));
                    }

                    s.Paragraphs.Add(paragraph);
                    return s;
                }

            case "version/lead-new-clause":
                {
                    // The lead sentence gains a clause with a new figure and a day, and the story's last paragraph is dropped.
                    var lead = s.Paragraphs[0][0].TrimEnd();
                    var end = lead.EndsWith('.') ? lead[..^1] : lead;
                    var figure = (10 + rng.Next(490)).ToString(CultureInfo.InvariantCulture);
                    s.Paragraphs[0][0] = end + string.Format(CultureInfo.InvariantCulture, NewClauses[rng.Next(NewClauses.Length)], figure) + ".";
                    if (s.Paragraphs.Count >= 4)
                    {
                        s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
                    }

                    return s;
                }

            case "rewrite/spelled-reworded":
                // Every sentence in a sixth desk's words, with small numbers spelled out and units written in full.
                return s.MapSentences(x => SpelledNumbers(DeskWords(x, SixthDesk, rng, 0.8, lastClause: false)));
            case "rewrite/clause-front":
                // The clause after a sentence's last comma brought to the front, the rest in a sixth desk's words.
                return s.MapSentences(x => ClauseFront(DeskWords(x, SixthDesk, rng, 0.7, lastClause: true)));
            default:
                return null;
        }
    }

    private static string SpelledNumbers(string sentence)
    {
        var words = sentence.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var core = words[i].TrimEnd('.', ',', ';', ':', ')');
            var tail = words[i][core.Length..];
            if (core.Length is > 0 and <= 2 && core.All(char.IsDigit) && int.Parse(core, CultureInfo.InvariantCulture) is var v && v <= 20)
            {
                words[i] = SmallNumbers[v] + tail;
            }
            else if (core is "pct" or "dlrs" or "mln")
            {
                words[i] = (core switch { "pct" => "percent", "dlrs" => "dollars", _ => "million" }) + tail;
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Drops ", description," after a name of two capitalised words when the description is 2-9 words starting lower-case.</summary>
    private static string DropAppositives(string sentence)
    {
        var parts = sentence.Split(", ");
        if (parts.Length < 3)
        {
            return sentence;
        }

        var kept = new List<string> { parts[0] };
        for (var i = 1; i < parts.Length; i++)
        {
            // A name of two capitalised words or more before the comma ("Winston Cox", "Barclays Bank"), not one opening word ("However").
            var before = kept[^1].Split(' ');
            var n = parts[i].Split(' ').Length;
            if (i < parts.Length - 1 && before.Length >= 2 && IsName(before[^1]) && IsName(before[^2]) && n is >= 2 and <= 9 && char.IsLower(parts[i][0]))
            {
                kept[^1] += " " + parts[i + 1];
                i++;
                continue;
            }

            kept.Add(parts[i]);
        }

        return string.Join(", ", kept);

        static bool IsName(string w) => w.Length > 1 && char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower);
    }

    /// <summary>"A did B, C said." becomes "C said that A did B." when the clause after the last comma is 2-10 words with a verb of saying.</summary>
    private static string ClauseFront(string sentence)
    {
        var k = sentence.LastIndexOf(", ", StringComparison.Ordinal);
        if (k < 0)
        {
            return sentence;
        }

        var clause = sentence[(k + 2)..].TrimEnd('.', ' ');
        var body = sentence[..k];
        if (clause.Split(' ').Length is < 2 or > 10 || body.Length < 10 || !clause.Split(' ').Any(w => w is "said" or "says" or "reported" or "reports" or "added" or "told" or "briefed"))
        {
            return sentence;
        }

        return char.ToUpperInvariant(clause[0]) + clause[1..] + " that " + LowerLead(body) + ".";
    }
}
