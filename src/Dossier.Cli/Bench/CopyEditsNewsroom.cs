using System.Globalization;
using System.Text;

namespace Dossier.Cli.Bench;

/// <summary>
/// The second held-out edit set (<c>--set edits=heldout2</c>): newsroom edits not modelled before, written before
/// any rule of that round changed, measured once with the code before the round and once at its end. Nothing here
/// was run while thresholds were set.
/// </summary>
internal static partial class CopyEdits
{
    public static readonly string[] HeldOut2Near = ["near/ocr-noise", "near/lead-rewritten", "near/editor-shortened", "near/localised", "near/dateline-byline", "near/roundup-splice"];
    public static readonly string[] HeldOut2Version = ["version/update-below-lead", "version/new-figures-new-tail", "version/trim-and-new-top", "version/two-inserts"];
    public static readonly string[] HeldOut2Rewrite = ["rewrite/condensed", "rewrite/other-desk"];

    /// <summary>OCR confusions of reprinted newspaper text (letters read as other letters or digits).</summary>
    private static readonly (string From, string To)[] OcrConfusions =
    [
        ("rn", "m"), ("m", "rn"), ("l", "1"), ("i", "l"), ("e", "c"), ("c", "e"), ("h", "b"), ("u", "n"), ("n", "u"),
        ("d", "cl"), ("cl", "d"), ("t", "f"), ("f", "t"), ("o", "0"), ("a", "o"), ("S", "5"), ("B", "8"), ("I", "l"),
        ("li", "h"), ("ri", "n"), ("v", "y"), ("y", "v"), ("g", "q"),
    ];

    /// <summary>Another outlet's house style: British spellings and words, figures written out.</summary>
    private static readonly Dictionary<string, string> Localisations = new(StringComparer.Ordinal)
    {
        ["pct"] = "per cent", ["percent"] = "per cent", ["mln"] = "million", ["bln"] = "billion", ["dlrs"] = "dollars",
        ["stg"] = "sterling", ["U.S."] = "US", ["program"] = "programme", ["programs"] = "programmes", ["center"] = "centre",
        ["labor"] = "labour", ["defense"] = "defence", ["organization"] = "organisation", ["favor"] = "favour",
        ["favorable"] = "favourable", ["privatization"] = "privatisation", ["realized"] = "realised", ["recognized"] = "recognised",
        ["authorized"] = "authorised", ["subsidized"] = "subsidised", ["emphasized"] = "emphasised", ["criticized"] = "criticised",
        ["tons"] = "tonnes", ["gasoline"] = "petrol", ["trucks"] = "lorries", ["inventories"] = "stocks", ["fiscal"] = "financial",
        ["stockholders"] = "shareholders", ["analyze"] = "analyse", ["canceled"] = "cancelled", ["traveled"] = "travelled",
        ["license"] = "licence", ["catalog"] = "catalogue", ["percentage"] = "proportion", ["vacation"] = "holiday",
    };

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Reporters = ["Maria Lopez", "John Hartley", "Keiko Tanaka", "Peter Novak", "Amal Haddad", "Sean O'Brien", "Ingrid Berg", "David Mensah", "Lucia Ferraro", "Tom Whitaker"];

    private static readonly string[] Cities = ["LONDON", "NEW YORK", "TOKYO", "FRANKFURT", "SYDNEY", "TORONTO", "PARIS", "CHICAGO", "HONG KONG", "ZURICH"];

    private static readonly string[] Agencies = ["AP", "AFP", "UPI", "dpa", "Kyodo"];

    private static readonly string[] RoundupHeaders = ["NEWS IN BRIEF", "BUSINESS DIGEST", "WORLD ROUNDUP", "MARKETS AT A GLANCE"];

