namespace Dossier.Quotes;

/// <summary>A word or punctuation token of the extractor's own light segmentation.</summary>
internal readonly record struct QWord(int Start, int End, bool IsWord)
{
    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, End - Start);
}

/// <summary>
/// The segmentation the extractor works on: paragraphs (lines), words and sentences. When the article has a
/// <see cref="Text.TextLayer"/>, its sentences are used; the extractor keeps its own word scan (it needs quote
/// marks and apostrophes handled its way).
/// </summary>
internal sealed class QuoteText
{
    public QuoteText(string text, QuoteLexicon lexicon, Text.TextLayer? layer)
    {
        Text = text;
        Paragraphs = SplitParagraphs(text);
        Words = Tokenize(text, lexicon);
        Sentences = layer is { Sentences.Count: > 0 } ? SentencesFromLayer(text, layer) : Segment(text, Words, Paragraphs, lexicon);
    }

    public string Text { get; }

    public List<(int Start, int End)> Paragraphs { get; }

    public List<QWord> Words { get; }

    public List<(int Start, int End)> Sentences { get; }

    /// <summary>Index of the first word starting at or after <paramref name="pos"/>.</summary>
    public int WordAt(int pos)
    {
        int lo = 0, hi = Words.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (Words[mid].Start < pos)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The sentence containing <paramref name="pos"/> (or the last before it).</summary>
    public int SentenceOf(int pos)
    {
        int lo = 0, hi = Sentences.Count - 1, ans = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (Sentences[mid].Start <= pos)
            {
                ans = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ans;
    }

    public int ParagraphOf(int pos)
    {
        int lo = 0, hi = Paragraphs.Count - 1, ans = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (Paragraphs[mid].Start <= pos)
            {
                ans = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ans;
    }

    private string?[]? _texts;
    private string?[]? _lowers;

    /// <summary>The text of word <paramref name="i"/> (cached: rules ask for the same words many times).</summary>
    public string WordText(int i)
    {
        _texts ??= new string?[Words.Count];
        return _texts[i] ??= Dossier.Text.WordStrings.Exact(Text.AsSpan(Words[i].Start, Words[i].End - Words[i].Start));
    }

    /// <summary>The lower-case text of word <paramref name="i"/> (cached).</summary>
    public string WordLower(int i)
    {
        _lowers ??= new string?[Words.Count];
        return _lowers[i] ??= Dossier.Text.WordStrings.Lower(Text.AsSpan(Words[i].Start, Words[i].End - Words[i].Start));
    }

    public bool IsCapitalised(int i) => Words[i].IsWord && char.IsUpper(Text[Words[i].Start]);

    /// <summary>
    /// The text layer's sentences, with a split the extractor must not see undone: a "sentence" that starts with a
    /// lower-case word, or one that ends inside parentheses ("Sen. Chuck Schumer (D-N. | Y.) said ..."), joins the one before.
    /// </summary>
    private static List<(int, int)> SentencesFromLayer(string text, Text.TextLayer layer)
    {
        var list = new List<(int Start, int End)>(layer.Sentences.Count);
        foreach (var s in layer.Sentences)
        {
            if (list.Count > 0 && (char.IsLower(text[s.Start]) || OpenParenthesis(text, list[^1].Start, list[^1].End)) && !text.AsSpan(list[^1].End, s.Start - list[^1].End).Contains('\n'))
            {
                list[^1] = (list[^1].Start, s.End);
                continue;
            }

            list.Add((s.Start, s.End));
        }

        return list;
    }

    private static bool OpenParenthesis(string text, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
        }

        return depth > 0;
    }

    private static List<(int, int)> SplitParagraphs(string text)
    {
        var list = new List<(int, int)>();
        var s = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var a = s;
                var b = i;
                while (a < b && char.IsWhiteSpace(text[a]))
                {
                    a++;
                }

                while (b > a && char.IsWhiteSpace(text[b - 1]))
                {
                    b--;
                }

                if (b > a)
                {
                    list.Add((a, b));
                }

                s = i + 1;
            }
        }

        return list;
    }

    private static List<QWord> Tokenize(string text, QuoteLexicon lex)
    {
        var words = new List<QWord>(text.Length / 5);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var s = i;
                var segStart = i;
                i++;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d))
                    {
                        i++;
                    }
                    else if ((d is '\'' or '’' or '-' or '‐' or ',') && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])
                        && !(d == ',' && !(char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))) && !(d == '\'' && i + 1 < text.Length && text[i + 1] == '\''))
                    {
                        i++;
                        segStart = i;
                    }
                    else if (d == '.' && i - segStart == 1 && char.IsLetter(text[i - 1]) && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || (i + 1 < text.Length && !char.IsLetter(text[i + 1]) && s != segStart)))
                    {
                        // Initials and dotted abbreviations: "U.S.", "J.", "U.N."
                        i++;
                        segStart = i;
                    }
                    else if (d == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1]) && char.IsDigit(text[i - 1]))
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                // Title abbreviations keep their period: "Mr.", "Dr.", "Sen."
                if (i < text.Length && text[i] == '.' && char.IsUpper(text[s]) && i - s <= 4 && lex.Abbreviations.Contains(text.Substring(s, i - s)))
                {
                    i++;
                }

                words.Add(new QWord(s, i, true));
                continue;
            }

            var len = c == '\'' && i + 1 < text.Length && text[i + 1] == '\'' ? 2 : 1;
            words.Add(new QWord(i, i + len, false));
            i += len;
        }

        return words;
    }

    private static List<(int, int)> Segment(string text, List<QWord> words, List<(int Start, int End)> paragraphs, QuoteLexicon lex)
    {
        var list = new List<(int, int)>();
        var wi = 0;
        foreach (var (ps, pe) in paragraphs)
        {
            var s = ps;
            while (wi < words.Count && words[wi].Start < ps)
            {
                wi++;
            }

            for (; wi < words.Count && words[wi].Start < pe; wi++)
            {
                var w = words[wi];
                if (w.IsWord || text[w.Start] is not ('.' or '!' or '?'))
                {
                    continue;
                }

                if (text[w.Start] == '.' && wi > 0 && words[wi - 1].End == w.Start && words[wi - 1].IsWord)
                {
                    var prev = text.AsSpan(words[wi - 1].Start, words[wi - 1].End - words[wi - 1].Start);
                    if ((prev.Length == 1 && char.IsUpper(prev[0])) || lex.Abbreviations.Contains(prev.ToString().TrimEnd('.')) || prev.EndsWith("."))
                    {
                        continue;
                    }
                }

                // Closing quotes and brackets belong to the sentence they end.
                var e = w.End;
                var k = wi + 1;
                while (k < words.Count && !words[k].IsWord && words[k].Start == e && text[words[k].Start] is '"' or '”' or '’' or '\'' or ')' or ']' or '»' or '.' or '!' or '?')
                {
                    e = words[k].End;
                    k++;
                }

                if (k >= words.Count || words[k].Start >= pe)
                {
                    break;
                }

                var n = text[words[k].Start];
                if (words[k].Start > e && (char.IsUpper(n) || char.IsDigit(n) || QuoteMarks.IsQuoteChar(n)))
                {
                    list.Add((s, e));
                    s = words[k].Start;
                    wi = k - 1;
                }
            }

            list.Add((s, pe));
        }

        return list;
    }
}
