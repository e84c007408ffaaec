namespace Dossier.Cli.Bench;

/// <summary>
/// The seventh held-out edit set (<c>--set edits=heldout7</c>): desk and update edits no earlier set makes, written
/// before any rule of issue 4's ninth round changed and run once on the detector of main before it. Nothing here is
/// used to set thresholds.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut7Near = ["near/attribution-added", "near/last-clauses-trimmed", "near/correction-note-fix", "near/pull-quote"];
    public static readonly string[] HeldOut7Version = ["version/paragraph-end-sentences", "version/background-section", "version/latest-development"];
    public static readonly string[] HeldOut7Rewrite = ["rewrite/seventh-desk", "rewrite/semicolon-joined"];

    private static readonly string[] Attributions =
    [
        ", the company said in a statement", ", according to a statement", ", officials said", ", people familiar with the matter said",
        ", it said in a filing",
    ];

    private static readonly string[] CorrectionNotes =
    [
        "(CORRECTS spelling of name in paragraph {0})", "CORRECTED - fixes spelling of name in paragraph {0}", "(Corrects name in paragraph {0})",
    ];

    private static readonly string[] BackgroundHeadings = ["Background", "BACKGROUND:", "The background"];

    /// <summary>A seventh desk's vocabulary: none of the earlier desks' replacements.</summary>
    private static readonly Dictionary<string, string> SeventhDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "indicated", ["says"] = "indicates", ["company"] = "corporation", ["rose"] = "gained", ["fell"] = "eased",
        ["increase"] = "growth", ["shares"] = "securities", ["profit"] = "profits", ["buy"] = "obtain", ["expects"] = "predicts",
        ["expected"] = "predicted", ["announced"] = "reported", ["plans"] = "proposes", ["government"] = "cabinet",
        ["officials"] = "representatives", ["reduce"] = "scale back", ["about"] = "nearly", ["major"] = "principal", ["market"] = "exchange",
        ["prices"] = "quotes", ["talks"] = "consultations", ["began"] = "commenced", ["help"] = "back", ["also"] = "likewise",
        ["told"] = "notified", ["quarter"] = "three-month span", ["sales"] = "volume", ["bank"] = "institution",
        ["offer"] = "overture", ["spokesman"] = "spokesperson", ["new"] = "fresh", ["first"] = "earliest", ["would"] = "might",
        ["agreement"] = "arrangement", ["loss"] = "losses", ["year"] = "twelvemonth", ["week"] = "weekly period",
        ["last"] = "past", ["because"] = "since", ["total"] = "sum", ["will"] = "intends to",
        ["including"] = "comprising", ["made"] = "recorded", ["issued"] = "published", ["added"] = "further stated", ["high"] = "lofty",
    };

    private static EditableStory? ApplyLineage(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/attribution-added":
                {
                    // The lead sentence gains an attribution clause before its full stop: a source named, no fact added.
                    var lead = s.Paragraphs[0][0].TrimEnd();
                    var end = lead.EndsWith('.') ? lead[..^1] : lead;
                    s.Paragraphs[0][0] = end + Attributions[rng.Next(Attributions.Length)] + ".";
                    return s;
                }

            case "near/last-clauses-trimmed":
                // A tighter reprint: each paragraph's last sentence loses its trailing clause (after its last comma).
                foreach (var p in s.Paragraphs)
                {
                    p[^1] = TrimLastClause(p[^1]);
                }

                return s;
            case "near/correction-note-fix":
                {
                    // A correction line on top naming a paragraph, and that paragraph's first name respelled (the fix);
                    // a word edited when the story names no one below its lead.
                    for (var p = 1; p < s.Paragraphs.Count; p++)
                    {
                        for (var i = 0; i < s.Paragraphs[p].Count; i++)
                        {
                            var w = s.Paragraphs[p][i].Split(' ');
                            for (var k = 1; k < w.Length; k++)
                            {
                                var core = w[k].TrimEnd('.', ',', ';', ':', ')');
                                if (core.Length >= 5 && char.IsUpper(core[0]) && core.Skip(1).All(char.IsLower))
                                {
                                    var at = 2 + rng.Next(core.Length - 3);
                                    w[k] = core[..at] + core[at] + core[at..] + w[k][core.Length..];
                                    s.Paragraphs[p][i] = string.Join(' ', w);
                                    s.Paragraphs.Insert(0, [string.Format(System.Globalization.CultureInfo.InvariantCulture, CorrectionNotes[rng.Next(CorrectionNotes.Length)], p + 1)]);
                                    return s;
                                }
                            }
                        }
                    }

                    EditWord(s, rng);
                    return s;
                }

            case "near/pull-quote":
                {
                    // A magazine layout: one of the story's own sentences repeated below the second paragraph as a pull quote.
                    var all = s.Paragraphs.Skip(1).SelectMany(p => p).Where(x => x.Split(' ').Length >= 8).ToList();
                    var pick = all.Count > 0 ? all[rng.Next(all.Count)] : s.Paragraphs[0][0];
                    s.Paragraphs.Insert(Math.Min(2, s.Paragraphs.Count), ["\u201C" + pick.TrimEnd('.', ' ') + "\u201D"]);
                    return s;
                }

            case "version/paragraph-end-sentences":
                {
                    // New reporting written onto the ends of two paragraphs below the lead, not as paragraphs of its own.
                    var fresh = Take(other, rng, (int)(words * (0.12 + rng.NextDouble() * 0.13)));
                    var targets = Enumerable.Range(1, Math.Max(1, s.Paragraphs.Count - 1)).Where(i => i < s.Paragraphs.Count).OrderBy(_ => rng.Next()).Take(2).Order().ToList();
                    if (targets.Count == 0)
                    {
                        targets.Add(0);
                    }

                    for (var f = 0; f < fresh.Count; f++)
                    {
                        s.Paragraphs[targets[f % targets.Count]].Add(fresh[f]);
                    }

                    return s;
                }

            case "version/background-section":
                {
                    // A "Background" heading and two to four sentences of background (another story's) after the
                    // second paragraph; nothing of the story dropped.
                    var fresh = Take(other, rng, (int)(words * (0.15 + rng.NextDouble() * 0.2))).Take(4).ToList();
                    var at = Math.Min(2, s.Paragraphs.Count);
                    s.Paragraphs.InsertRange(at, Chunk(fresh));
                    s.Paragraphs.Insert(at, [BackgroundHeadings[rng.Next(BackgroundHeadings.Length)]]);
                    return s;
                }

            case "version/latest-development":
                {
                    // A new third paragraph opened by "In the latest development," (another story's sentence or two), and
                    // the story's last sentence dropped to make room.
                    var fresh = Take(other, rng, (int)(words * (0.1 + rng.NextDouble() * 0.1))).Take(2).ToList();
                    fresh[0] = "In the latest development, " + LowerLead(fresh[0]);
                    var last = s.Paragraphs[^1];
                    if (s.Paragraphs.Count > 3)
                    {
                        last.RemoveAt(last.Count - 1);
                        if (last.Count == 0)
                        {
                            s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
                        }
                    }

                    s.Paragraphs.Insert(Math.Min(2, s.Paragraphs.Count), fresh);
                    return s;
                }

            case "rewrite/seventh-desk":
                // Every sentence in a seventh desk's words, the clause at its first comma moved.
                return s.MapSentences(x => DeskWords(x, SeventhDesk, rng, 0.8, lastClause: false));
            case "rewrite/semicolon-joined":
                {
                    // Each paragraph one sentence: its sentences joined by semicolons, in a seventh desk's words.
                    foreach (var p in s.Paragraphs)
                    {
                        var joined = string.Join("; ", p.Select((x, i) => (i == 0 ? x : LowerLead(x)).TrimEnd('.', ' ')));
                        p.Clear();
                        p.Add(DeskWords(joined + ".", SeventhDesk, rng, 0.7, lastClause: true));
                    }

                    return s;
                }

            default:
                return null;
        }
    }

    /// <summary>A sentence without the clause after its last comma, when that clause is 2-12 words and the rest is long enough.</summary>
    private static string TrimLastClause(string sentence)
    {
        var k = sentence.LastIndexOf(", ", StringComparison.Ordinal);
        if (k < 20)
        {
            return sentence;
        }

        var clause = sentence[(k + 2)..].Split(' ').Length;
        return clause is >= 2 and <= 12 ? sentence[..k].TrimEnd(',', ';') + "." : sentence;
    }
}