    /// <summary>A second desk's vocabulary: other synonyms than the tuned rewrites use.</summary>
    private static readonly Dictionary<string, string> OtherDesk = new(StringComparer.Ordinal)
    {
        ["said"] = "noted", ["says"] = "notes", ["company"] = "group", ["firm"] = "group", ["rose"] = "climbed", ["fell"] = "dropped",
        ["increase"] = "growth", ["shares"] = "equity", ["profit"] = "income", ["buy"] = "acquire", ["sell"] = "dispose of",
        ["expects"] = "forecasts", ["expected"] = "forecast", ["announced"] = "unveiled", ["plans"] = "aims", ["agreed"] = "accepted",
        ["government"] = "authorities", ["officials"] = "sources", ["reduce"] = "trim", ["total"] = "combined", ["about"] = "some",
        ["major"] = "leading", ["market"] = "sector", ["prices"] = "values", ["talks"] = "discussions", ["meeting"] = "conference",
        ["began"] = "opened", ["help"] = "support", ["showed"] = "revealed", ["also"] = "further", ["because"] = "as",
        ["told"] = "advised", ["quarter"] = "period", ["loss"] = "shortfall", ["sales"] = "revenue", ["bank"] = "institution",
        ["country"] = "state", ["exports"] = "overseas sales", ["offer"] = "proposal", ["spokesman"] = "official",
        ["statement"] = "announcement", ["higher"] = "up", ["lower"] = "down", ["companies"] = "groups", ["year"] = "twelve months",
        ["new"] = "latest", ["first"] = "initial", ["since"] = "from", ["under"] = "beneath", ["plan"] = "scheme",
        ["mln"] = "million", ["dlrs"] = "dollars", ["pct"] = "percent", ["agreement"] = "pact", ["rate"] = "ratio",
    };

