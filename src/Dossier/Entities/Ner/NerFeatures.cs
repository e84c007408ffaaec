using System.Runtime.CompilerServices;

[module: SkipLocalsInit]

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
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in gazetteer.Keys)
        {
            var space = k.IndexOf(' ', StringComparison.Ordinal);
            var head = space < 0 ? k : k[..space];
            first[head] = Math.Max(first.GetValueOrDefault(head), k.Count(c => c == ' ') + 1);
        }

        GazetteerFirst = first.GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <summary>Lower-cased first word of a gazetteer phrase -> the most words a phrase starting with it has.</summary>
    internal Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> GazetteerFirst { get; }
}

/// <summary>Words of the document a sentence comes from, for document-level features.</summary>
public sealed class NerDocument
{
    public NerDocument()
    {
        CapitalisedMidLookup = CapitalisedMid.GetAlternateLookup<ReadOnlySpan<char>>();
        LowerLookup = Lower.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Lower-cased words seen capitalised in the middle of a sentence that is not all capitals.</summary>
    public HashSet<string> CapitalisedMid { get; } = new(StringComparer.Ordinal);

    /// <summary>Lower-cased words seen written in lower case.</summary>
    public HashSet<string> Lower { get; } = new(StringComparer.Ordinal);

    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CapitalisedMidLookup { get; }

    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LowerLookup { get; }

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
                AddCapitalisedMid(w);
            }
        }
    }

    /// <summary>Adds the lower-cased word, allocating it only when it is new.</summary>
    private void AddCapitalisedMid(string w)
    {
        if (w.Length <= 64)
        {
            Span<char> lower = stackalloc char[w.Length];
            w.AsSpan().ToLowerInvariant(lower);
            if (CapitalisedMidLookup.Contains(lower))
            {
                return;
            }
        }

        CapitalisedMid.Add(w.ToLowerInvariant());
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
        GazetteerMatches(words, marks);
        return marks;
    }

    /// <summary>As above, into the first <c>words.Length</c> entries of <paramref name="marks"/> (overwritten).</summary>
    private void GazetteerMatches(string[] words, uint[] marks)
    {
        Array.Clear(marks, 0, words.Length);
        var max = _lexicon.MaxGazetteerWords;
        if (max == 0)
        {
            return;
        }

        Span<char> buffer = stackalloc char[256];
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length == 0 || !char.IsUpper(words[i][0]) || words[i].Length > 64)
            {
                continue;
            }

            var head = LowerInto(words[i], buffer);
            if (!_lexicon.GazetteerFirst.TryGetValue(head, out var most))
            {
                continue;
            }

            var len = 0;
            for (var k = 0; k < most && i + k < words.Length; k++)
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

                if (_lexicon.GazetteerLookup.TryGetValue(buffer[..len], out var types))
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
    }

    /// <summary>
    /// Appends the feature ids of every token of a sentence to <paramref name="output"/>; token <c>i</c>'s
    /// features are <c>output[starts[i]..starts[i + 1]]</c> (<paramref name="starts"/> has words.Length + 1 entries).
    /// </summary>
    public void ExtractSentence(string[] words, NerDocument? document, List<uint> output, int[] starts)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(starts);
        var n = words.Length;
        var headline = IsHeadline(words);
        var scratch = t_scratch ??= new Scratch();
        scratch.Fit(n + 4);
        var gazetteer = scratch.Gazetteer;
        GazetteerMatches(words, gazetteer);

        // Per-token hashes, with two boundary tokens on each side (the calling thread's arrays, reused).
        var exact = scratch.Exact;
        var norm = scratch.Norm;
        var shape = scratch.Shape;
        var brief = scratch.Brief;
        var cap = scratch.Cap;
        var clusters = scratch.Clusters;
        var docFlags = scratch.DocFlags;
        Array.Clear(docFlags, 0, n + 4);
        for (var k = 0; k < 2; k++)
        {
            exact[k] = exact[n + 2 + k] = 0;
            norm[k] = norm[n + 2 + k] = 0;
            norm[k] = H(90 + (uint)k);
            norm[n + 2 + k] = H(92 + (uint)k);
            brief[k] = H(94);
            brief[n + 2 + k] = H(95);
            clusters[k] = clusters[n + 2 + k] = [];
        }

        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < n; i++)
        {
            var w = words[i];
            var j = i + 2;
            exact[j] = H(1, w);
            norm[j] = NormHash(w);
            var len = Shape(w, buffer, false);
            shape[j] = H(2, buffer[..len]);
            len = Shape(w, buffer, true);
            brief[j] = H(3, buffer[..len]);
            var lower = LowerInto(w, buffer);
            cap[j] = _lexicon.CapLookup.TryGetValue(lower, out var b) ? b : (byte)255;
            clusters[j] = _lexicon.ClusterLookup.TryGetValue(w, out var ids) ? ids : [];
            if (document is not null && w.Length > 0 && char.IsUpper(w[0]))
            {
                var mid = document.CapitalisedMidLookup.Contains(lower);
                var low = document.LowerLookup.Contains(lower);
                docFlags[j] = (char)('a' + (mid ? 1 : 0) + (low ? 2 : 0));
            }
        }

        for (var i = 0; i < n; i++)
        {
            starts[i] = output.Count;
            var w = words[i];
            var j = i + 2;
            output.Add(H(0));
            output.Add(exact[j]);
            for (var d = -2; d <= 2; d++)
            {
                output.Add(C((uint)(4 + d), norm[j + d]));
            }

            output.Add(C(7, shape[j]));
            output.Add(C(8, brief[j - 1]));
            output.Add(C(9, brief[j + 1]));
            output.Add(C(10, brief[j - 1], brief[j], brief[j + 1]));
            for (var k = 1; k <= 4 && k <= w.Length; k++)
            {
                output.Add(H((uint)(10 + k), w.AsSpan(0, k)));
                output.Add(H((uint)(14 + k), w.AsSpan(w.Length - k)));
            }

            output.Add(C(19, norm[j - 1], norm[j]));
            output.Add(C(20, norm[j], norm[j + 1]));
            if (i == 0)
            {
                output.Add(C(21, brief[j]));
            }

            if (headline)
            {
                output.Add(C(22, brief[j]));
                output.Add(C(23, norm[j]));
            }

            AddClusters(24, clusters[j], output);
            AddClusters(27, clusters[j - 1], output);
            AddClusters(30, clusters[j + 1], output);
            output.Add(C(33, brief[j], cap[j]));
            output.Add(C(34, brief[j], norm[j - 1]));
            output.Add(C(35, brief[j], norm[j + 1]));
            var g = gazetteer[i];
            if (g != 0)
            {
                for (var bit = 0; bit < 16; bit++)
                {
                    if ((g & (1u << bit)) != 0)
                    {
                        output.Add(C(36, (uint)bit));
                    }
                }
            }

            if (docFlags[j] != 0)
            {
                output.Add(C(37, brief[j], docFlags[j]));
                if (i == 0 || headline)
                {
                    output.Add(C(38, docFlags[j]));
                }
            }
        }

        starts[n] = output.Count;
        Array.Clear(clusters, 0, n + 4);
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>A thread's per-token working arrays for <see cref="ExtractSentence"/>, grown to the longest sentence seen.</summary>
    private sealed class Scratch
    {
        public uint[] Exact = [];
        public uint[] Norm = [];
        public uint[] Shape = [];
        public uint[] Brief = [];
        public byte[] Cap = [];
        public int[][] Clusters = [];
        public char[] DocFlags = [];
        public uint[] Gazetteer = [];

        public void Fit(int length)
        {
            if (Exact.Length >= length)
            {
                return;
            }

            var size = Math.Max(length, Exact.Length * 2);
            Exact = new uint[size];
            Norm = new uint[size];
            Shape = new uint[size];
            Brief = new uint[size];
            Cap = new byte[size];
            Clusters = new int[size][];
            DocFlags = new char[size];
            Gazetteer = new uint[size];
        }
    }

    private static void AddClusters(uint template, int[] ids, List<uint> output)
    {
        if (ids.Length == 0)
        {
            output.Add(C(template + 100, 0));
            return;
        }

        for (var k = 0; k < ids.Length; k++)
        {
            output.Add(C(template + (uint)k, (uint)ids[k]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fmix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint C(uint template, uint a) => Fmix((template * 0x9E3779B1) ^ Fmix(a + 0x7F4A7C15));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint C(uint template, uint a, uint b) => Fmix(C(template, a) * 31 ^ Fmix(b + 0x165667B1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint C(uint template, uint a, uint b, uint c) => Fmix(C(template, a, b) * 31 ^ Fmix(c + 0x27D4EB2F));

    private static uint NormHash(string s)
    {
        var h = H(4);
        foreach (var c in s)
        {
            var x = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
            h = (h ^ x) * Prime;
        }

        return h;
    }

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
}
