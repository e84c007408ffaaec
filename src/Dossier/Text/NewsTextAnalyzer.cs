using System.Runtime.CompilerServices;

namespace Dossier.Text;

/// <summary>
/// A one-pass tokeniser and sentence splitter for news English. Tokens: words (with inner hyphens and
/// apostrophes; clitics <c>'s</c>, <c>n't</c>, <c>'ll</c>... split off as in the Penn Treebank and CoNLL),
/// numbers (decimals, thousands), acronyms with periods (U.S., a.m.), initials (M.), listed abbreviations
/// (Mr., Gen., Jan.), quotes, punctuation and symbols. Sentences end at . ? ! (and closing quotes or brackets
/// after them) before a capital, digit or opening quote, at a listed abbreviation only before a usual
/// sentence opener, and at line breaks (blank lines only in hard-wrapped text). Thread-safe.
/// </summary>
public sealed class NewsTextAnalyzer : ITextAnalyzer
{
    private readonly TextLexicon _lexicon;
    private readonly TextOptions _options;

    public NewsTextAnalyzer(TextLexicon? lexicon = null, TextOptions? options = null)
    {
        _lexicon = lexicon ?? TextLexicon.Default;
        _options = options ?? TextOptions.Default;
    }

    public static NewsTextAnalyzer Default { get; } = new();