    private static EditableStory? ApplyNewsroom(string edit, EditableStory s, EditableStory other, Random rng, int words)
    {
        switch (edit)
        {
            case "near/ocr-noise":
                OcrNoise(s, rng);
                return s;
            case "near/lead-rewritten":
                {
                    var lead = s.Paragraphs[0];
                    var headline = Headline(lead[0], rng);
                    for (var i = 0; i < lead.Count; i++)
                    {
                        lead[i] = Reword(lead[i], rng, 0.9);
                    }

                    s.Paragraphs.Insert(0, [headline]);
                    return s;
                }

            case "near/editor-shortened":
                {
                    var changed = 0;
                    foreach (var p in s.Paragraphs)
                    {
                        for (var i = 0; i < p.Count; i++)
                        {
                            if (rng.NextDouble() < 0.4 && Shorten(p[i]) is { } shorter)
                            {
                                p[i] = shorter;
                                changed++;
                            }
                        }
                    }

                    var multi = s.Paragraphs.Skip(1).Where(p => p.Count >= 2).ToList();
                    if (multi.Count > 0 && (changed < 2 || rng.Next(2) == 0))
                    {
                        var p = multi[rng.Next(multi.Count)];
                        p.RemoveAt(1 + rng.Next(p.Count - 1));
                    }

                    return s;
                }

            case "near/localised":
                return s.MapSentences(Localise);
            case "near/dateline-byline":
                {
                    var name = Reporters[rng.Next(Reporters.Length)];
                    var agency = Agencies[rng.Next(Agencies.Length)];
                    var city = Cities[rng.Next(Cities.Length)];
                    s.Paragraphs.Insert(0, [rng.Next(2) == 0 ? "By " + name : "By " + name + ", " + agency + " Writer"]);
                    var lead = s.Paragraphs[1][0];
                    s.Paragraphs[1][0] = (rng.Next(2) == 0
                        ? city + " (" + agency + ") - "
                        : city + ", " + Months[rng.Next(12)] + " " + (1 + rng.Next(28)).ToString(CultureInfo.InvariantCulture) + " - ") + lead;
                    var helper = Reporters[rng.Next(Reporters.Length)];
                    s.Paragraphs.Add([rng.Next(2) == 0
                        ? "(Additional reporting by " + helper + " in " + ToTitle(Cities[rng.Next(Cities.Length)]) + "; editing by " + name + ")"
                        : agency + " correspondent " + helper + " contributed to this report."]);
                    return s;
                }

            case "near/roundup-splice":
                {
                    var item = Take(other, rng, (int)(words * 0.1));
                    if (s.Paragraphs.Count >= 4 && WordsOf(s.Paragraphs[^1]) <= words * 0.15 && rng.Next(2) == 0)
                    {
                        // Roundups trim their items.
                        s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
                    }

                    if (rng.Next(2) == 0)
                    {
                        s.Paragraphs.Insert(0, item);
                    }
                    else
                    {
                        s.Paragraphs.Add(item);
                    }

                    if (rng.Next(2) == 0)
                    {
                        s.Paragraphs.Insert(0, [RoundupHeaders[rng.Next(RoundupHeaders.Length)]]);
                    }

                    return s;
                }

            case "version/update-below-lead":
                s.Paragraphs[0] = [.. s.Paragraphs[0].Select(x => Reword(x, rng, 0.5))];
                s.Paragraphs.InsertRange(1, Chunk(Take(other, rng, (int)(words * (0.3 + rng.NextDouble() * 0.4)))));
                return s;
            case "version/new-figures-new-tail":
                {
                    var withNumbers = s.Paragraphs.SelectMany(p => Enumerable.Range(0, p.Count).Select(i => (p, i))).Where(x => x.p[x.i].Any(char.IsDigit)).ToList();
                    foreach (var (p, i) in withNumbers.OrderBy(_ => rng.Next()).Take(3))
                    {
                        p[i] = NewFigures(p[i], rng);
                    }

                    s.Paragraphs.AddRange(Chunk(Take(other, rng, (int)(words * (0.25 + rng.NextDouble() * 0.35)))));
                    return s;
                }

            case "version/trim-and-new-top":
                {
                    TrimTail(s, words * (0.2 + rng.NextDouble() * 0.15), keep: 2);

                    s.Paragraphs.InsertRange(0, Chunk(Take(other, rng, (int)(words * (0.3 + rng.NextDouble() * 0.3)))));
                    return s;
                }

            case "version/two-inserts":
                {
                    var block = Take(other, rng, (int)(words * (0.3 + rng.NextDouble() * 0.4)));
                    var half = Math.Max(1, block.Count / 2);
                    var first = block.Take(half).ToList();
                    var second = block.Skip(half).ToList();
                    if (second.Count > 0)
                    {
                        s.Paragraphs.AddRange(Chunk(second));
                    }

                    s.Paragraphs.InsertRange(Math.Min(1, s.Paragraphs.Count), Chunk(first));
                    return s;
                }

            case "rewrite/condensed":
                {
                    var all = s.Paragraphs.SelectMany(p => p).ToList();
                    var keep = new List<string> { all[0] };
                    for (var i = 1; i < all.Count; i++)
                    {
                        if (rng.NextDouble() >= 0.25)
                        {
                            keep.Add(all[i]);
                        }
                    }

                    if (keep.Count < 2 && all.Count > 1)
                    {
                        keep.Add(all[1]);
                    }

                    keep = [.. keep.Select(x => rng.NextDouble() < 0.3 && Shorten(x) is { } y ? y : x).Select(x => Redesk(x, rng, 0.8))];
                    s.Paragraphs.Clear();
                    s.Paragraphs.AddRange(keep.Chunk(2).Select(c => c.ToList()));
                    return s;
                }

            case "rewrite/other-desk":
                {
                    var all = s.Paragraphs.SelectMany(p => p).Select(x => Redesk(x, rng, 0.8)).ToList();
                    var merged = new List<string>();
                    for (var i = 0; i < all.Count; i++)
                    {
                        if (i > 0 && i + 1 < all.Count && rng.NextDouble() < 0.2 && all[i].EndsWith('.'))
                        {
                            merged.Add(all[i][..^1] + ", and " + all[i + 1]);
                            i++;
                        }
                        else
                        {
                            merged.Add(all[i]);
                        }
                    }

                    var paragraphs = merged.Chunk(2).Select(c => c.ToList()).ToList();
                    if (paragraphs.Count >= 4)
                    {
                        var i = 1 + rng.Next(paragraphs.Count - 2);
                        (paragraphs[i], paragraphs[i + 1]) = (paragraphs[i + 1], paragraphs[i]);
                    }

                    s.Paragraphs.Clear();
                    s.Paragraphs.AddRange(paragraphs);
                    return s;
                }

            // Tuned edits added in the same round (after the held-out set above was written and measured once).
            case "near/typos":
                Typos(s, rng);
                return s;
            case "near/house-style":
                return s.MapSentences(HouseStyle);
            case "near/pasted-item":
                {
                    var item = Take(other, rng, (int)(words * 0.06));
                    if (rng.Next(2) == 0)
                    {
                        s.Paragraphs.Insert(0, item);
                    }
                    else
                    {
                        s.Paragraphs.Add(item);
                    }

                    return s;
                }

            case "version/related-short-update":
                {
                    // A follow-up about the same names: two or three of its sentences on top (or at the bottom), from
                    // the first that names one of them.
                    var names = NamesOf(s);
                    var all = other.Paragraphs.SelectMany(p => p).ToList();
                    var first = all.FindIndex(x => x.Split(' ').Skip(1).Any(w => names.Contains(w.Trim(',', '.', ';', ':', '"', '(', ')', '\'').ToLowerInvariant())));
                    var target = words * (0.08 + (rng.NextDouble() * 0.12));
                    var update = new List<string>();
                    for (var i = Math.Max(0, first); i < all.Count && update.Count < 3 && (update.Count == 0 || update.Sum(x => x.Split(' ').Length) < target); i++)
                    {
                        update.Add(all[i]);
                    }

                    if (rng.Next(3) > 0)
                    {
                        s.Paragraphs.InsertRange(0, Chunk(update));
                    }
                    else
                    {
                        s.Paragraphs.AddRange(Chunk(update));
                    }

                    return s;
                }

            case "version/scattered-update":
                {
                    // New paragraphs of one or two sentences in two or three places below the lead.
                    var update = Take(other, rng, (int)(words * (0.3 + (rng.NextDouble() * 0.3))));
                    if (update.Count < 2)
                    {
                        // Two places need two sentences at least.
                        update.AddRange(other.Paragraphs.SelectMany(p => p).Where(x => !update.Contains(x)).Take(1));
                    }

                    var pieces = Math.Min(update.Count, 2 + rng.Next(2));
                    var places = Enumerable.Range(1, Math.Max(1, s.Paragraphs.Count - 1)).OrderBy(_ => rng.Next()).Take(pieces).OrderDescending().ToList();
                    var size = (int)Math.Ceiling(update.Count / (double)Math.Max(1, places.Count));
                    for (var k = 0; k < places.Count; k++)
                    {
                        var piece = update.Skip(k * size).Take(size).ToList();
                        if (piece.Count > 0)
                        {
                            s.Paragraphs.Insert(places[k], piece);
                        }
                    }

                    return s;
                }

            default:
                return null;
        }
    }

