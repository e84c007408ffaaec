using System.Runtime.CompilerServices;

namespace Dossier.Entities.Ner;

/// <summary>What the feature extractor knows beyond the sentence: word clusters and capitalisation statistics learned from unlabelled news, and the document.</summary>
public sealed class NerLexicon
{
    public NerLexicon(Dictionary<string, int[]> clusters, Dictionary<string, byte> capitalisation, Dictionary<string, byte> gazetteer)
    {
        Clusters = clusters;
        Capitalisation = capitalisation;
        Gazetteer = gazetteer;
        ClusterLookup = clusters.GetAlternateLookup<ReadOnlySpan<char>>();
        CapLookup = capitalisation.GetAlternateLookup<ReadOnlySpan<char>>();
        GazetteerLookup = gazetteer.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxGazetteerWords = gazetteer.Count == 0 ? 0 : gazetteer.Keys.Max(k => k.Count(c => c == ' ') + 1);
    }

    public static NerLexicon Empty { get; } = new([], [], []);

    /// <summary>Exact word -> cluster ids at several granularities (coarse to fine).</summary>
    public Dictionary<string, int[]> Clusters { get; }

    /// <summary>Lower-cased word -> bucket 0..10 of how often it is capitalised in the middle of a sentence (255 unknown).</summary>
    public Dictionary<string, byte> Capitalisation { get; }

    /// <summary>Lower-cased phrase (words joined by one space) -> bit mask of entity types (1 PER, 2 ORG, 4 LOC, 8 MISC).</summary>
    public Dictionary<string, byte> Gazetteer { get; }

    public int MaxGazetteerWords { get; }

    internal Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> ClusterLookup { get; }

    internal Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> CapLookup { get; }

    internal Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> GazetteerLookup { get; }
}

/// <summary>Words of the document a sentence comes from, for document-level features.</summary>
public sealed class NerDocument
{
    /// <summary>Lower-cased words seen capitalised in the middle of a sentence that is not all capitals.</summary>
    public HashSet<string> CapitalisedMid { get; } = new(StringComparer.Ordinal);

    /// <summary>Lower-cased words seen written in lower case.</summary>
    public HashSet<string> Lower { get; } = new(StringComparer.Ordinal);

    public static NerDocument Of(IEnumerable<string[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var d = new NerDocument();
        foreach (var s in sentences)
        {
            d.Add(s);
        }

        return d;
    }

    public void Add(string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var headline = NerFeatures.IsHeadline(words);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (w.Length == 0 || !char.IsLetter(w[0]))
            {
                continue;
            }

            if (char.IsLower(w[0]))
            {
                Lower.Add(w);
            }
            else if (i > 0 && !headline && !IsOpener(words[i - 1]))
            {
                CapitalisedMid.Add(w.ToLowerInvariant());
            }
        }
    }

    private static bool IsOpener(string prev) => prev is "\"" or "``" or "(" or ":" or "\u201C" or "-" or "--";
}

/// <summary>
/// Turns a token in its sentence into hashed feature ids: the word and its neighbours, shapes, affixes,
/// clusters, capitalisation statistics, gazetteer matches, sentence and document context.
/// </summary>
public sealed class NerFeatures
{
    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;
    private readonly NerLexicon _lexicon;

