using System.Text;
using Dossier.Copies;

namespace Dossier.Cli.Bench;

/// <summary>A story as paragraphs of sentences, for making copies by known edits.</summary>
internal sealed class EditableStory
{
    public EditableStory(List<List<string>> paragraphs)
    {
        Paragraphs = paragraphs;
    }

    public List<List<string>> Paragraphs { get; }

    /// <summary>Replaces every sentence by <paramref name="map"/> of it, in reading order; returns this story.</summary>
    public EditableStory MapSentences(Func<string, string> map)
    {
        foreach (var p in Paragraphs)
        {
            for (var i = 0; i < p.Count; i++)
            {
                p[i] = map(p[i]);
            }
        }

        return this;
    }

    public int Words => Paragraphs.Sum(p => p.Sum(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));

    public static EditableStory Parse(string text)
    {
        var (_, sentences) = CopyText.Analyze(text);
        var paragraphs = new List<List<string>>();
        var last = -1;
        foreach (var s in sentences)
        {
            if (s.Paragraph != last)
            {
                paragraphs.Add([]);
                last = s.Paragraph;
            }

            paragraphs[^1].Add(string.Join(' ', text[s.Start..s.End].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }

        return new EditableStory(paragraphs);
    }

    public EditableStory Clone() => new([.. Paragraphs.Select(p => p.ToList())]);

    public string Render() => string.Join("\n\n", Paragraphs.Where(p => p.Count > 0).Select(p => string.Join(' ', p)));
}

/// <summary>
/// Copy-making edits with known truth. "Tuned" edits were used to set the thresholds (seed 1); "held-out" edits
/// were never looked at while tuning.
/// </summary>
internal static partial class CopyEdits
{
    /// <summary>The tuned edits of earlier rounds (before issue 4's third round added kinds): their corpus is the one measured then.</summary>
    public static readonly string[] EarlierTunedNear = ["near/delete-paragraph", "near/edit-sentences", "near/reorder-paragraphs", "near/punctuation-paragraphs", "near/boilerplate-correction"];
    public static readonly string[] EarlierTunedVersion = ["version/append-update", "version/prepend-update", "version/new-top-trim-tail"];

    public static readonly string[] TunedNear = [.. EarlierTunedNear, "near/typos", "near/house-style", "near/pasted-item"];
    public static readonly string[] TunedVersion = [.. EarlierTunedVersion, "version/related-short-update", "version/scattered-update"];
    public static readonly string[] TunedRewrite = ["rewrite/synonyms-clauses", "rewrite/split-sentences"];
    public static readonly string[] HeldOutNear = ["near/insert-paragraph-typo", "near/cut-tail-edit"];
    public static readonly string[] HeldOutVersion = ["version/replace-lead", "version/insert-middle"];
    public static readonly string[] HeldOutRewrite = ["rewrite/reorder-merge-synonyms"];

    /// <summary>Whether an edit adds text taken from another story.</summary>
    public static bool UsesNewText(string edit) => edit.StartsWith("version/", StringComparison.Ordinal) || edit is "near/insert-paragraph-typo" or "near/roundup-splice" or "near/pasted-item" or "near/related-links";

    /// <summary>Whether an edit's new text comes from a story about the same names (a follow-up), not any story.</summary>
    public static bool UsesRelatedText(string edit) => edit == "version/related-short-update";

    /// <summary>Newswire synonyms used to reword sentences (both directions).</summary>
    private static readonly (string, string)[] SynonymPairs =
    [
        ("said", "stated"), ("company", "firm"), ("rise", "increase"), ("rose", "increased"), ("fall", "decline"), ("fell", "declined"),
        ("shares", "stock"), ("profit", "earnings"), ("buy", "purchase"), ("bought", "purchased"), ("sell", "divest"), ("sold", "divested"),
        ("expects", "anticipates"), ("expected", "anticipated"), ("announced", "disclosed"), ("plans", "intends"), ("agreed", "consented"),
        ("government", "administration"), ("officials", "authorities"), ("increase", "boost"), ("reduce", "cut"), ("reduced", "lowered"),
        ("total", "overall"), ("about", "roughly"), ("approximately", "around"), ("major", "large"), ("big", "large"), ("large", "sizeable"),
        ("market", "marketplace"), ("prices", "rates"), ("price", "cost"), ("talks", "negotiations"), ("meeting", "session"),
        ("begin", "start"), ("began", "started"), ("end", "conclude"), ("ended", "concluded"), ("help", "assist"), ("show", "indicate"),
        ("showed", "indicated"), ("also", "additionally"), ("because", "since"), ("but", "however"), ("however", "but"), ("told", "informed"),
        ("week", "seven days"), ("quarter", "three months"), ("loss", "deficit"), ("net", "bottom-line"), ("revenues", "sales"),
        ("revenue", "turnover"), ("bank", "lender"), ("banks", "lenders"), ("country", "nation"), ("countries", "nations"), ("output", "production"),
        ("production", "output"), ("exports", "shipments abroad"), ("imports", "purchases from abroad"), ("rate", "level"), ("percent", "pct"),
        ("pct", "percent"), ("mln", "million"), ("billion", "bln"), ("dlrs", "dollars"), ("offer", "bid"), ("acquire", "take over"),
        ("acquisition", "takeover"), ("spokesman", "representative"), ("statement", "release"), ("earlier", "previously"), ("previous", "prior"),
        ("would", "will"), ("will", "would"), ("could", "might"), ("higher", "greater"), ("lower", "smaller"), ("strong", "robust"),
        ("weak", "soft"), ("demand", "appetite"), ("supply", "provision"), ("trade", "commerce"), ("deal", "agreement"), ("agreement", "accord"),
        ("investors", "buyers"), ("analysts", "observers"), ("said it", "announced it"), ("new", "fresh"), ("current", "present"),
    ];

    private static readonly Dictionary<string, string> Synonyms = SynonymPairs.GroupBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal);

    /// <summary>Applies one named edit. <paramref name="other"/> supplies new text (another story).</summary>
    public static EditableStory Apply(string edit, EditableStory story, EditableStory other, Random rng)
    {
        var result = ApplyOnce(edit, story, other, rng);
        if (edit.StartsWith("exact", StringComparison.Ordinal) || result.Render() != story.Render())
        {
            return result;
        }

        // The edit found nothing to change (no small paragraph to cut): change a word so the copy is not exact.
        EditWord(result, rng);
        return result;
    }

    private static EditableStory ApplyOnce(string edit, EditableStory story, EditableStory other, Random rng)
    {
        var s = story.Clone();
        var words = Math.Max(1, story.Words);
        switch (edit)
        {
            case "exact/reflow":
                return s;
            case "near/delete-paragraph":
                RemoveParagraphs(s, rng, words, 0.15, fromEnd: false);
                return s;
            case "near/edit-sentences":
                for (var i = 0; i < 2; i++)
                {
                    EditWord(s, rng);
                }

                return s;
            case "near/reorder-paragraphs":
                if (s.Paragraphs.Count >= 3)
                {
                    var i = 1 + rng.Next(s.Paragraphs.Count - 2);
                    (s.Paragraphs[i], s.Paragraphs[i + 1]) = (s.Paragraphs[i + 1], s.Paragraphs[i]);
                }

                EditWord(s, rng);
                return s;
            case "near/insert-paragraph-typo":
                {
                    var para = Take(other, rng, (int)(words * 0.12));
                    s.Paragraphs.Insert(1 + rng.Next(Math.Max(1, s.Paragraphs.Count - 1)), para);
                    Typo(s, rng);
                    return s;
                }

            case "near/cut-tail-edit":
                RemoveParagraphs(s, rng, words, 0.12, fromEnd: true);
                EditWord(s, rng);
                return s;
            case "version/append-update":
                s.Paragraphs.AddRange(Chunk(Take(other, rng, (int)(words * (0.4 + rng.NextDouble() * 0.6)))));
                return s;
            case "version/prepend-update":
                s.Paragraphs.InsertRange(0, Chunk(Take(other, rng, (int)(words * (0.4 + rng.NextDouble() * 0.6)))));
                return s;
            case "version/replace-lead":
                s.Paragraphs.RemoveAt(0);
                s.Paragraphs.InsertRange(0, Chunk(Take(other, rng, (int)(words * (0.4 + rng.NextDouble() * 0.5)))));
                return s;
            case "version/insert-middle":
                s.Paragraphs.InsertRange(s.Paragraphs.Count / 2, Chunk(Take(other, rng, (int)(words * (0.4 + rng.NextDouble() * 0.6)))));
                return s;
            case "rewrite/synonyms-clauses":
                foreach (var p in s.Paragraphs)
                {
                    for (var i = 0; i < p.Count; i++)
                    {
                        p[i] = Reword(p[i], rng, 0.8);
                    }
                }

                return s;
            case "near/punctuation-paragraphs":
                Punctuate(s, rng);
                SplitAndMergeParagraphs(s, rng);
                return s;
            case "near/boilerplate-correction":
                Boilerplate(s, rng);
                EditWord(s, rng);
                return s;
            case "version/new-top-trim-tail":
                s.Paragraphs.InsertRange(0, Chunk(Take(other, rng, (int)(words * (0.3 + rng.NextDouble() * 0.5)))));
                if (s.Paragraphs.Count > 3)
                {
                    s.Paragraphs.RemoveAt(s.Paragraphs.Count - 1);
                }

                return s;
            case "rewrite/split-sentences":
                {
                    var all = s.Paragraphs.SelectMany(p => p).SelectMany(x => SplitSentence(Reword(x, rng, 0.7))).ToList();
                    s.Paragraphs.Clear();
                    s.Paragraphs.AddRange(all.Chunk(2).Select(c => c.ToList()));
                    return s;
                }

            case "rewrite/reorder-merge-synonyms":
                {
                    var all = s.Paragraphs.SelectMany(p => p).Select(x => Reword(x, rng, 0.6)).ToList();
                    if (all.Count > 3)
                    {
                        all.RemoveAt(1 + rng.Next(all.Count - 1));
                    }

                    for (var i = 1; i + 1 < all.Count; i += 3)
                    {
                        (all[i], all[i + 1]) = (all[i + 1], all[i]);
                    }

                    s.Paragraphs.Clear();
                    s.Paragraphs.AddRange(all.Chunk(3).Select(c => c.ToList()));
                    return s;
                }

            default:
                return ApplyNewsroom(edit, s, other, rng, words) ?? ApplyDesk(edit, s, other, rng, words) ?? ApplyWire(edit, s, other, rng, words) ?? ApplyReprint(edit, s, other, rng, words) ?? ApplySyndicate(edit, s, other, rng, words) ?? ApplyLineage(edit, s, other, rng, words) ?? ApplyReissue(edit, s, other, rng, words) ?? throw new ArgumentException("Unknown edit " + edit, nameof(edit));
        }
    }

    /// <summary>Typographic quotes and dashes, and a dateline in another outlet's style.</summary>
    private static void Punctuate(EditableStory s, Random rng)
    {
        var open = true;
        foreach (var p in s.Paragraphs)
        {
            for (var i = 0; i < p.Count; i++)
            {
                var sb = new StringBuilder(p[i].Length);
                foreach (var c in p[i])
                {
                    if (c == '"')
                    {
                        sb.Append(open ? '\u201C' : '\u201D');
                        open = !open;
                    }
                    else
                    {
                        sb.Append(c == '\'' ? '\u2019' : c);
                    }
                }

                p[i] = sb.ToString().Replace(" - ", " \u2014 ", StringComparison.Ordinal).Replace("pct", "%", StringComparison.Ordinal);
            }
        }

        if (s.Paragraphs.Count > 0 && s.Paragraphs[0].Count > 0)
        {
            var lead = s.Paragraphs[0][0];
            var dash = lead.IndexOf(" \u2014 ", StringComparison.Ordinal);
            s.Paragraphs[0][0] = dash > 0 && dash < 40
                ? lead[..dash].ToUpperInvariant() + (rng.Next(2) == 0 ? " (Reuters) \u2014 " : " (AP) \u2014 ") + lead[(dash + 3)..]
                : "(Reuters) \u2014 " + lead;
        }
    }

    /// <summary>One paragraph split in two and two neighbouring paragraphs merged (another outlet's layout).</summary>
    private static void SplitAndMergeParagraphs(EditableStory s, Random rng)
    {
        var splittable = Enumerable.Range(0, s.Paragraphs.Count).Where(i => s.Paragraphs[i].Count >= 2).ToList();
        if (splittable.Count > 0)
        {
            var i = splittable[rng.Next(splittable.Count)];
            var cut = 1 + rng.Next(s.Paragraphs[i].Count - 1);
            var tail = s.Paragraphs[i].Skip(cut).ToList();
            s.Paragraphs[i].RemoveRange(cut, s.Paragraphs[i].Count - cut);
            s.Paragraphs.Insert(i + 1, tail);
        }

        if (s.Paragraphs.Count >= 3)
        {
            var j = rng.Next(s.Paragraphs.Count - 1);
            s.Paragraphs[j].AddRange(s.Paragraphs[j + 1]);
            s.Paragraphs.RemoveAt(j + 1);
        }
    }

    private static readonly string[] Headers = ["UPDATE 1-", "CORRECTED-", "REFILE-", "RPT-"];

    private static readonly string[] Footers =
    [
        "(Reporting by staff; Editing by the desk)", "(Corrects spelling of name in third paragraph)",
        "Copyright 1987. All rights reserved.", "(Adds company comment in paragraph 4)", "Reuters",
    ];

    /// <summary>A wire header on the lead and a footer or correction line at the bottom.</summary>
    private static void Boilerplate(EditableStory s, Random rng)
    {
        if (s.Paragraphs.Count > 0 && s.Paragraphs[0].Count > 0 && rng.Next(2) == 0)
        {
            s.Paragraphs[0][0] = Headers[rng.Next(Headers.Length)] + s.Paragraphs[0][0];
        }

        var footer = Footers[rng.Next(Footers.Length)];
        if (rng.Next(2) == 0)
        {
            s.Paragraphs.Add([footer]);
        }
        else
        {
            s.Paragraphs.Insert(0, [footer]);
        }
    }

    /// <summary>A sentence split in two at a clause boundary (", and", "; ", ", which", or the middle comma).</summary>
    private static IEnumerable<string> SplitSentence(string sentence)
    {
        foreach (var mark in new[] { ", and ", "; ", ", which ", ", while ", ", but " })
        {
            var k = sentence.IndexOf(mark, StringComparison.Ordinal);
            if (k > 20 && k < sentence.Length - 20)
            {
                var rest = sentence[(k + mark.Length)..];
                if (mark is ", which " or ", while ")
                {
                    rest = "This " + (mark == ", which " ? "" : "came while ") + rest;
                }

                return [sentence[..k] + ".", char.ToUpperInvariant(rest[0]) + rest[1..]];
            }
        }

        return [sentence];
    }

    private static void RemoveParagraphs(EditableStory s, Random rng, int words, double maxShare, bool fromEnd)
    {
        var candidates = Enumerable.Range(1, Math.Max(0, s.Paragraphs.Count - 1))
            .Where(i => WordsOf(s.Paragraphs[i]) <= words * maxShare)
            .ToList();
        if (candidates.Count > 0)
        {
            s.Paragraphs.RemoveAt(fromEnd ? candidates[^1] : candidates[rng.Next(candidates.Count)]);
        }
        else
        {
            // No paragraph is small enough: cut one sentence instead.
            var p = s.Paragraphs.Where(x => x.Count > 1).ToList();
            if (p.Count > 0)
            {
                var para = p[rng.Next(p.Count)];
                para.RemoveAt(fromEnd ? para.Count - 1 : rng.Next(para.Count));
            }
        }
    }

    private static int WordsOf(List<string> paragraph) => paragraph.Sum(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    private static List<string> Take(EditableStory other, Random rng, int words)
    {
        var all = other.Paragraphs.SelectMany(p => p).ToList();
        var result = new List<string>();
        var start = all.Count == 0 ? 0 : rng.Next(Math.Max(1, all.Count / 2));
        var n = 0;
        for (var i = start; i < all.Count && (n < words || result.Count == 0); i++)
        {
            result.Add(all[i]);
            n += all[i].Split(' ').Length;
        }

        return result;
    }

    private static IEnumerable<List<string>> Chunk(List<string> sentences) => sentences.Chunk(2).Select(c => c.ToList());

    private static void EditWord(EditableStory s, Random rng)
    {
        var paras = s.Paragraphs.Where(p => p.Count > 0).ToList();
        if (paras.Count == 0)
        {
            return;
        }

        var para = paras[rng.Next(paras.Count)];
        var i = rng.Next(para.Count);
        var words = para[i].Split(' ').ToList();
        var k = rng.Next(words.Count);
        switch (rng.Next(3))
        {
            case 0:
                words[k] = Synonyms.TryGetValue(words[k].ToLowerInvariant(), out var syn) ? syn : "very " + words[k];
                break;
            case 1 when words.Count > 4:
                words.RemoveAt(k);
                break;
            default:
                words.Insert(k, "reportedly");
                break;
        }

        para[i] = string.Join(' ', words);
    }

    private static void Typo(EditableStory s, Random rng)
    {
        var paras = s.Paragraphs.Where(p => p.Count > 0).ToList();
        var para = paras[rng.Next(paras.Count)];
        var i = rng.Next(para.Count);
        var chars = para[i].ToCharArray();
        for (var t = 0; t < 20; t++)
        {
            var k = rng.Next(Math.Max(1, chars.Length - 1));
            if (char.IsLetter(chars[k]) && char.IsLetter(chars[k + 1]))
            {
                (chars[k], chars[k + 1]) = (chars[k + 1], chars[k]);
                break;
            }
        }

        para[i] = new string(chars);
    }

    /// <summary>A synonym written with the capital of the word it replaces.</summary>
    internal static string Recased(string word, string synonym) =>
        char.IsUpper(word.FirstOrDefault()) ? char.ToUpperInvariant(synonym[0]) + synonym[1..] : synonym;

    /// <summary>Word order: "A, B." becomes "B, a." at the comma given, most of the time, when both parts are long enough.</summary>
    internal static string MoveClause(string text, int comma, Random rng)
    {
        if (comma > 10 && comma < text.Length - 12 && rng.NextDouble() < 0.8)
        {
            var first = text[..comma];
            var rest = text[(comma + 2)..].TrimEnd('.');
            return char.ToUpperInvariant(rest[0]) + rest[1..] + ", " + char.ToLowerInvariant(first[0]) + first[1..] + ".";
        }

        return text;
    }

    /// <summary>Rewords a sentence: synonyms for a share of the words that have one, then a clause move.</summary>
    internal static string Reword(string sentence, Random rng, double synonymRate)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var core = w.TrimEnd('.', ',', ';', ':');
            var tail = w[core.Length..];
            if (Synonyms.TryGetValue(core.ToLowerInvariant(), out var syn) && rng.NextDouble() < synonymRate)
            {
                w = Recased(core, syn) + tail;
            }
            else if (core.Length > 0 && (core is "the" or "a" or "an") && rng.NextDouble() < 0.3)
            {
                continue;
            }

            sb.Append(w).Append(' ');
        }

        var text = sb.ToString().TrimEnd();
        return MoveClause(text, text.IndexOf(", ", StringComparison.Ordinal), rng);
    }
}