    /// <summary>Last paragraphs cut while they add up to no more than <paramref name="cut"/> words, keeping more than <paramref name="keep"/> paragraphs.</summary>
    private static void TrimTail(EditableStory s, double cut, int keep)
    {
        var removed = 0;
        while (s.Paragraphs.Count > keep && removed + WordsOf(s.Paragraphs[^1]) <= cut)
        {
            removed += WordsOf(s.Paragraphs[^1]);
            s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
        }
    }

    /// <summary>Capitalised words inside sentences (names of people, companies, places), lower-cased.</summary>
    internal static HashSet<string> NamesOf(EditableStory story) =>
        story.Paragraphs.SelectMany(p => p).SelectMany(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            .Select(w => w.Trim(',', '.', ';', ':', '"', '(', ')', '\''))
            .Where(w => w.Length >= 4 && char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower) && !Calendar.Contains(w) && !Generic(w))
            .Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>A word that names no one in particular ("Corp", "International"), as the copy detector reads it.</summary>
    private static bool Generic(string word) => Dossier.Copies.CopyText.Analyze(word).Words is [var w] && Dossier.Copies.CopyText.IsGenericName(w.Hash);

    private static readonly HashSet<string> Calendar = new(StringComparer.Ordinal)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "June", "July", "August", "September", "October", "November", "December", "Reuters", "Reuter",
    };

    /// <summary>Keyboard slips: a neighbouring key, a dropped, doubled or swapped letter, a lost space.</summary>
    private static void Typos(EditableStory s, Random rng)
    {
        const string Rows = "qwertyuiop asdfghjkl zxcvbnm";
        var rate = 0.02 + (rng.NextDouble() * 0.04);
        EditWords(s, (words, k) =>
        {
            var w = words[k];
            var letters = w.Count(char.IsLetter);
            if (rng.NextDouble() < rate && letters >= 3)
            {
                var at = 1 + rng.Next(w.Length - 1);
                var kind = rng.Next(5);
                if (kind == 0 && char.IsLetter(w[at]) && Rows.IndexOf(char.ToLowerInvariant(w[at]), StringComparison.Ordinal) is var key and >= 0)
                {
                    var near = key + 1 < Rows.Length && Rows[key + 1] != ' ' ? Rows[key + 1] : Rows[key - 1];
                    return string.Concat(w.AsSpan(0, at), near.ToString(), w.AsSpan(at + 1));
                }

                if (kind == 1 && char.IsLetter(w[at]))
                {
                    return w.Remove(at, 1);
                }

                if (kind == 2 && char.IsLetter(w[at]))
                {
                    return w.Insert(at, w[at].ToString());
                }

                if (kind == 3 && at + 1 < w.Length && char.IsLetter(w[at]) && char.IsLetter(w[at + 1]))
                {
                    return string.Concat(w.AsSpan(0, at), w[at + 1].ToString(), w[at].ToString(), w.AsSpan(at + 2));
                }

                if (k + 1 < words.Length)
                {
                    return null;
                }
            }

            return w;
        });
    }

    /// <summary>
    /// Rewrites every sentence of the story word by word, in reading order. The edit returns the new word, or null to lose the space
    /// after it (the word runs into the next one, which is not edited itself).
    /// </summary>
    private static void EditWords(EditableStory s, Func<string[], int, string?> edit) =>
        s.MapSentences(sentence =>
        {
            var words = sentence.Split(' ');
            var result = new List<string>(words.Length);
            for (var k = 0; k < words.Length; k++)
            {
                result.Add(edit(words, k) ?? words[k] + words[++k]);
            }

            return string.Join(' ', result);
        });

    /// <summary>A house style of the tuned edits: company suffixes written out, months shortened, small numbers in words.</summary>
    private static readonly Dictionary<string, string> House = new(StringComparer.Ordinal)
    {
        ["Corp"] = "Corporation", ["Inc"] = "Incorporated", ["Co"] = "Company", ["Ltd"] = "Limited", ["Plc"] = "PLC", ["Bhd"] = "Berhad",
        ["January"] = "Jan.", ["February"] = "Feb.", ["August"] = "Aug.", ["September"] = "Sept.", ["October"] = "Oct.", ["November"] = "Nov.",
        ["December"] = "Dec.", ["2"] = "two", ["3"] = "three", ["4"] = "four", ["5"] = "five", ["6"] = "six", ["7"] = "seven", ["8"] = "eight",
        ["9"] = "nine", ["U.S."] = "United States", ["U.K."] = "Britain", ["vs"] = "versus", ["Mr"] = "Mister",
        ["Dept"] = "Department", ["Govt"] = "Government", ["shr"] = "share", ["cts"] = "cents", ["avg"] = "average", ["qtr"] = "quarter",
    };

    private static string HouseStyle(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var core = words[i].TrimEnd(',', ';', ':', ')');
            var tail = words[i][core.Length..];
            var dot = false;
            if (!House.TryGetValue(core, out var style) && core.EndsWith('.') && House.TryGetValue(core[..^1], out style))
            {
                dot = true;
            }

            if (style is not null)
            {
                // An abbreviation's dot stays only where it ended the sentence.
                words[i] = style + (dot && i == words.Length - 1 && !style.EndsWith('.') ? "." : "") + tail;
            }
        }

        return string.Join(' ', words);
    }

    private static void OcrNoise(EditableStory s, Random rng)
    {
        var rate = 0.02 + (rng.NextDouble() * 0.04);
        EditWords(s, (words, k) =>
        {
            var w = words[k];
            if (rng.NextDouble() < rate)
            {
                var r = rng.NextDouble();
                if (r < 0.7)
                {
                    return Confuse(w, rng);
                }

                if (r < 0.85 && w.Length >= 6 && w.All(char.IsLetter))
                {
                    // A line-end hyphen left in the text.
                    var cut = 2 + rng.Next(w.Length - 4);
                    return w[..cut] + "- " + w[cut..];
                }

                // A lost space.
                return k + 1 < words.Length ? null : w;
            }

            return rng.NextDouble() < 0.004 && w.EndsWith(',') ? w[..^1] + "." : w;
        });
    }

    private static string Confuse(string w, Random rng)
    {
        var options = OcrConfusions.Where(c => w.Contains(c.From, StringComparison.Ordinal)).ToList();
        if (options.Count == 0)
        {
            return w.Length > 3 ? w.Remove(1 + rng.Next(w.Length - 2), 1) : w;
        }

        var (from, to) = options[rng.Next(options.Count)];
        var at = w.IndexOf(from, StringComparison.Ordinal);
        return string.Concat(w.AsSpan(0, at), to, w.AsSpan(at + from.Length));
    }

    /// <summary>A headline from the lead: its first words without the closing punctuation, in capitals.</summary>
    private static string Headline(string lead, Random rng)
    {
        var words = lead.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5 + rng.Next(5)).Select(w => w.Trim(',', '.', ';', ':', '"'));
        return string.Join(' ', words).ToUpperInvariant();
    }

    /// <summary>An editor's cut: the last clause after a comma, or a parenthesis; null when the sentence is short.</summary>
    private static string? Shorten(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 14)
        {
            return null;
        }

        for (var k = words.Length - 4; k >= 7; k--)
        {
            if (words[k].EndsWith(','))
            {
                return string.Join(' ', words.Take(k + 1))[..^1] + ".";
            }
        }

        var open = sentence.IndexOf(" (", StringComparison.Ordinal);
        var close = open < 0 ? -1 : sentence.IndexOf(')', open);
        return close > open && open > 0 ? string.Concat(sentence.AsSpan(0, open), sentence.AsSpan(close + 1)) : null;
    }

    private static string Localise(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var core = w.TrimEnd('.', ',', ';', ':', ')', '"');
            if (core.Length == 0)
            {
                continue;
            }

            var tail = w[core.Length..];
            if (Localisations.TryGetValue(core, out var local) || Localisations.TryGetValue(core.ToLowerInvariant(), out local))
            {
                words[i] = (char.IsUpper(core[0]) && core != "U.S." ? char.ToUpperInvariant(local[0]) + local[1..] : local) + tail;
            }
            else if (Months.Contains(core) && tail.Length == 0 && i + 1 < words.Count && words[i + 1].Length > 0 && char.IsDigit(words[i + 1][0]))
            {
                // "March 3," becomes "3 March,".
                var day = words[i + 1].TrimEnd('.', ',', ';', ':');
                var dayTail = words[i + 1][day.Length..];
                if (day.All(char.IsDigit) && day.Length <= 2)
                {
                    words[i] = day;
                    words[i + 1] = core + dayTail;
                    i++;
                }
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Updated figures: each number of the sentence moved by a few percent.</summary>
    private static string NewFigures(string sentence, Random rng)
    {
        var words = sentence.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var core = words[i].TrimEnd('.', ',', ';', ':', ')');
            var dot = core.IndexOf('.', StringComparison.Ordinal);
            if (core.Length == 0 || core.Length > 7 || !core.All(c => char.IsDigit(c) || c == '.') || dot == 0 || dot == core.Length - 1 || core.Count(c => c == '.') > 1)
            {
                continue;
            }

            var v = double.Parse(core, CultureInfo.InvariantCulture);
            if (dot < 0 && v is >= 1900 and <= 2100)
            {
                // A year stays.
                continue;
            }

            var decimals = dot < 0 ? 0 : core.Length - dot - 1;
            var step = Math.Pow(10, -decimals);
            var next = v + Math.Max(step, Math.Round(v * (0.02 + (rng.NextDouble() * 0.2)), decimals));
            words[i] = next.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + words[i][core.Length..];
        }

        return string.Join(' ', words);
    }

    /// <summary>A second desk's rewording: its own synonyms, then a clause move.</summary>
    private static string Redesk(string sentence, Random rng, double rate)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        foreach (var w0 in words)
        {
            var w = w0;
            var core = w.TrimEnd('.', ',', ';', ':');
            var tail = w[core.Length..];
            if (OtherDesk.TryGetValue(core.ToLowerInvariant(), out var syn) && rng.NextDouble() < rate)
            {
                w = Recased(core, syn) + tail;
            }

            sb.Append(w).Append(' ');
        }

        var text = sb.ToString().TrimEnd();
        text = MoveClause(text, text.LastIndexOf(", ", StringComparison.Ordinal), rng);

        if (text == sentence)
        {
            // Nothing to swap or move: the desk drops the articles, or opens the sentence another way.
            var without = string.Join(' ', text.Split(' ').Where(w => w is not ("the" or "a" or "an")));
            text = without != text ? without : "Separately, " + text;
        }

        return text;
    }

    private static string ToTitle(string city) => string.Join(' ', city.Split(' ').Select(w => w[0] + w[1..].ToLowerInvariant()));
}
