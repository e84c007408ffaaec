using System.Text.RegularExpressions;

namespace Dossier.Cli.Bench;

/// <summary>
/// The fifth held-out edit set (<c>--set edits=heldout5</c>): desk and reprint edits no earlier set makes, written
/// before any rule of issue 4's seventh round changed and run once on the detector of main before it. Nothing here is
/// used to set thresholds.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut5Near = ["near/local-insert-contact", "near/split-at-and", "near/subscription-caption", "near/ad-breaks"];
    public static readonly string[] HeldOut5Version = ["version/restated-lead-new-figure", "version/facts-box-end", "version/tense-time-refs", "version/writethru-new-top"];
    public static readonly string[] HeldOut5Rewrite = ["rewrite/quotes-kept-retold", "rewrite/reversed-sentences"];

    private static readonly string[] Towns = ["Millbrook", "Port Ellis", "Cedar Falls", "Ashford", "Lakeview", "Northgate"];

    private static readonly string[] LocalParagraphs =
    [
        "Dealers in {0} said they had not yet seen any effect on local trade.",
        "The {0} Chamber of Commerce said it would follow the matter closely.",
        "Several firms based in {0} are among the suppliers concerned, a council spokeswoman said.",
        "Traders in {0} said the news was widely discussed on Monday morning.",
    ];

    private static readonly string[] Contacts =
    [
        "Contact the newsroom: news@{0}herald.example, tel 555-0142.",
        "To reach the business desk: business@{0}times.example",
        "Contact: {0} Courier business desk, 555-0188",
    ];

    private static readonly string[] SubscriptionNotices =
    [
        "Subscribe to our daily business newsletter for more stories like this.",
        "This article is available to subscribers only. Subscribe now for unlimited access.",
        "Sign up for our morning markets briefing, delivered free every weekday.",
    ];

    private static readonly string[] Captions =
    [
        "PHOTO: A file picture of a trading floor. (Staff photo)",
        "Photo caption: The company's headquarters, pictured last year.",
        "(Pictured above: workers at a plant, in a file photograph.)",
    ];

    private static readonly string[] BoxHeadings = ["FACTBOX - KEY FACTS", "KEY FACTS:", "AT A GLANCE"];

    private static readonly string[] WritethruOpeners = ["Earlier,", "Previously,", "In an earlier statement,"];

    /// <summary>A fifth desk's vocabulary: none of the tuned, second, third or fourth desk's synonyms.</summary>
    private static readonly Dictionary<string, string> FifthDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "noted", ["says"] = "notes", ["company"] = "enterprise", ["rose"] = "climbed", ["fell"] = "dropped",
        ["increase"] = "uptick", ["shares"] = "equity", ["profit"] = "net income", ["buy"] = "secure", ["expects"] = "projects",
        ["expected"] = "projected", ["announced"] = "unveiled", ["plans"] = "aims", ["government"] = "authorities",
        ["officials"] = "executives", ["reduce"] = "trim", ["about"] = "some", ["major"] = "leading", ["market"] = "sector",
        ["prices"] = "tariffs", ["talks"] = "discussions", ["began"] = "opened", ["help"] = "support", ["also"] = "further",
        ["told"] = "advised", ["quarter"] = "fiscal quarter", ["sales"] = "receipts", ["bank"] = "financial institution",
        ["offer"] = "proposal", ["spokesman"] = "official", ["new"] = "latest", ["first"] = "initial", ["would"] = "should",
        ["agreement"] = "pact", ["mln"] = "millions of", ["pct"] = "percentage points", ["loss"] = "shortfall", ["year"] = "twelve months",
        ["week"] = "seven days", ["last"] = "most recent", ["because"] = "as", ["total"] = "combined", ["will"] = "shall",
        ["including"] = "among them", ["between"] = "among", ["made"] = "posted", ["issued"] = "released", ["added"] = "continued",
    };

    private static readonly Regex WeekdayReference = new(@"\b(on|last|this) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\btoday\b|\btomorrow\b", RegexOptions.CultureInvariant);

    private static EditableStory? ApplyReprint(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/local-insert-contact":
                {
                    // A local paper's reprint: one local sentence after the first paragraph, a contact line at the bottom.
                    var town = Towns[rng.Next(Towns.Length)];
                    s.Paragraphs.Insert(Math.Min(1, s.Paragraphs.Count), [string.Format(System.Globalization.CultureInfo.InvariantCulture, LocalParagraphs[rng.Next(LocalParagraphs.Length)], town)]);
                    s.Paragraphs.Add([string.Format(System.Globalization.CultureInfo.InvariantCulture, Contacts[rng.Next(Contacts.Length)], town.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())]);
                    return s;
                }

            case "near/split-at-and":
                // Every sentence split at its first " and " (the "and" dropped): the same words in shorter sentences.
                foreach (var p in s.Paragraphs)
                {
                    var split = p.SelectMany(SplitAtAnd).ToList();
                    p.Clear();
                    p.AddRange(split);
                }

                return s;
            case "near/subscription-caption":
                {
                    // A web reprint: a subscription notice after the second paragraph and a photo caption further down.
                    s.Paragraphs.Insert(Math.Min(2, s.Paragraphs.Count), [SubscriptionNotices[rng.Next(SubscriptionNotices.Length)]]);
                    var at = 1 + ((s.Paragraphs.Count - 1) * 2 / 3);
                    s.Paragraphs.Insert(Math.Min(at, s.Paragraphs.Count), [Captions[rng.Next(Captions.Length)]]);
                    return s;
                }

            case "near/ad-breaks":
                {
                    // A web page's layout: every sentence its own paragraph, an "Advertisement" line after every third.
                    var all = s.Paragraphs.SelectMany(p => p).ToList();
                    s.Paragraphs.Clear();
                    for (var i = 0; i < all.Count; i++)
                    {
                        s.Paragraphs.Add([all[i]]);
                        if (i % 3 == 2 && i + 1 < all.Count)
                        {
                            s.Paragraphs.Add(["Advertisement"]);
                        }
                    }

                    return s;
                }

            case "version/restated-lead-new-figure":
                {
                    // A new lead restating the old one with a revised figure; the old lead pushed down as paragraph 3.
                    // A lead without a figure: the story's first sentence with one is restated on top.
                    var lead = s.Paragraphs.SelectMany(p => p).FirstOrDefault(x => FirstFigure(x) is not null) ?? s.Paragraphs[0][0];
                    var newLead = FirstFigure(lead) is { } f ? string.Concat(lead.AsSpan(0, f.Start), Revise(lead[f.Start..f.End], rng), lead.AsSpan(f.End)) : null;
                    var oldLead = s.Paragraphs[0];
                    s.Paragraphs.RemoveAt(0);
                    s.Paragraphs.Insert(Math.Min(1, s.Paragraphs.Count), oldLead);
                    s.Paragraphs.Insert(0, newLead is null ? Take(other, rng, Math.Max(15, words / 8)).Take(1).ToList() : [newLead]);
                    return s;
                }

            case "version/facts-box-end":
                {
                    // The last two paragraphs (one, in a story of three or four) replaced by a box of 3-5 bullet-point
                    // facts (another story's sentences).
                    var removeFrom = s.Paragraphs.Count - (s.Paragraphs.Count >= 5 ? 2 : 1);
                    s.Paragraphs.RemoveRange(removeFrom, s.Paragraphs.Count - removeFrom);
                    var all = other.Paragraphs.SelectMany(p => p).ToList();
                    var facts = all.Skip(rng.Next(Math.Max(1, all.Count / 2))).Take(3 + rng.Next(3)).ToList();
                    s.Paragraphs.Add([BoxHeadings[rng.Next(BoxHeadings.Length)]]);
                    s.Paragraphs.AddRange(facts.Select(x => new List<string> { "* " + x }));
                    return s;
                }

            case "version/tense-time-refs":
                {
                    // A next-day update: "on Tuesday"/"today" become "yesterday", "will" becomes "would", one new paragraph.
                    s.MapSentences(x => WeekdayReference.Replace(x, m => m.Value is "tomorrow" ? "today" : "yesterday").Replace(" will ", " would ", StringComparison.Ordinal).Replace(" is ", " was ", StringComparison.Ordinal));
                    var update = Take(other, rng, (int)(words * (0.12 + rng.NextDouble() * 0.1))).Take(2).ToList();
                    s.Paragraphs.Insert(Math.Min(1 + rng.Next(2), s.Paragraphs.Count), update);
                    return s;
                }

            case "version/writethru-new-top":
                {
                    // A write-through: a new top paragraph, the old lead second and opened by "Earlier,", one paragraph moved up.
                    var top = Take(other, rng, (int)(words * (0.15 + rng.NextDouble() * 0.15))).Take(2).ToList();
                    var lead = s.Paragraphs[0][0];
                    var dash = lead.IndexOf(" - ", StringComparison.Ordinal);
                    var body = dash is > 0 and < 40 ? lead[(dash + 3)..] : lead;
                    s.Paragraphs[0][0] = WritethruOpeners[rng.Next(WritethruOpeners.Length)] + " " + LowerLead(body);
                    if (s.Paragraphs.Count >= 4)
                    {
                        var moved = s.Paragraphs[^1];
                        s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
                        s.Paragraphs.Insert(1, moved);
                    }

                    s.Paragraphs.Insert(0, top);
                    return s;
                }

            case "rewrite/quotes-kept-retold":
                // Quoted sentences kept word for word; every other sentence retold in a fifth desk's words.
                return s.MapSentences(x => x.Contains('"', StringComparison.Ordinal) ? x : FifthDeskWords(x, rng, 0.8));
            case "rewrite/reversed-sentences":
                // Within each paragraph the sentences in reverse order, each in a fifth desk's words.
                foreach (var p in s.Paragraphs)
                {
                    p.Reverse();
                }

                return s.MapSentences(x => FifthDeskWords(x, rng, 0.7));
            default:
                return null;
        }
    }

    /// <summary>A sentence split at its first " and " between two parts of four words or more; the "and" dropped.</summary>
    private static IEnumerable<string> SplitAtAnd(string sentence)
    {
        var k = sentence.IndexOf(" and ", StringComparison.Ordinal);
        if (k < 0)
        {
            return [sentence];
        }

        var first = sentence[..k].TrimEnd(',', ';');
        var rest = sentence[(k + 5)..];
        if (first.Split(' ').Length < 4 || rest.Split(' ').Length < 4)
        {
            return [sentence];
        }

        return [first + ".", char.ToUpperInvariant(rest[0]) + rest[1..]];
    }

    private static string FifthDeskWords(string sentence, Random rng, double rate) => DeskWords(sentence, FifthDesk, rng, rate, lastClause: true);
}
