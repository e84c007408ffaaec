using System.IO.Hashing;
using System.Runtime.InteropServices;
using Dossier.Core;

namespace Dossier.Copies;

/// <summary>A word of a text as the copy detector sees it: its span, the hash of its lower-cased form and of its stem.</summary>
/// <param name="Hash">Hash of the word's lower-cased form, other spellings of one word made one ("mln" and "million").</param>
/// <param name="IsContent">Not a stop word: a content word, a number or a name.</param>
/// <param name="Literal">Hash of the word as written, lower-cased (the exact hash reads it); 0: <paramref name="Hash"/>.</param>
public readonly record struct CopyWord(int Start, int End, ulong Hash, ulong Stem, bool IsContent, bool IsNumber = false, bool IsName = false, ulong Literal = 0);

/// <summary>A sentence: its span, its paragraph and its words <c>[FirstWord, FirstWord + WordCount)</c>.</summary>
public readonly record struct CopySentence(int Start, int End, int Paragraph, int FirstWord, int WordCount)
{
    public TextSpan Span => new(Start, End);
}

/// <summary>
/// Words, sentences and paragraphs for copy detection: lower-cased words (numbers without thousands separators),
/// light stems, stop words from <c>Copies/Data/stopwords.txt</c>, sentence ends from punctuation and line layout
/// (a line break is a paragraph break when the next line is indented, after a blank line, or after a sentence end;
/// otherwise it is a wrapped line). Pure and thread-safe.
/// </summary>
public static class CopyText
{
    private static readonly HashSet<string> StopWords = LoadList("stopwords.txt");
    private static readonly HashSet<string> Abbreviations = LoadList("abbreviations.txt");
    private static readonly Dictionary<string, string> Variants = LoadVariants("variants.txt");
    private static readonly (string British, string American, int Keep)[] Spellings = LoadSpellings("spellings.txt");
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> VariantLookup = Variants.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>What a lower-cased word is, in one lookup: a stop word, another form of a word (and whether that word is a stop word), the first of a two-word form.</summary>
    private readonly record struct Entry(bool Stop, string? Kept, bool KeptStop, bool PairStart);

    private static readonly Dictionary<string, Entry> Lexicon = BuildLexicon();
    private static readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> LexiconLookup = Lexicon.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int LongestEntry = Lexicon.Keys.Max(k => k.Length);

    /// <summary>The spelling rules by the last two letters of their British ending, longest ending first.</summary>
    private static readonly (string British, string American, int Keep)[]?[] SpellingsByEnd = BuildSpellingIndex();
    private static readonly int ShortestSpelling = Spellings.Min(x => x.British.Length + x.Keep);
    private static readonly HashSet<string> GenericNameWords = LoadList("generic-names.txt");
    private static readonly Lazy<HashSet<ulong>> GenericNames = new(() => [.. GenericNameWords.SelectMany(w => Analyze(w).Words).Select(w => w.Hash)]);
    private const string PercentWord = "pct";

