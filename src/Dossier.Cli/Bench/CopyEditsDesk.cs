using System.Globalization;
using System.Text;

namespace Dossier.Cli.Bench;

/// <summary>
/// The third held-out edit set (<c>--set edits=heldout3</c>): copy-desk edits no earlier set makes, written before any
/// rule of issue 4's fifth round changed and run once on the detector of main before it. Nothing here is used to set
/// thresholds.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut3Near = ["near/dateline-headline", "near/quotes-cut", "near/spelling-corrected-figure", "near/numbers-rounded"];
    public static readonly string[] HeldOut3Version = ["version/second-paragraph-trim-tail", "version/quote-paragraph-middle", "version/bullets-on-top"];
    public static readonly string[] HeldOut3Rewrite = ["rewrite/merged-pairs", "rewrite/attribution-first"];

    /// <summary>American spellings a British desk changes, by word ending (applied to words of six letters or more).</summary>
    private static readonly (string American, string British)[] SpellingEndings =
    [
        ("izing", "ising"), ("ized", "ised"), ("izes", "ises"), ("ize", "ise"), ("ization", "isation"), ("izations", "isations"),
        ("yzed", "ysed"), ("yze", "yse"), ("eled", "elled"), ("eling", "elling"), ("ter", "tre"), ("ters", "tres"),
    ];

    /// <summary>American spellings with "-or" a British desk writes "-our".</summary>
    private static readonly HashSet<string> OurWords = new(StringComparer.Ordinal)
    {
        "labor", "favor", "favorable", "favorably", "honor", "behavior", "neighbor", "neighboring", "harbor", "color", "vigor", "rumor", "rumors",
    };

    /// <summary>A third desk's vocabulary: neither the tuned rewrites' synonyms nor the other desk's.</summary>
    private static readonly Dictionary<string, string> ThirdDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "reported", ["company"] = "concern", ["rose"] = "gained", ["fell"] = "slipped", ["increase"] = "advance",
        ["profit"] = "profits", ["net"] = "bottom line", ["shares"] = "stock", ["buy"] = "pick up", ["expects"] = "sees",
        ["expected"] = "seen", ["announced"] = "declared", ["plans"] = "proposes", ["government"] = "state", ["officials"] = "representatives",
        ["reduce"] = "lower", ["about"] = "nearly", ["major"] = "key", ["market"] = "trading", ["prices"] = "quotes", ["talks"] = "contacts",
        ["began"] = "commenced", ["help"] = "aid", ["also"] = "in addition", ["told"] = "briefed", ["quarter"] = "quarterly period",
        ["sales"] = "turnover", ["bank"] = "lending house", ["offer"] = "tender", ["spokesman"] = "spokesperson",
        ["new"] = "recent", ["first"] = "opening", ["would"] = "is to", ["will"] = "is set to", ["agreement"] = "understanding",
        ["mln"] = "million", ["dlrs"] = "U.S. dollars", ["pct"] = "per cent", ["billion"] = "thousand million", ["unit"] = "subsidiary",
        ["loss"] = "deficit", ["corp"] = "corporation", ["inc"] = "incorporated", ["record"] = "all-time", ["previously"] = "before",
        ["higher"] = "stronger", ["lower"] = "weaker", ["week"] = "seven-day period", ["month"] = "calendar month",
    };

    private static EditableStory? ApplyDesk(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/dateline-headline":
                {
                    // The dateline leaves the lead for a first line of its own, with a headline of the lead's first words.
                    var lead = s.Paragraphs[0][0];
                    var dash = lead.IndexOf(" - ", StringComparison.Ordinal);
                    var dateline = dash is > 0 and < 40 ? lead[..dash].Trim() : Cities[rng.Next(Cities.Length)] + ", " + Months[rng.Next(12)] + " " + (1 + rng.Next(28)).ToString(CultureInfo.InvariantCulture);
                    var body = dash is > 0 and < 40 ? lead[(dash + 3)..] : lead;
                    s.Paragraphs[0][0] = body.Length > 0 ? char.ToUpperInvariant(body[0]) + body[1..] : body;
                    var head = string.Join(' ', body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4 + rng.Next(4)).Select(w => w.Trim(',', '.', ';', ':', '"')).Where(w => w.Length > 0));
                    s.Paragraphs.Insert(0, [ToTitle(head.ToUpperInvariant()) + " -- " + dateline.ToUpperInvariant()]);
                    return s;
                }

            case "near/quotes-cut":
                {
                    // A paragraph of quotes (or reported speech) cut, the smallest below the lead; a sentence when none.
                    var quoted = Enumerable.Range(1, Math.Max(0, s.Paragraphs.Count - 1))
                        .Where(i => s.Paragraphs[i].Any(x => x.Contains('"', StringComparison.Ordinal) || x.Contains(" said", StringComparison.Ordinal)) && WordsOf(s.Paragraphs[i]) <= words * 0.2)
                        .OrderByDescending(i => s.Paragraphs[i].Count(x => x.Contains('"', StringComparison.Ordinal)))
                        .ThenBy(i => WordsOf(s.Paragraphs[i]))
                        .ToList();
                    if (quoted.Count > 0)
                    {
                        s.Paragraphs.RemoveAt(quoted[0]);
                    }
                    else
                    {
                        RemoveParagraphs(s, rng, words, 0.12, fromEnd: false);
                    }

                    return s;
                }

            case "near/spelling-corrected-figure":
                {
                    s.MapSentences(BritishSpelling);
                    // One figure corrected: the first number of a sentence with digits gets another last digit.
                    var withDigits = s.Paragraphs.SelectMany(p => Enumerable.Range(0, p.Count).Select(i => (p, i))).Where(x => x.p[x.i].Any(char.IsDigit)).ToList();
                    if (withDigits.Count > 0)
                    {
                        var (p, i) = withDigits[rng.Next(withDigits.Count)];
                        var text = p[i];
                        var last = -1;
                        for (var k = 0; k < text.Length; k++)
                        {
                            if (char.IsDigit(text[k]) && (k + 1 == text.Length || !char.IsDigit(text[k + 1])))
                            {
                                last = k;
                                break;
                            }
                        }

                        var digit = (char)('0' + ((text[last] - '0' + 1 + rng.Next(8)) % 10));
                        p[i] = string.Concat(text.AsSpan(0, last), digit.ToString(), text.AsSpan(last + 1));
                    }
                    else
                    {
                        EditWord(s, rng);
                    }

                    return s;
                }

            case "near/numbers-rounded":
                return s.MapSentences(RoundNumbers);
            case "version/second-paragraph-trim-tail":
                {
                    // The update's new second paragraph, and the tail trimmed to make room.
                    TrimTail(s, words * (0.08 + rng.NextDouble() * 0.12), keep: 3);

                    var update = Take(other, rng, (int)(words * (0.15 + rng.NextDouble() * 0.25)));
                    s.Paragraphs.Insert(1, update);
                    return s;
                }

            case "version/quote-paragraph-middle":
                {
                    // The new text is one long quote of someone in the story: a single paragraph in the middle.
                    var update = Take(other, rng, (int)(words * (0.2 + rng.NextDouble() * 0.3)));
                    var speaker = rng.Next(3) switch { 0 => "a spokesman said", 1 => "the official told reporters", _ => "he added" };
                    var inner = string.Join(' ', update).TrimEnd('.');
                    s.Paragraphs.Insert(Math.Max(1, s.Paragraphs.Count / 2), ["\"" + inner + ",\" " + speaker + "."]);
                    return s;
                }

            case "version/bullets-on-top":
                {
                    // An update's key points above the story, one short line each, then the story as it was.
                    var all = other.Paragraphs.SelectMany(p => p).Where(x => x.Split(' ').Length >= 6).ToList();
                    var start = all.Count == 0 ? 0 : rng.Next(Math.Max(1, all.Count / 2));
                    var bullets = all.Skip(start).Take(3 + rng.Next(2)).Select(x => "* " + Clause(x)).ToList();
                    if (bullets.Count == 0)
                    {
                        bullets = [.. Take(other, rng, 20).Select(x => "* " + x)];
                    }

                    s.Paragraphs.InsertRange(0, bullets.Select(b => new List<string> { b }).Prepend(["KEY POINTS:"]));
                    return s;
                }

            case "rewrite/merged-pairs":
                {
                    // Every two sentences merged into one, in a third desk's words.
                    var all = s.Paragraphs.SelectMany(p => p).Select(x => ThirdDeskWords(x, rng, 0.7)).ToList();
                    var merged = new List<string>();
                    for (var i = 0; i < all.Count; i += 2)
                    {
                        if (i + 1 < all.Count)
                        {
                            var joint = rng.Next(3) switch { 0 => "; ", 1 => ", while ", _ => " and " };
                            var second = all[i + 1];
                            merged.Add(all[i].TrimEnd('.') + joint + LowerLead(second));
                        }
                        else
                        {
                            merged.Add(all[i]);
                        }
                    }

                    s.Paragraphs.Clear();
                    s.Paragraphs.AddRange(merged.Chunk(2).Select(c => c.ToList()));
                    return s;
                }

            case "rewrite/attribution-first":
                {
                    // The attribution leads each sentence ("X said Y" becomes "According to X, Y"); the rest in a third desk's words.
                    s.MapSentences(x => ThirdDeskWords(AttributionFirst(x), rng, 0.6));
                    return s;
                }

            default:
                return null;
        }
    }

    private static string BritishSpelling(string sentence)
    {
        var words = sentence.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var core = words[i].TrimEnd('.', ',', ';', ':', ')', '"');
            var tail = words[i][core.Length..];
            var lower = core.ToLowerInvariant();
            if (OurWords.Contains(lower))
            {
                var at = lower.LastIndexOf("or", StringComparison.Ordinal);
                words[i] = core[..at] + "ou" + core[(at + 1)..] + tail;
                continue;
            }

            if (core.Length < 6 || !core.All(char.IsLower))
            {
                continue;
            }

            foreach (var (american, british) in SpellingEndings.OrderByDescending(e => e.American.Length))
            {
                if (core.EndsWith(american, StringComparison.Ordinal) && (american is not ("ter" or "ters") || core is "center" or "centers" or "theater" or "theaters" or "liter" or "liters" or "meter" or "meters"))
                {
                    words[i] = core[..^american.Length] + british + tail;
                    break;
                }
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Numbers rounded: decimals to one place (whole from ten up), whole numbers from 1,000 to two significant digits. Years stay.</summary>
    private static string RoundNumbers(string sentence)
    {
        var words = sentence.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var core = words[i].TrimEnd('.', ',', ';', ':', ')');
            var tail = words[i][core.Length..];
            var plain = core.Replace(",", "", StringComparison.Ordinal);
            if (plain.Length == 0 || !plain.All(c => char.IsDigit(c) || c == '.') || plain.Count(c => c == '.') > 1 || plain[0] == '.' || plain[^1] == '.')
            {
                continue;
            }

            var v = double.Parse(plain, CultureInfo.InvariantCulture);
            var dot = plain.IndexOf('.', StringComparison.Ordinal);
            string rounded;
            if (dot >= 0 && (plain.Length - dot - 1 >= 2 || v >= 10))
            {
                // Decimals to one place; to whole numbers from ten up.
                var places = v >= 10 ? 0 : 1;
                rounded = Math.Round(v, places, MidpointRounding.AwayFromZero).ToString(places == 0 ? "F0" : "F1", CultureInfo.InvariantCulture);
            }
            else if (dot < 0 && v >= 1000 && (core.Contains(',', StringComparison.Ordinal) || v is < 1900 or > 2100))
            {
                // Whole numbers to two significant digits ("1,750" becomes "1,800"); a year stays.
                var scale = Math.Pow(10, Math.Floor(Math.Log10(v)) - 1);
                rounded = (Math.Round(v / scale, MidpointRounding.AwayFromZero) * scale).ToString(core.Contains(',', StringComparison.Ordinal) ? "N0" : "F0", CultureInfo.InvariantCulture);
            }
            else
            {
                continue;
            }

            words[i] = rounded + tail;
        }

        return string.Join(' ', words);
    }

    /// <summary>A bullet's text: the sentence up to its first comma after six words, with a full stop.</summary>
    private static string Clause(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var k = 6; k < words.Length - 1; k++)
        {
            if (words[k].EndsWith(','))
            {
                return string.Join(' ', words.Take(k + 1))[..^1];
            }
        }

        return sentence.TrimEnd('.');
    }

    private static readonly HashSet<string> LeadWords = new(StringComparer.Ordinal) { "The", "A", "An", "It", "Its", "He", "She", "They", "This", "These", "That", "In", "But", "And", "There", "Some" };

    /// <summary>A sentence's first word in lower case when it is a function word ("The", "It"); names keep their capital.</summary>
    private static string LowerLead(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? text : text[..space];
        return LeadWords.Contains(first) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static string ThirdDeskWords(string sentence, Random rng, double rate)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        var changed = false;
        foreach (var w0 in words)
        {
            var core = w0.TrimEnd('.', ',', ';', ':');
            var tail = w0[core.Length..];
            if (ThirdDesk.TryGetValue(core.ToLowerInvariant(), out var syn) && rng.NextDouble() < rate)
            {
                sb.Append(Recased(core, syn)).Append(tail).Append(' ');
                changed = true;
            }
            else
            {
                sb.Append(w0).Append(' ');
            }
        }

        var text = sb.ToString().TrimEnd();
        return changed ? text : "In addition, " + LowerLead(text);
    }

    /// <summary>"Y, X said." becomes "According to X, Y." and "X said Y." becomes "According to X, Y."</summary>
    private static string AttributionFirst(string sentence)
    {
        var trimmed = sentence.TrimEnd('.');
        var tailSaid = trimmed.LastIndexOf(", ", StringComparison.Ordinal);
        if (tailSaid > 10 && trimmed.EndsWith(" said", StringComparison.Ordinal) && trimmed.Length - tailSaid is > 8 and < 60)
        {
            var who = trimmed[(tailSaid + 2)..^5];
            var what = trimmed[..tailSaid];
            return "According to " + who + ", " + LowerLead(what) + ".";
        }

        var said = trimmed.IndexOf(" said ", StringComparison.Ordinal);
        if (said is > 3 and < 60)
        {
            var who = trimmed[..said];
            var what = trimmed[(said + 6)..];
            if (what.StartsWith("it ", StringComparison.Ordinal) || what.StartsWith("that ", StringComparison.Ordinal))
            {
                what = what.StartsWith("that ", StringComparison.Ordinal) ? what[5..] : "it " + what[3..];
            }

            return "According to " + LowerLead(who) + ", " + what + ".";
        }

        return sentence;
    }
}