    public NerFeatures(NerLexicon lexicon)
    {
        _lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));
    }

    public NerLexicon Lexicon => _lexicon;

    public static bool IsHeadline(string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        int letters = 0, upper = 0;
        foreach (var w in words)
        {
            if (w.Length > 0 && char.IsLetter(w[0]))
            {
                letters++;
                if (IsAllUpper(w))
                {
                    upper++;
                }
            }
        }

        return letters >= 2 && upper * 10 >= letters * 8;
    }

    /// <summary>Gazetteer position features per token: bit (4*type + BILU position) set when a phrase of that type covers the token.</summary>
    public uint[] GazetteerMatches(string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var marks = new uint[words.Length];
        var max = _lexicon.MaxGazetteerWords;
        if (max == 0)
        {
            return marks;
        }

        var buffer = new char[256];
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length == 0 || !char.IsUpper(words[i][0]))
            {
                continue;
            }

            var len = 0;
            for (var k = 0; k < max && i + k < words.Length; k++)
            {
                var w = words[i + k];
                if (len + w.Length + 1 > buffer.Length)
                {
                    break;
                }

                if (k > 0)
                {
                    buffer[len++] = ' ';
                }

                foreach (var c in w)
                {
                    buffer[len++] = char.ToLowerInvariant(c);
                }

                if (_lexicon.GazetteerLookup.TryGetValue(buffer.AsSpan(0, len), out var types))
                {
                    for (var t = 0; t < 4; t++)
                    {
                        if ((types & (1 << t)) == 0)
                        {
                            continue;
                        }

                        if (k == 0)
                        {
                            marks[i] |= 1u << ((4 * t) + 3);
                        }
                        else
                        {
                            marks[i] |= 1u << (4 * t);
                            for (var m = i + 1; m < i + k; m++)
                            {
                                marks[m] |= 1u << ((4 * t) + 1);
                            }

                            marks[i + k] |= 1u << ((4 * t) + 2);
                        }
                    }
                }
            }
        }

        return marks;
    }

    /// <summary>Appends the feature ids of token <paramref name="i"/> to <paramref name="output"/>.</summary>
    public void Extract(string[] words, int i, bool headline, uint[] gazetteer, NerDocument? document, List<uint> output)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(output);
        var w = words[i];
        Span<char> shape = stackalloc char[24];
        Span<char> shortShape = stackalloc char[12];
        var shapeLen = Shape(w, shape, false);
        var shortLen = Shape(w, shortShape, true);
        var shape0 = shape[..shapeLen];
        var short0 = shortShape[..shortLen];

        output.Add(H(0));
        output.Add(H(1, w));
        for (var d = -2; d <= 2; d++)
        {
            output.Add(Norm(H((uint)(4 + d)), Word(words, i + d)));
        }

        output.Add(H(7, shape0));
        Span<char> sPrev = stackalloc char[12];
        Span<char> sNext = stackalloc char[12];
        var lp = Shape(Word(words, i - 1), sPrev, true);
        var ln = Shape(Word(words, i + 1), sNext, true);
        output.Add(H(8, sPrev[..lp]));
        output.Add(H(9, sNext[..ln]));
        output.Add(Mix(Mix(H(10, sPrev[..lp]), short0), sNext[..ln]));

        for (var k = 1; k <= 4 && k <= w.Length; k++)
        {
            output.Add(H((uint)(10 + k), w.AsSpan(0, k)));
            output.Add(H((uint)(14 + k), w.AsSpan(w.Length - k)));
        }

        output.Add(Norm(Norm(H(19), Word(words, i - 1)), w));
        output.Add(Norm(Norm(H(20), w), Word(words, i + 1)));
        if (i == 0)
        {
            output.Add(H(21, short0));
        }

        if (headline)
        {
            output.Add(H(22, short0));
            output.Add(Norm(H(23), w));
        }

        AddClusters(24, w, output);
        AddClusters(27, Word(words, i - 1), output);
        AddClusters(30, Word(words, i + 1), output);

        var lower = LowerInto(w, stackalloc char[Math.Min(w.Length, 64)]);
        var cap = _lexicon.CapLookup.TryGetValue(lower, out var b) ? b : (byte)255;
        output.Add(Mix(H(33, short0), (char)cap));
        output.Add(Norm(H(34, short0), Word(words, i - 1)));
        output.Add(Norm(H(35, short0), Word(words, i + 1)));

        var g = gazetteer[i];
        if (g != 0)
        {
            for (var bit = 0; bit < 16; bit++)
            {
                if ((g & (1u << bit)) != 0)
                {
                    output.Add(Mix(H(36), (char)bit));
                }
            }
        }

        if (document is not null && w.Length > 0 && char.IsUpper(w[0]))
        {
            var lw = lower.ToString();
            var mid = document.CapitalisedMid.Contains(lw);
            var low = document.Lower.Contains(lw);
            output.Add(Mix(Mix(H(37, short0), mid ? '1' : '0'), low ? '1' : '0'));
            if (i == 0 || headline)
            {
                output.Add(Mix(Mix(H(38), mid ? '1' : '0'), low ? '1' : '0'));
            }
        }
    }

    private void AddClusters(uint template, string w, List<uint> output)
    {
        if (_lexicon.ClusterLookup.TryGetValue(w, out var ids))
        {
            for (var k = 0; k < ids.Length; k++)
            {
                output.Add(Mix(Mix(H(template), (char)k), (char)ids[k]));
            }
        }
        else
        {
            output.Add(H(template + 100));
        }
    }

    private static string Word(string[] words, int i) => i < 0 ? "<S>" : i >= words.Length ? "</S>" : words[i];

    private static ReadOnlySpan<char> LowerInto(string w, Span<char> buffer)
    {
        var n = Math.Min(w.Length, buffer.Length);
        for (var k = 0; k < n; k++)
        {
            buffer[k] = char.ToLowerInvariant(w[k]);
        }

        return buffer[..n];
    }

    internal static bool IsAllUpper(string w)
    {
        var any = false;
        foreach (var c in w)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            any |= char.IsUpper(c);
        }

        return any;
    }

    /// <summary>Word shape: X upper, x lower, d digit, other characters as themselves; runs capped at 2 (or 1 when short).</summary>
    internal static int Shape(string w, Span<char> output, bool collapse)
    {
        var n = 0;
        var last = '\0';
        var run = 0;
        foreach (var ch in w)
        {
            var s = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : ch;
            if (s == last)
            {
                run++;
                if (run >= (collapse ? 1 : 2))
                {
                    continue;
                }
            }
            else
            {
                run = 0;
                last = s;
            }

            if (n == output.Length)
            {
                break;
            }

            output[n++] = s;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint H(uint template) => (Offset ^ template) * Prime;

    private static uint H(uint template, ReadOnlySpan<char> s)
    {
        var h = H(template);
        foreach (var c in s)
        {
            h = (h ^ c) * Prime;
        }

        return (h ^ 0xFF) * Prime;
    }

    /// <summary>Mixes a lower-cased, digit-normalised word into a hash.</summary>
    private static uint Norm(uint h, ReadOnlySpan<char> s)
    {
        h = (h ^ 0x1F) * Prime;
        foreach (var c in s)
        {
            var x = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
            h = (h ^ x) * Prime;
        }

        return (h ^ 0xFE) * Prime;
    }

    private static uint Mix(uint h, ReadOnlySpan<char> s)
    {
        h = (h ^ 0x1E) * Prime;
        foreach (var c in s)
        {
            h = (h ^ c) * Prime;
        }

        return (h ^ 0xFD) * Prime;
    }

    private static uint Mix(uint h, char c) => ((h ^ 0x1D) * Prime ^ c) * Prime;
}