    public TextLayer Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new TokenBuffer(Math.Max(16, text.Length / 5));
        Tokenize(text, ref tokens);
        var sentences = Split(text, tokens);
        return new TextLayer(tokens.ToArray(), sentences);
    }

    /// <summary>Tokens only (no sentences).</summary>
    public Token[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new TokenBuffer(Math.Max(16, text.Length / 5));
        Tokenize(text, ref tokens);
        return tokens.ToArray();
    }

    private void Tokenize(string text, ref TokenBuffer tokens)
    {
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var c = text[i];
            if (c <= ' ' || char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (IsLetterOrDigit(c))
            {
                i = ScanWord(text, i, ref tokens);
                continue;
            }

            if (IsApostrophe(c) && i > 0 && IsLetterOrDigit(text[i - 1]) && CliticLength(text, i) is var cl and > 0)
            {
                tokens.Add(new Token(i, i + cl, TokenKind.Word), AbbreviationKind.None);
                i += cl;
                continue;
            }

            // Quotes: doubled '' and `` count as one quote token.
            if (c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\u2018' or '\u2019' or '\'' or '`' or '\u201A' or '\u2039' or '\u203A')
            {
                var len = (c is '\'' or '`') && i + 1 < n && text[i + 1] == c ? 2 : 1;
                tokens.Add(new Token(i, i + len, TokenKind.Quote), AbbreviationKind.None);
                i += len;
                continue;
            }

            if (c == '.' && i + 1 < n && IsDigit(text[i + 1]) && (i == 0 || !(IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or ',')))
            {
                i = ScanWord(text, i, ref tokens); // a number with no leading digit: a .357 Magnum, a .919 OPS
                continue;
            }

            if (c == '.')
            {
                var j = i + 1;
                while (j < n && text[j] == '.')
                {
                    j++;
                }

                tokens.Add(new Token(i, j, TokenKind.Punctuation), AbbreviationKind.None);
                i = j;
                continue;
            }

            if (c is '-' or '\u2013' or '\u2014' or '\u2015')
            {
                var j = i + 1;
                while (j < n && text[j] is '-' or '\u2013' or '\u2014' or '\u2015')
                {
                    j++;
                }

                tokens.Add(new Token(i, j, TokenKind.Punctuation), AbbreviationKind.None);
                i = j;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                tokens.Add(new Token(i, i + 2, TokenKind.Symbol), AbbreviationKind.None);
                i += 2;
                continue;
            }

            var kind = char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol;
            tokens.Add(new Token(i, i + 1, kind), AbbreviationKind.None);
            i++;
        }
    }

    private int ScanWord(string text, int start, ref TokenBuffer tokens)
    {
        var n = text.Length;

        // Acronyms and initials: (Letter '.')+ as in U.S., a.m., M.
        if (IsLetter(text[start]) && start + 1 < n && text[start + 1] == '.')
        {
            var k = start;
            var pieces = 0;
            while (k + 1 < n && IsLetter(text[k]) && text[k + 1] == '.')
            {
                k += 2;
                pieces++;
            }

            var dotted = true;
            if (pieces >= 1 && k < n && IsLetter(text[k]) && (k + 1 >= n || !IsLetterOrDigit(text[k + 1])))
            {
                k++; // U.S without its final period
                pieces++;
                dotted = false;
            }

            if (pieces >= 2 || (pieces == 1 && char.IsUpper(text[start])))
            {
                var abbr = dotted ? _lexicon.Abbreviation(text.AsSpan(start, k - 1 - start)) : AbbreviationKind.None;
                if (dotted && abbr == AbbreviationKind.None)
                {
                    abbr = AbbreviationKind.Other;
                }

                tokens.Add(new Token(start, k, TokenKind.Word), abbr);
                return k;
            }
        }

        var digitStart = IsDigit(text[start]) || text[start] == '.';
        var j = start + 1;
        while (j < n)
        {
            var c = text[j];
            if (IsLetterOrDigit(c))
            {
                if (c == 'n' && j + 2 < n && IsApostrophe(text[j + 1]) && text[j + 2] == 't' && (j + 3 >= n || !IsLetter(text[j + 3])) && j > start)
                {
                    break; // don't -> do n't
                }

                j++;
                continue;
            }

            if (j + 1 >= n)
            {
                break;
            }

            var next = text[j + 1];
            if (c is '-' or '\u2010' or '\u2011' && IsLetterOrDigit(next))
            {
                j += 2;
                continue;
            }

            if (IsApostrophe(c) && IsLetter(next))
            {
                if (CliticLength(text, j) > 0)
                {
                    break;
                }

                j += 2;
                continue;
            }

            if ((c == '.' || c == ',') && digitStart && IsDigit(text[j - 1]) && IsDigit(next))
            {
                j += 2;
                continue;
            }

            if (c == '&' && IsUpper(text[j - 1]) && IsUpper(next) && j - start <= 2)
            {
                j += 2; // AT&T, S&P
                continue;
            }

            break;
        }

        if (j < n && text[j] == '.' && !digitStart)
        {
            var abbr = _lexicon.Abbreviation(text.AsSpan(start, j - start));
            if (abbr != AbbreviationKind.None)
            {
                tokens.Add(new Token(start, j + 1, TokenKind.Word), abbr);
                return j + 1;
            }
        }

        tokens.Add(new Token(start, j, digitStart ? TokenKind.Number : TokenKind.Word), AbbreviationKind.None);
        return j;
    }

    /// <summary>Length of a clitic ('s, 'll, 're, 've, 'd, 'm, 't) starting at an apostrophe, or 0.</summary>
    private static int CliticLength(string text, int i)
    {
        var n = text.Length;
        var j = i + 1;
        while (j < n && IsLetter(text[j]) && j - i <= 3)
        {
            j++;
        }

        if (j < n && IsLetterOrDigit(text[j]))
        {
            return 0;
        }

        var s = text.AsSpan(i + 1, j - i - 1);
        return s switch
        {
            "s" or "S" or "ll" or "LL" or "re" or "RE" or "ve" or "VE" or "d" or "D" or "m" or "M" => j - i,
            _ => 0,
        };
    }

    private Sentence[] Split(string text, TokenBuffer tokens)
    {
        var count = tokens.Count;
        if (count == 0)
        {
            return [];
        }

        var wrapped = _options.DetectHardWrap && IsHardWrapped(text);
        var result = new List<Sentence>(Math.Max(4, count / 20));
        var first = 0;
        var toks = tokens.Items;
        var abbrs = tokens.Abbreviations;
        for (var k = 0; k < count; k++)
        {
            var t = toks[k];
            var end = k;
            var split = false;
            if (k + 1 == count)
            {
                split = true;
            }
            else if (LineBreakBetween(text, t.End, toks[k + 1].Start, wrapped))
            {
                split = true;
            }
            else if (IsTerminal(text, t, abbrs[k], out var abbr))
            {
                // Take closing quotes and brackets that follow the terminal mark.
                var m = k + 1;
                while (m < count && IsCloser(text, toks, m) && !LineBreakBetween(text, toks[m - 1].End, toks[m].Start, wrapped))
                {
                    m++;
                }

                end = m - 1;
                if (m == count)
                {
                    split = true;
                }
                else
                {
                    split = StartsSentence(text, toks[m], abbr, text[t.End - 1]);
                    if (!split && LineBreakBetween(text, toks[m - 1].End, toks[m].Start, wrapped))
                    {
                        split = true;
                    }
                }
            }

            if (split)
            {
                result.Add(new Sentence(toks[first].Start, toks[end].End, first, end - first + 1));
                first = end + 1;
                k = end;
            }
        }

        return [.. result];
    }

    private static bool IsTerminal(string text, Token t, AbbreviationKind abbr, out AbbreviationKind kind)
    {
        kind = abbr;
        if (abbr != AbbreviationKind.None)
        {
            return abbr != AbbreviationKind.Title;
        }

        if (t.Kind != TokenKind.Punctuation)
        {
            return false;
        }

        var c = text[t.Start];
        return c is '.' or '?' or '!' or '\u2026' or '\u203C' or '\u2047' or '\u2048' or '\u2049';
    }

    private static bool IsCloser(string text, Token[] toks, int m)
    {
        var t = toks[m];
        var c = text[t.Start];
        if (c is ')' or ']' or '\u201D' or '\u2019' or '\u00BB' or '\u203A')
        {
            return true;
        }

        // A straight quote right after the mark (no space) closes; after a space it opens the next sentence.
        return c is '"' or '\'' && t.Start == toks[m - 1].End;
    }

    private bool StartsSentence(string text, Token next, AbbreviationKind abbr, char mark)
    {
        var c = text[next.Start];
        if (abbr != AbbreviationKind.None)
        {
            // An abbreviation ends a sentence only before a usual opener or an opening quote.
            return (next.Kind == TokenKind.Word && _lexicon.IsSentenceOpener(next.Of(text)))
                || (abbr == AbbreviationKind.Other && c is '\u201C' or '"');
        }

        if (IsUpper(c) || (char.IsUpper(c) && !char.IsAsciiLetter(c)))
        {
            return true;
        }

        if (c is '\u201C' or '"' or '\u2018' or '(' or '[' or '\u00AB' or '`')
        {
            return true;
        }

        return mark == '.' && IsDigit(c);
    }

    private bool LineBreakBetween(string text, int from, int to, bool wrapped)
    {
        if (!_options.LineBreakEndsSentence || to - from == 0)
        {
            return false;
        }

        var gap = text.AsSpan(from, to - from);
        var nl = gap.IndexOf('\n');
        if (nl < 0)
        {
            return gap.IndexOfAny('\r', '\u2029', '\u2028') >= 0;
        }

        if (!wrapped)
        {
            return true;
        }

        // Hard-wrapped: a blank line, an indented next line, or a short previous line (a headline) ends it.
        if (gap[(nl + 1)..].IndexOf('\n') >= 0 || gap.Length - nl - 1 >= 2)
        {
            return true;
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, from - 1)) + 1;
        return from - lineStart < 40;
    }

    private static bool IsHardWrapped(string text)
    {
        var lines = 0;
        var mid = 0;
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl;
            var len = end - start;
            if (len > 100)
            {
                return false;
            }

            if (len > 0)
            {
                lines++;
                if (len >= 40)
                {
                    mid++;
                }
            }

            if (nl < 0)
            {
                break;
            }

            start = nl + 1;
        }

        return lines >= 4 && mid * 10 >= lines * 6;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetterOrDigit(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(char c) => c < 128 ? char.IsAsciiLetter(c) : char.IsLetter(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsUpper(char c) => char.IsAsciiLetterUpper(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private struct TokenBuffer
    {
        public Token[] Items;
        public AbbreviationKind[] Abbreviations;
        public int Count;

        public TokenBuffer(int capacity)
        {
            Items = new Token[capacity];
            Abbreviations = new AbbreviationKind[capacity];
            Count = 0;
        }

        public void Add(Token t, AbbreviationKind abbr)
        {
            if (Count == Items.Length)
            {
                Array.Resize(ref Items, Items.Length * 2);
                Array.Resize(ref Abbreviations, Abbreviations.Length * 2);
            }

            Items[Count] = t;
            Abbreviations[Count] = abbr;
            Count++;
        }

        public readonly Token[] ToArray() => Items.AsSpan(0, Count).ToArray();
    }
}
