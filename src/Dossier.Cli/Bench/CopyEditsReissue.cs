using System.Globalization;
using System.Text.RegularExpressions;

namespace Dossier.Cli.Bench;

/// <summary>
/// The eighth held-out edit set (<c>--set edits=heldout8</c>): reprint, re-issue and update edits no earlier set makes,
/// written before any rule of issue 4's tenth round changed and run once on the detector of main before it. Nothing
/// here is used to set thresholds.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut8Near = ["near/regional-lead", "near/corrects-figure-reissue", "near/reprint-dateline-trim", "near/digest-first-paragraphs"];
    public static readonly string[] HeldOut8Version = ["version/toll-lead-quote-end", "version/new-first-sentence", "version/market-reaction-paragraph", "version/timeline-end"];
    public static readonly string[] HeldOut8Rewrite = ["rewrite/abridged-eighth-desk"];

    private static readonly string[] RegionalAngles =
    [
        "In news closely watched by businesses in {0}, ", "Of interest to investors across {0}, ", "For suppliers around {0}, ",
        "In a development felt as far away as {0}, ",
    ];

    private static readonly string[] Regions = ["the Midwest", "New England", "the Pacific Northwest", "northern Ohio", "the Gulf Coast", "upstate New York"];

    private static readonly string[] FigureCorrections =
    [
        "(Corrects figure in paragraph {0} to {1} from {2})", "CORRECTS-(Fixes figure in paragraph {0} to read {1}, not {2})",
        "(Corrects {2} to {1} in paragraph {0})",
    ];

    private static readonly string[] ReprintCredits =
    [
        "This article was first published by Reuters and is reprinted with permission.", "Distributed by Reuters. Edited for length.",
        "(c) Reuters. Republished by arrangement.",
    ];

    private static readonly string[] DigestEnds = ["(Full story, page B4)", "Full story: page 12", "(Story continues in the business section)"];

    private static readonly string[] UpdateSpeakers = ["Helen Ward, a regional official", "Carlos Mendes, an industry analyst", "Ruth Adler, a spokeswoman for the group", "Omar Sayed, who heads a local trade body"];

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    private static readonly string[] MarketReactions =
    [
        "Shares of {0} rose {1} pct to {2} dlrs in afternoon trading on {3}.", "{0} shares fell {1} pct to {2} dlrs by midday on {3}.",
        "The news sent {0} stock up {1} pct to {2} dlrs in early trading on {3}.",
    ];

    private static readonly string[] TimelineHeadings = ["Timeline:", "KEY DATES", "How it unfolded:"];

    /// <summary>An eighth desk's vocabulary: none of the earlier desks' replacements.</summary>
    private static readonly Dictionary<string, string> EighthDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "remarked", ["company"] = "concern", ["rose"] = "advanced", ["fell"] = "retreated", ["increase"] = "rise",
        ["shares"] = "equity", ["profit"] = "gain", ["buy"] = "snap up", ["expects"] = "foresees", ["expected"] = "foreseen",
        ["announced"] = "made public", ["plans"] = "aims", ["government"] = "authorities", ["officials"] = "functionaries",
        ["reduce"] = "pare", ["about"] = "some", ["major"] = "leading", ["market"] = "trading arena", ["prices"] = "price levels",
        ["talks"] = "discussions", ["began"] = "got under way", ["help"] = "aid", ["also"] = "as well", ["told"] = "advised",
        ["quarter"] = "quarterly period", ["sales"] = "turnover", ["bank"] = "banking group", ["offer"] = "proposal",
        ["spokesman"] = "press officer", ["new"] = "novel", ["first"] = "initial", ["would"] = "was set to", ["agreement"] = "pact",
        ["loss"] = "shortfall", ["year"] = "annum", ["week"] = "working week", ["last"] = "previous", ["because"] = "as",
        ["total"] = "aggregate", ["will"] = "is to", ["including"] = "among them", ["made"] = "booked", ["issued"] = "put out",
        ["added"] = "went on to say", ["high"] = "elevated",
    };

    private static EditableStory? ApplyReissue(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/regional-lead":
                {
                    // A regional paper localises the lead: a local angle in front of the lead sentence, the facts as they were.
                    var angle = string.Format(CultureInfo.InvariantCulture, RegionalAngles[rng.Next(RegionalAngles.Length)], Regions[rng.Next(Regions.Length)]);
                    s.Paragraphs[0][0] = angle + LowerLead(s.Paragraphs[0][0]);
                    return s;
                }

            case "near/corrects-figure-reissue":
                {
                    // A "corrects" re-issue: one figure fixed (its last digit) and a note on top giving the paragraph, the
                    // right figure and the wrong one; nothing else changes.
                    for (var p = 0; p < s.Paragraphs.Count; p++)
                    {
                        for (var i = 0; i < s.Paragraphs[p].Count; i++)
                        {
                            var m = Regex.Match(s.Paragraphs[p][i], @"\b\d[\d,]*(\.\d+)?\b");
                            if (m.Success)
                            {
                                var old = m.Value;
                                var fixedFigure = old[..^1] + ((old[^1] - '0' + 1 + rng.Next(8)) % 10).ToString(CultureInfo.InvariantCulture);
                                s.Paragraphs[p][i] = s.Paragraphs[p][i][..m.Index] + fixedFigure + s.Paragraphs[p][i][(m.Index + m.Length)..];
                                s.Paragraphs.Insert(0, [string.Format(CultureInfo.InvariantCulture, FigureCorrections[rng.Next(FigureCorrections.Length)], p + 1, fixedFigure, old)]);
                                return s;
                            }
                        }
                    }

                    EditWord(s, rng);
                    return s;
                }

            case "near/reprint-dateline-trim":
                {
                    // Another paper's reprint: the dateline in its own style, one paragraph trimmed from the middle for
                    // space, and a reprint credit at the bottom.
                    var lead = s.Paragraphs[0][0];
                    var dash = lead.IndexOf(" - ", StringComparison.Ordinal);
                    s.Paragraphs[0][0] = dash is > 0 and < 40
                        ? ToTitle(lead[..dash].Split(',')[0].ToUpperInvariant()) + " (Reuters) -- " + lead[(dash + 3)..]
                        : ToTitle(Cities[rng.Next(Cities.Length)]) + " (Reuters) -- " + lead;
                    if (s.Paragraphs.Count >= 4)
                    {
                        s.Paragraphs.RemoveAt(1 + rng.Next(s.Paragraphs.Count - 2));
                    }

                    s.Paragraphs.Add([ReprintCredits[rng.Next(ReprintCredits.Length)]]);
                    return s;
                }

            case "near/digest-first-paragraphs":
                {
                    // A digest item: the story's first paragraphs (half its words or a little more), and a pointer to the
                    // full story.
                    var kept = 0;
                    var n = 0;
                    while (n < s.Paragraphs.Count && (n < 2 || kept < words / 2))
                    {
                        kept += WordsOf(s.Paragraphs[n]);
                        n++;
                    }

                    s.Paragraphs.RemoveRange(n, s.Paragraphs.Count - n);
                    s.Paragraphs.Add([DigestEnds[rng.Next(DigestEnds.Length)]]);
                    return s;
                }

            case "version/toll-lead-quote-end":
                {
                    // An update: the lead's figure raised (a rising toll or count) and a new speaker's quotation (another
                    // story's sentence) at the end.
                    var lead = s.Paragraphs[0][0];
                    // A count: a whole number that is no date (after a month) and no year.
                    var m = Regex.Match(lead, @"(?<!(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.? )\b(?!19\d\d\b)\d{1,5}\b(?![./,]\d)");
                    if (m.Success)
                    {
                        var raised = (long.Parse(m.Value, CultureInfo.InvariantCulture) + 2 + rng.Next(40)).ToString(CultureInfo.InvariantCulture);
                        s.Paragraphs[0][0] = lead[..m.Index] + raised + lead[(m.Index + m.Length)..];
                    }

                    var quote = Take(other, rng, (int)(words * (0.08 + rng.NextDouble() * 0.08))).Take(2).ToList();
                    quote[0] = "\"" + quote[0].TrimEnd('.', ' ') + ",\" said " + UpdateSpeakers[rng.Next(UpdateSpeakers.Length)] + ".";
                    s.Paragraphs.Add(quote);
                    return s;
                }

            case "version/new-first-sentence":
                {
                    // An overnight update: a new first sentence (another story's) written into the lead paragraph above the
                    // old lead, which stays as its second sentence, and one paragraph trimmed from the middle for room.
                    var fresh = Take(other, rng, (int)(words * (0.08 + rng.NextDouble() * 0.1))).Take(2).ToList();
                    s.Paragraphs[0].InsertRange(0, fresh);
                    if (s.Paragraphs.Count >= 5)
                    {
                        s.Paragraphs.RemoveAt(2 + rng.Next(s.Paragraphs.Count - 3));
                    }

                    return s;
                }

            case "version/market-reaction-paragraph":
                {
                    // The market's reaction as a new third paragraph: a share move with figures of its own, and one more
                    // sentence of news (another story's).
                    var name = CompanyName(s) ?? "the company";
                    var move = string.Format(
                        CultureInfo.InvariantCulture,
                        MarketReactions[rng.Next(MarketReactions.Length)],
                        name,
                        (1 + rng.Next(9)).ToString(CultureInfo.InvariantCulture) + "." + rng.Next(10).ToString(CultureInfo.InvariantCulture),
                        (5 + rng.Next(90)).ToString(CultureInfo.InvariantCulture) + " " + (1 + rng.Next(7)).ToString(CultureInfo.InvariantCulture) + "/8",
                        Weekdays[rng.Next(Weekdays.Length)]);
                    var fresh = Take(other, rng, (int)(words * 0.08)).Take(1).Prepend(char.ToUpperInvariant(move[0]) + move[1..]).ToList();
                    s.Paragraphs.Insert(Math.Min(2, s.Paragraphs.Count), fresh);
                    return s;
                }

            case "version/timeline-end":
                {
                    // A chronology below the story: a heading and three or four dated lines (another story's sentences);
                    // nothing of the story dropped.
                    var fresh = Take(other, rng, (int)(words * (0.2 + rng.NextDouble() * 0.15))).Take(4).ToList();
                    var month = rng.Next(12);
                    var day = 1 + rng.Next(10);
                    s.Paragraphs.Add([TimelineHeadings[rng.Next(TimelineHeadings.Length)]]);
                    foreach (var f in fresh)
                    {
                        s.Paragraphs.Add([Months[month] + " " + day.ToString(CultureInfo.InvariantCulture) + " - " + f]);
                        day += 1 + rng.Next(6);
                    }

                    return s;
                }

            case "rewrite/abridged-eighth-desk":
                {
                    // An abridged retelling: every third sentence below the lead dropped, the rest in an eighth desk's words.
                    var n = 0;
                    foreach (var p in s.Paragraphs)
                    {
                        for (var i = 0; i < p.Count; i++, n++)
                        {
                            if (n > 0 && n % 3 == 2 && p.Count > 1)
                            {
                                p.RemoveAt(i);
                                i--;
                                continue;
                            }

                            p[i] = DeskWords(p[i], EighthDesk, rng, 0.8, lastClause: rng.Next(2) == 0);
                        }
                    }

                    return s;
                }

            default:
                return null;
        }
    }

    /// <summary>The first company's name in the story (capitalised words ending in "Inc", "Corp", "Co", "Ltd", "Plc", "Group", "AG").</summary>
    private static string? CompanyName(EditableStory s)
    {
        foreach (var sentence in s.Paragraphs.SelectMany(p => p))
        {
            var m = Regex.Match(sentence, @"\b(?:[A-Z][A-Za-z&'-]+ ){1,3}(?:Inc|Corp|Co|Ltd|Plc|PLC|Group|AG)\b");
            if (m.Success)
            {
                return m.Value;
            }
        }

        return null;
    }
}