    /// <summary>Earlier word to the later words that may replace it when a story is told again later (<c>Copies/Data/tense-shifts.txt</c>).</summary>
    private static readonly Lazy<Dictionary<ulong, ulong[]>> TenseShifts = new(() =>
        LoadList("tense-shifts.txt").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (Earlier: Analyze(p[0]).Words[0].Hash, Later: Analyze(p[1]).Words[0].Hash))
            .GroupBy(p => p.Earlier).ToDictionary(g => g.Key, g => g.Select(p => p.Later).ToArray()));

    /// <summary>
    /// Whether sentence <paramref name="j"/> of <paramref name="b"/> tells sentence <paramref name="i"/> of
    /// <paramref name="a"/> later: a word of a's gave way to its later form (present to past, a day to "yesterday"),
    /// which a's sentence did not have.
    /// </summary>
    internal static bool Redated(CopyProfile a, int i, CopyProfile b, int j)
    {
        var shifts = TenseShifts.Value;
        var (sa, sb) = (a.Sentences[i], b.Sentences[j]);
        var wa = a.WordHashes.AsSpan(sa.FirstWord, sa.WordCount);
        var wb = b.WordHashes.AsSpan(sb.FirstWord, sb.WordCount);
        foreach (var w in wa)
        {
            if (shifts.TryGetValue(w, out var later) && !wb.Contains(w))
            {
                foreach (var l in later)
                {
                    if (wb.Contains(l) && !wa.Contains(l))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static readonly ulong PercentHash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(PercentWord.AsSpan()));

    private static readonly ulong PercentSignHash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes("%".AsSpan()));
    private static readonly bool PercentStop = StopWords.Contains(PercentWord);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbrevLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The stop words (for tests and documentation).</summary>
    public static IReadOnlySet<string> StopWordList => StopWords;

    /// <summary>Splits <paramref name="text"/> into words and sentences.</summary>
    public static (CopyWord[] Words, CopySentence[] Sentences) Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<CopyWord>(Math.Min(text.Length / 5 + 4, 1 << 20));
        var sentences = new List<CopySentence>();
        Span<char> buf = stackalloc char[64];
        Span<char> prev = stackalloc char[64];
        Span<char> pair = stackalloc char[64];
        var prevLen = 0;
        var paragraph = 0;
        var sentStart = -1;
        var sentFirstWord = 0;
        var i = 0;
        var n = text.Length;

        void EndSentence(int end)
        {
            prevLen = 0;
            if (sentStart >= 0 && words.Count > sentFirstWord)
            {
                sentences.Add(new CopySentence(sentStart, end, paragraph, sentFirstWord, words.Count - sentFirstWord));
            }

            sentStart = -1;
            sentFirstWord = words.Count;
        }

        while (i < n)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var len = 0;
                var digits = true;
                var initials = false;
                while (i < n)
                {
                    var ch = text[i];
                    if (char.IsLetterOrDigit(ch))
                    {
                        digits &= char.IsDigit(ch);
                        if (len < buf.Length)
                        {
                            buf[len++] = char.ToLowerInvariant(ch);
                        }

                        i++;
                        continue;
                    }

                    // Keep 1,750, 5.93 and 9-13/16 whole (without the comma), and it's / Kim's together.
                    if (i + 1 < n && char.IsDigit(text[i + 1]) && digits && len > 0 && (ch is ',' or '.' or '/' or '-'))
                    {
                        if (ch != ',' && len < buf.Length)
                        {
                            buf[len++] = ch;
                        }

                        i++;
                        continue;
                    }

                    if ((ch == '\'' || ch == '\u2019') && i + 1 < n && char.IsLetter(text[i + 1]) && !digits)
                    {
                        i++;
                        continue;
                    }

                    // Initials are one word without their dots: "U.S." is "us", as "US" is (the last dot is left to
                    // the sentence end test).
                    if (ch == '.' && !digits && (len == 1 || initials) && i + 2 < n && char.IsLetter(text[i + 1]) && text[i + 2] == '.'
                        && (i + 3 >= n || !char.IsLetter(text[i + 3])))
                    {
                        initials = true;
                        if (len < buf.Length)
                        {
                            buf[len++] = char.ToLowerInvariant(text[i + 1]);
                        }

                        i += 2;
                        continue;
                    }

                    break;
                }

                if (sentStart < 0)
                {
                    sentStart = start;
                }

                var raw = buf[..len];
                var pairStart = -1;
                var literal = 0UL;
                var stop = false;
                if (prevLen > 0 && words.Count > sentFirstWord && words[^1].End < start && prevLen + 1 + len <= pair.Length
                    && IsSpace(text, words[^1].End, start))
                {
                    // Two words that are another form of one ("per cent").
                    prev[..prevLen].CopyTo(pair);
                    pair[prevLen] = ' ';
                    raw.CopyTo(pair[(prevLen + 1)..]);
                    if (VariantLookup.TryGetValue(pair[..(prevLen + 1 + len)], out var joined))
                    {
                        stop = StopWords.Contains(joined);
                        literal = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(pair[..(prevLen + 1 + len)]));
                        pairStart = words[^1].Start;
                        words.RemoveAt(words.Count - 1);
                        prevLen = 0;
                        joined.AsSpan().CopyTo(buf);
                        len = joined.Length;
                    }
                }

                if (pairStart < 0)
                {
                    var entry = len <= LongestEntry && LexiconLookup.TryGetValue(raw, out var e) ? e : default;

                    // Only the first word of a two-word form is kept to try the next word with.
                    prevLen = entry.PairStart ? len : 0;
                    raw[..prevLen].CopyTo(prev);
                    stop = entry.Stop;

                    // Outlets write one word in different ways ("mln", "million", "pct", "%"). As written, it makes the
                    // text's exact hash: a copy that only respells is a near copy, not the same text.
                    if (entry.Kept is { } kept)
                    {
                        literal = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(raw));
                        kept.AsSpan().CopyTo(buf);
                        len = kept.Length;
                        stop = entry.KeptStop;
                    }
                    else if (!stop && SpellingOf(raw) is var (british, american))
                    {
                        // Respelled in place: the word as written is hashed first.
                        literal = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(raw));
                        american.AsSpan().CopyTo(buf[(len - british.Length)..]);
                        len = len - british.Length + american.Length;
                    }
                }

                var token = buf[..len];
                digits = IsNumber(token);
                var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(token));

                var stemLen = Stem(token);
                var stem = stemLen == len ? hash : XxHash3.HashToUInt64(MemoryMarshal.AsBytes(token[..stemLen]));
                var from = pairStart < 0 ? start : pairStart;
                words.Add(new CopyWord(from, i, hash, stem, !stop, digits, !stop && !digits && char.IsUpper(text[from]) && sentStart != from, literal == hash ? 0 : literal));
                continue;
            }

            if (sentStart < 0 && !char.IsWhiteSpace(c))
            {
                sentStart = i;
            }

            if (c == '%')
            {
                words.Add(new CopyWord(i, i + 1, PercentHash, PercentHash, !PercentStop, Literal: PercentSignHash));
                prevLen = 0;
                i++;
                continue;
            }

            if (c is '.' or '!' or '?')
            {
                var end = i + 1;
                while (end < n && text[end] is '"' or '\'' or '\u201d' or '\u2019' or ')' or '.' or '!' or '?')
                {
                    end++;
                }

                if (IsSentenceEnd(text, i, end, words))
                {
                    EndSentence(end);
                }

                i = end;
                continue;
            }

            if (c == '\n' && sentStart >= 0 && IsParagraphBreak(text, i))
            {
                var end = i;
                while (end > sentStart && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                EndSentence(end);
                paragraph++;
            }
            else if (c == '\n' && sentStart < 0 && sentences.Count > 0 && sentences[^1].Paragraph == paragraph && IsParagraphBreak(text, i))
            {
                paragraph++;
            }

            i++;
        }

        var last = n;
        while (last > 0 && char.IsWhiteSpace(text[last - 1]))
        {
            last--;
        }

        EndSentence(Math.Max(last, sentStart));
        return ([.. words], [.. sentences]);
    }

    private static bool IsSentenceEnd(string text, int dot, int after, List<CopyWord> words)
    {
        var n = text.Length;
        if (after >= n)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[after]))
        {
            return false;
        }

        var j = after;
        while (j < n && char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        if (j >= n)
        {
            return true;
        }

        var next = text[j];
        if (!(char.IsUpper(next) || char.IsDigit(next) || next is '"' or '\u201c' or '\u2018' or '\'' or '(' or '-' or '\u2014'))
        {
            return false;
        }

        if (text[dot] == '.' && words.Count > 0 && words[^1].End == dot)
        {
            // "Mr. Putin", "U.S. officials", "Jan. 5": an abbreviation before the dot does not end the sentence.
            var w = words[^1];
            var ws = w.Start;
            while (ws >= 2 && text[ws - 1] == '.' && char.IsLetter(text[ws - 2]))
            {
                ws -= 2;
                while (ws > 0 && char.IsLetter(text[ws - 1]))
                {
                    ws--;
                }
            }

            var word = text.AsSpan(ws, dot - ws);
            Span<char> lower = stackalloc char[Math.Min(word.Length, 16)];
            if (word.Length <= 16)
            {
                word.ToLowerInvariant(lower);
                if (AbbrevLookup.Contains(lower) || (word.Length == 1 && char.IsUpper(word[0])))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A line break ends a paragraph when a blank line or an indented line follows, or the line ends a sentence.</summary>
    private static bool IsParagraphBreak(string text, int newline)
    {
        var j = newline + 1;
        if (j >= text.Length)
        {
            return true;
        }

        if (text[j] is '\n' or '\r' or ' ' or '\t')
        {
            return true;
        }

        var k = newline - 1;
        while (k >= 0 && text[k] is '\r' or ' ' or '\t')
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '"' or '\u201d' or '\'' or '\u2019' or ':' or '_';
    }

    /// <summary>
    /// Whether a sentence is a headline or dateline line: short (at most <see cref="HeadlineWords"/> words), ending in no
    /// sentence punctuation, with most of its words written with a capital ("Harley Seeks End To Tariffs -- NEW YORK,
    /// MARCH 3"). It names the story; it reports nothing new.
    /// </summary>
    public static bool IsHeadline(string text, CopySentence sentence)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(sentence.Start, sentence.End - sentence.Start).TrimEnd();
        if (span.Length == 0 || span[^1] is '.' or '!' or '?' or '"' or '\u201d' or '\'' or '\u2019' or ')' or ';' or ',')
        {
            return false;
        }

        int words = 0, capitals = 0;
        foreach (var range in span.Split(' '))
        {
            var w = span[range];
            if (w.Length == 0 || !char.IsLetter(w[0]))
            {
                continue;
            }

            words++;
            capitals += char.IsUpper(w[0]) ? 1 : 0;
        }

        return words is > 0 and <= HeadlineWords && capitals >= HeadlineCapitals * words;
    }

    /// <summary>
    /// Whether a sentence is a section heading: at most <see cref="HeadingWords"/> words, none of them a figure, opening
    /// with a capital, and no sentence's end (a colon may close it): "Background", "KEY FACTS:", "How it unfolded:".
    /// </summary>
    public static bool IsHeading(string text, CopySentence sentence)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(sentence.Start, sentence.End - sentence.Start).Trim();
        if (span.Length == 0 || !char.IsUpper(span[0]) || span[^1] is '.' or '!' or '?' or '"' or '\u201d' or '\'' or '\u2019' or ')' or ';' or ','
            || span.ContainsAnyInRange('0', '9'))
        {
            return false;
        }

        return span.Count(' ') < HeadingWords;
    }

    /// <summary>Most words of a section heading.</summary>
    private const int HeadingWords = 6;

    /// <summary>
    /// Whether a sentence is a wire slug line: at most <see cref="LinkLineWords"/> words, no sentence's end, opening with a
    /// word of three capital letters or more ("UPDATE 2 - adds reaction, details", "REFILE-(Adds details in paragraphs
    /// 2-3)"). It says what the desk did; the news is below it. (Since round 9.)
    /// </summary>
    public static bool IsSlug(string text, CopySentence sentence)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(sentence.Start, sentence.End - sentence.Start).Trim();
        if (span.Length == 0 || span[^1] is '.' or '!' or '?' or '"' or '\u201d' || span.Count(' ') >= LinkLineWords)
        {
            return false;
        }

        var caps = 0;
        while (caps < span.Length && char.IsAsciiLetterUpper(span[caps]))
        {
            caps++;
        }

        return caps >= 3 && (caps == span.Length || !char.IsLetter(span[caps]));
    }

    /// <summary>
    /// Whether a sentence is a line of a list of links or a heading over one ("Read more:", "- Oil output to rise in
    /// May"): no sentence's end, at most <see cref="LinkLineWords"/> words, and no figure unless it is marked as a
    /// list item. Reporting is written in sentences; a table line has figures.
    /// </summary>
    public static bool IsLinkLine(string text, CopySentence sentence)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(sentence.Start, sentence.End - sentence.Start).Trim();
        if (span.Length == 0 || span[^1] is '.' or '!' or '?' or '"' or '\u201d' or '\'' or '\u2019' or ')' or ';' or ',')
        {
            return false;
        }

        var item = span[0] is '-' or '*' or '\u2022' or '\u2013' or '\u2014';
        var words = 0;
        foreach (var range in span.Split(' '))
        {
            var w = span[range];
            if (w.Length == 0)
            {
                continue;
            }

            words++;
            if (!item && w.ContainsAnyInRange('0', '9'))
            {
                return false;
            }
        }

        return words <= LinkLineWords;
    }

    private const int LinkLineWords = 12;

    /// <summary>Most words of a headline line, and the least share of them written with a capital.</summary>
    private const int HeadlineWords = 20;

    private const double HeadlineCapitals = 0.6;

    /// <summary>Whether a word (by its <see cref="CopyWord.Hash"/>) is a capitalised word that names no one in particular ("Corp", "March").</summary>
    public static bool IsGenericName(ulong hash) => GenericNames.Value.Contains(hash);

    /// <summary>
    /// For a name written with a possessive ("Lena's", "Lena’s"), the hash the name has without it ("lena"); 0 for
    /// any other word. The words keep the possessive whole, so "Lena's storm" names Lena only through this.
    /// </summary>
    internal static ulong PossessiveBase(ReadOnlySpan<char> word)
    {
        if (word.Length < 4 || word[^1] is not ('s' or 'S') || word[^2] is not ('\'' or '\u2019'))
        {
            return 0;
        }

        Span<char> buf = stackalloc char[Math.Min(word.Length, 64)];
        var len = 0;
        foreach (var c in word[..^2])
        {
            if (char.IsLetterOrDigit(c) && len < buf.Length)
            {
                buf[len++] = char.ToLowerInvariant(c);
            }
        }

        return len == 0 ? 0 : XxHash3.HashToUInt64(MemoryMarshal.AsBytes(buf[..len]));
    }

    /// <summary>The variants, each form to the form kept (for tests and documentation).</summary>
    public static IReadOnlyDictionary<string, string> VariantList => Variants;

    /// <summary>The British endings, their American forms and the letters a word keeps before them (for tests and documentation).</summary>
    public static IReadOnlyList<(string British, string American, int Keep)> SpellingList => Spellings;

    /// <summary>The words that name no one in particular (for tests and documentation).</summary>
    public static IReadOnlySet<string> GenericNameList => GenericNameWords;

    /// <summary>The British ending of a lower-cased word and its American form, or null.</summary>
    internal static (string British, string American)? SpellingOf(ReadOnlySpan<char> w)
    {
        // Most words end in no British ending: their last two letters say so at once.
        var len = w.Length;
        if (len < ShortestSpelling || w[len - 1] >= 128 || w[len - 2] >= 128 || SpellingsByEnd[(w[len - 2] * 128) + w[len - 1]] is not { } rules)
        {
            return null;
        }

        foreach (var (british, american, keep) in rules)
        {
            if (len >= british.Length + keep && len - british.Length + american.Length <= 64 && w.EndsWith(british.AsSpan(), StringComparison.Ordinal))
            {
                return (british, american);
            }
        }

        return null;
    }

    private static bool IsNumber(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || !char.IsDigit(token[0]))
        {
            return false;
        }

        foreach (var ch in token)
        {
            if (!char.IsDigit(ch) && ch is not ('.' or '/' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpace(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A light English stemmer on a lower-cased word, in place; returns the stem length.</summary>
    internal static int Stem(Span<char> w)
    {
        var n = w.Length;
        if (n <= 3 || char.IsDigit(w[0]))
        {
            return n;
        }

        if (n > 4 && w[n - 3] == 'i' && w[n - 2] == 'e' && w[n - 1] == 's')
        {
            w[n - 3] = 'y';
            return n - 2;
        }

        if (n > 5 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g')
        {
            return Undouble(w, n - 3);
        }

        if (n > 4 && w[n - 3] == 'i' && w[n - 2] == 'e' && w[n - 1] == 'd')
        {
            w[n - 3] = 'y';
            return n - 2;
        }

        if (n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd')
        {
            return Undouble(w, n - 2);
        }

        if (n > 5 && w[n - 2] == 'l' && w[n - 1] == 'y')
        {
            return n - 2;
        }

        if (w[n - 1] == 's' && w[n - 2] is not ('s' or 'u' or 'i'))
        {
            return w[n - 2] == 'e' && n > 4 && w[n - 3] is 's' or 'x' or 'z' or 'h' ? n - 2 : n - 1;
        }

        if (n > 4 && w[n - 1] == 'e')
        {
            return n - 1;
        }

        return n;
    }

    private static int Undouble(Span<char> w, int n)
    {
        if (n >= 3 && w[n - 1] == w[n - 2] && w[n - 1] is not ('l' or 's' or 'z'))
        {
            return n - 1;
        }

        return n > 4 && w[n - 1] == 'e' ? n - 1 : n;
    }

    private static Dictionary<string, Entry> BuildLexicon()
    {
        var lexicon = StopWords.ToDictionary(w => w, _ => new Entry(true, null, false, false), StringComparer.Ordinal);
        foreach (var (form, kept) in Variants)
        {
            var space = form.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                lexicon[form] = lexicon.GetValueOrDefault(form) with { Kept = kept, KeptStop = StopWords.Contains(kept) };
            }
            else
            {
                var first = form[..space];
                lexicon[first] = lexicon.GetValueOrDefault(first) with { PairStart = true };
            }
        }

        return lexicon;
    }

    private static (string, string, int)[]?[] BuildSpellingIndex()
    {
        var index = new (string, string, int)[]?[128 * 128];
        foreach (var g in Spellings.GroupBy(x => (x.British[^2] * 128) + x.British[^1]))
        {
            index[g.Key] = [.. g.OrderByDescending(x => x.British.Length)];
        }

        return index;
    }

    private static Dictionary<string, string> LoadVariants(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in LoadList(name))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var kept = line[..eq].Trim();
            foreach (var form in line[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                map[form] = kept;
            }
        }

        return map;
    }

    private static (string, string, int)[] LoadSpellings(string name) =>
        [.. LoadList(name).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderByDescending(p => p.Item1.Length)];

    private static HashSet<string> LoadList(string name)
    {
        var asm = typeof(CopyText).Assembly;
        var resource = asm.GetManifestResourceNames().FirstOrDefault(r => r.EndsWith("Copies.Data." + name, StringComparison.Ordinal));
        if (resource is null)
        {
            DossierThrow.Dossier_ModelMissing("Copies/Data/" + name);
        }

        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var t = line.Trim();
            if (t.Length > 0 && t[0] != '#')
            {
                set.Add(t);
            }
        }

        return set;
    }
}
