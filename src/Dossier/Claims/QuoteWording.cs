using System.Text;

namespace Dossier.Claims;

/// <summary>
/// Quote-wording conflicts: one statement quoted in different words by different articles (translations:
/// "appropriate time" / "convenient time"). Only the quoted words are compared, read as words (contractions and
/// number words as Claims/Data/wording.txt says), and aligned in order, so a cut, a lead-in, brackets, spelling and
/// acronyms are no rewording, but a word put in place of another, or inserted inside the part both quote, is.
/// Thread-safe.
/// </summary>
public static class QuoteWording
{
    /// <summary>Stands between two separately quoted parts ("its "critical" update ... "potentially vulnerable""): what lies between them was not quoted.</summary>
    internal const string Cut = "\u2016";

    private static readonly Dictionary<string, string[]> Clitics = Entries("clitic");

    private static readonly Dictionary<string, string> Negated = Entries("negated").ToDictionary(kv => kv.Key, kv => kv.Value[0], StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Numbers = Entries("number").ToDictionary(kv => kv.Key, kv => kv.Value[0], StringComparer.Ordinal);

    /// <summary>
    /// One conflict per quote group whose wordings differ: even two versions of one wire story, but not two quotes of
    /// one article only.
    /// </summary>
    public static IEnumerable<Conflict> Conflicts(IReadOnlyList<(string? Speaker, IReadOnlyList<QuoteVariant> Quotes)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var (speaker, quotes) in groups)
        {
            var forms = quotes
                .Select(q => (Quote: q, Words: QuotedWords(q)))
                .Where(x => x.Words.Count(w => w != Cut) >= 2)
                .GroupBy(x => string.Join(' ', x.Words.Where(w => w != Cut)), StringComparer.Ordinal)
                .Select(g => (g.First().Quote.Text, Content: ContentWords(g.First().Words), Articles: g.Select(x => x.Quote.Article).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
                .ToList();
            var inConflict = new bool[forms.Count];
            for (var i = 0; i < forms.Count; i++)
            {
                for (var j = i + 1; j < forms.Count; j++)
                {
                    if (forms[i].Articles.SequenceEqual(forms[j].Articles) && forms[i].Articles.Count == 1)
                    {
                        continue;
                    }

                    if (Reworded(forms[i].Content, forms[j].Content))
                    {
                        inConflict[i] = inConflict[j] = true;
                    }
                }
            }

            var variants = forms.Where((_, i) => inConflict[i]).Select(f => new ConflictSide(f.Text, f.Articles)).ToList();
            if (variants.Count < 2 || variants.SelectMany(v => v.Articles).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                continue;
            }

            yield return new Conflict("quote", $"quote wording: {speaker ?? "unattributed"}", variants);
        }
    }

    /// <summary>
    /// The words a quote variant quotes, lower-cased, with <see cref="Cut"/> between separately quoted parts: the parts
    /// in quotation marks when it has any (a part whose opening or closing mark was cut off by a sentence or line
    /// boundary runs to the text's start or end), else the whole text of a direct quote (none for reported speech).
    /// Insertions in brackets or parentheses are left out; an ellipsis is a cut; contractions and number words are
    /// read as Claims/Data/wording.txt says.
    /// </summary>
    public static IReadOnlyList<string> QuotedWords(QuoteVariant q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var parts = QuotedParts(q.Text);
        if (!parts.Any(p => p.Any(char.IsLetterOrDigit)))
        {
            parts = q.Direct ? [q.Text] : [];
        }

        var words = new List<string>();
        foreach (var part in parts)
        {
            if (words.Count > 0 && words[^1] != Cut)
            {
                words.Add(Cut);
            }

            AddWords(part, words);
        }

        while (words.Count > 0 && words[^1] == Cut)
        {
            words.RemoveAt(words.Count - 1);
        }

        // Lower case, but an acronym ("IE") stays upper case to be matched with the words it stands for.
        return words.Select(w => w == Cut || (w.Length is >= 2 and <= 5 && w.All(char.IsUpper)) ? w : w.ToLowerInvariant()).ToList();
    }

    /// <summary>Content words of quoted words (stop words and short words dropped, accents folded), cuts kept.</summary>
    public static List<string> ContentWords(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Where(w => w == Cut || IsAcronym(w) || (!Terms.IsStopWord(w) && !(w.Length < 3 && !char.IsDigit(w[0]))))
            .Select(w => w == Cut ? w : AgreementAnalyzer.Fold(w))
            .ToList();
    }

    /// <summary>
    /// Whether two wordings of one statement differ in their words. The content words are aligned in order (spelling
    /// variants, inflections and a word cut short match; an acronym matches the words it stands for; words run
    /// together match the words apart). They differ where one wording has words in place of the other's ("appropriate
    /// time" / "convenient time", "This morning I was stopped" / "Yesterday I was stopped"), or where one adds a word
    /// inside the part both quote ("who lost his wife" / "and his wife"). Words only before or after the shared part
    /// are a lead-in or a longer cut of the same quote; so are words between two separately quoted parts, and a
    /// figure written out ("6 p.m." / "6:00 p.m."). The shorter wording must share more of its words than it has of
    /// its own (one statement).
    /// </summary>
    public static bool Reworded(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = Join(Contract(a, b), b);
        var y = Join(Contract(b, a), a);
        var wx = x.Count(w => w != Cut);
        var wy = y.Count(w => w != Cut);
        if (wx == 0 || wy == 0)
        {
            return false;
        }

        var (shorter, longer) = wx <= wy ? (x, y) : (y, x);
        var shorterCount = Math.Min(wx, wy);
        var shared = shorter.Count(w => w != Cut && longer.Any(v => SameWord(w, v)));
        if (shared == 0 || (shorterCount - shared >= shared && !(shorterCount <= 2 && Math.Max(wx, wy) <= 3)))
        {
            return false;
        }

        // Longest common subsequence, then the gaps between its matches.
        var n = x.Count;
        var m = y.Count;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = SameWord(x[i], y[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var gaps = new List<(List<string> A, List<string> B, bool Edge)>();
        var ga = new List<string>();
        var gb = new List<string>();
        var matched = false;
        int p = 0, q = 0;
        while (p < n || q < m)
        {
            if (p < n && q < m && SameWord(x[p], y[q]) && lcs[p, q] == lcs[p + 1, q + 1] + 1)
            {
                if (ga.Count > 0 || gb.Count > 0)
                {
                    gaps.Add((ga, gb, !matched));
                    ga = [];
                    gb = [];
                }

                matched = true;
                p++;
                q++;
            }
            else if (q >= m || (p < n && lcs[p + 1, q] >= lcs[p, q + 1]))
            {
                ga.Add(x[p++]);
            }
            else
            {
                gb.Add(y[q++]);
            }
        }

        if (ga.Count > 0 || gb.Count > 0)
        {
            gaps.Add((ga, gb, true));
        }

        foreach (var (gapA, gapB, edge) in gaps)
        {
            // Words between two separately quoted parts were not quoted by that side: a cut, whatever the other has.
            if (gapA.Contains(Cut) || gapB.Contains(Cut))
            {
                continue;
            }

            // Words run together ("data centers" / "datacenters") and figures written out are the same wording.
            if ((gapA.Count > 0 && gapB.Count > 0 && SameWord(string.Concat(gapA), string.Concat(gapB)))
                || (gapA.All(IsFigure) && gapB.All(IsFigure)))
            {
                continue;
            }

            // A word in place of another, at the edge too ("This morning" / "Yesterday"); an insertion inside the part
            // both quote; but words only one side has before or after the shared part are a lead-in or a cut.
            if ((gapA.Count > 0 && gapB.Count > 0) || !edge)
            {
                return true;
            }
        }

        return false;

        static bool IsFigure(string w) => w.All(char.IsDigit);
    }

    private static bool IsAcronym(string w) => w.Length >= 2 && char.IsUpper(w[0]);

    private static bool SameWord(string x, string y) =>
        x != Cut && y != Cut
        && (x == y
            || Terms.Stem(x) == Terms.Stem(y)
            || (Math.Min(x.Length, y.Length) >= 5 && AgreementAnalyzer.Levenshtein(x, y) <= 1)
            || (Math.Min(x.Length, y.Length) >= 2 && (x.StartsWith(y, StringComparison.OrdinalIgnoreCase) || y.StartsWith(x, StringComparison.OrdinalIgnoreCase)) && !char.IsDigit(x[0])));

    /// <summary>The words of one wording with each run of two or three that the other writes as one word joined ("data centers" -> "datacenters", "cyber criminals" -> "cybercriminals").</summary>
    private static List<string> Join(List<string> words, IReadOnlyList<string> other)
    {
        var set = other.Where(w => w != Cut && w.Length >= 6).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (set.Count == 0)
        {
            return words;
        }

        for (var i = 0; i < words.Count; i++)
        {
            for (var len = 3; len >= 2; len--)
            {
                if (i + len > words.Count || words.Skip(i).Take(len).Contains(Cut))
                {
                    continue;
                }

                var joined = string.Concat(words.Skip(i).Take(len)).ToLowerInvariant();
                if (set.Contains(joined) || set.Contains(Terms.Stem(joined)) || set.Any(w => Terms.Stem(w) == Terms.Stem(joined)))
                {
                    words.RemoveRange(i, len);
                    words.Insert(i, joined);
                    break;
                }
            }
        }

        return words;
    }

    /// <summary>The words of one wording with each run that the other abbreviates replaced by the acronym ("Internet Explorer" -> "IE").</summary>
    private static List<string> Contract(IReadOnlyList<string> words, IReadOnlyList<string> other)
    {
        var list = words.ToList();
        foreach (var acronym in other.Where(w => w != Cut && IsAcronym(w)).Distinct(StringComparer.Ordinal))
        {
            for (var i = 0; i + acronym.Length <= list.Count; i++)
            {
                if (Enumerable.Range(0, acronym.Length).All(k => list[i + k].Length > 0 && list[i + k] != Cut && char.ToLowerInvariant(list[i + k][0]) == char.ToLowerInvariant(acronym[k])))
                {
                    list.RemoveRange(i, acronym.Length);
                    list.Insert(i, acronym);
                }
            }
        }

        return list;
    }

    private enum Mark
    {
        Open,
        Close,
        Either,
    }

    /// <summary>
    /// The parts of a text inside quotation marks. Curly marks say which way they face; a straight mark opens after a
    /// space and before a letter, closes after a letter or punctuation and before a space or the end, and otherwise
    /// toggles. A first mark that closes (after punctuation, with more words before it than after) ends a part whose
    /// opening mark was cut off; a part left open runs to the end.
    /// </summary>
    private static List<string> QuotedParts(string text)
    {
        var marks = new List<(int Start, int End, Mark Kind)>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '“' or '„')
            {
                marks.Add((i, i + 1, Mark.Open));
            }
            else if (c == '”')
            {
                marks.Add((i, i + 1, Mark.Close));
            }
            else if (c == '"' || (c == '\'' && i + 1 < text.Length && text[i + 1] == '\'') || (c == '`' && i + 1 < text.Length && text[i + 1] == '`'))
            {
                var end = c == '"' ? i + 1 : i + 2;
                var spaceBefore = i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '—' or '–';
                var spaceAfter = end >= text.Length || char.IsWhiteSpace(text[end]);
                var kind = c == '`' ? Mark.Open : spaceBefore && !spaceAfter ? Mark.Open : !spaceBefore && spaceAfter ? Mark.Close : Mark.Either;
                marks.Add((i, end, kind));
                i = end - 1;
            }
        }

        var parts = new List<string>();
        if (marks.Count == 0)
        {
            return parts;
        }

        var open = false;
        var from = 0;
        for (var k = 0; k < marks.Count; k++)
        {
            var (start, end, kind) = marks[k];
            if (kind == Mark.Either)
            {
                kind = open ? Mark.Close : k == 0 && ClosesCutQuote(text, start, end) ? Mark.Close : Mark.Open;
            }

            if (kind == Mark.Open)
            {
                if (!open)
                {
                    open = true;
                    from = end;
                }
            }
            else if (open)
            {
                parts.Add(text[from..start]);
                open = false;
            }
            else if (k == 0)
            {
                // The opening mark was cut off: the words before the first mark were quoted.
                parts.Add(text[..start]);
            }
        }

        if (open)
        {
            parts.Add(text[from..]);
        }

        return parts;
    }

    /// <summary>A first straight mark with spaces on both sides closes a quote when punctuation ends the words before it and fewer words follow it.</summary>
    private static bool ClosesCutQuote(string text, int start, int end)
    {
        var b = start - 1;
        while (b >= 0 && char.IsWhiteSpace(text[b]))
        {
            b--;
        }

        return b >= 0 && text[b] is ',' or '.' or '!' or '?'
            && text.AsSpan(0, start).Count(' ') > text.AsSpan(end).Count(' ');
    }

    /// <summary>Words of one quoted part (letters and digits; "e-mail" is "email"), without insertions in brackets or parentheses; contractions and number words read as wording.txt says; an ellipsis is a cut.</summary>
    private static void AddWords(string body, List<string> words)
    {
        var depth = 0;
        var word = new StringBuilder();
        var apostrophe = false;
        for (var i = 0; i <= body.Length; i++)
        {
            var c = i < body.Length ? body[i] : ' ';
            if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (depth == 0 && char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if ((c == '-' || (c == '.' && i + 1 < body.Length && char.IsLetterOrDigit(body[i + 1]))) && word.Length > 0)
            {
                // "e-mail" is "email", "MySpace.com" one word, "U.S." is "US"
                continue;
            }

            if (word.Length > 0)
            {
                Add(word.ToString(), apostrophe, words);
                word.Clear();
                apostrophe = false;
            }

            if (c is '\'' or '’')
            {
                // An apostrophe right after a word (ECB+ texts put spaces around it: "couldn ’ t") may start a clitic.
                apostrophe = words.Count > 0 && words[^1] != Cut && LastIsWord(body, i);
            }
            else if (!char.IsWhiteSpace(c))
            {
                apostrophe = false;
            }

            if (depth == 0 && (c == '…' || (c == '.' && i + 2 < body.Length && body[i + 1] == '.' && body[i + 2] == '.')))
            {
                if (words.Count > 0 && words[^1] != Cut)
                {
                    words.Add(Cut);
                }

                while (i + 1 < body.Length && body[i + 1] == '.')
                {
                    i++;
                }
            }
        }

        static bool LastIsWord(string body, int i)
        {
            var b = i - 1;
            while (b >= 0 && body[b] == ' ')
            {
                b--;
            }

            return b >= 0 && char.IsLetter(body[b]);
        }
    }

    private static void Add(string w, bool afterApostrophe, List<string> words)
    {
        var lower = w.ToLowerInvariant();
        if (afterApostrophe && words.Count > 0)
        {
            if (lower == "t" && words[^1].EndsWith('n'))
            {
                // "don't" is "do not", "won't" is "will not".
                var stem = words[^1][..^1].ToLowerInvariant();
                words[^1] = Negated.TryGetValue(stem, out var neg) ? neg : words[^1][..^1];
                words.Add("not");
                return;
            }

            if (Clitics.TryGetValue(lower, out var full))
            {
                words.AddRange(full.Where(f => f != "-"));
                return;
            }
        }

        words.Add(Numbers.TryGetValue(lower, out var figure) ? figure : w);
    }

    private static Dictionary<string, string[]> Entries(string kind) =>
        Terms.LoadLines("wording.txt")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 3 && p[0] == kind)
            .ToDictionary(p => p[1], p => p[2..], StringComparer.Ordinal);
}
