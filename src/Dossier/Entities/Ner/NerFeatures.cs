using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dossier.Text;

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

    public static NerDocument Of(IEnumerable<string[]> sentences) => new NerDocument().Refill(sentences);

    /// <summary>
    /// Forgets every word and reads the words of <paramref name="sentences"/> instead (a document object reused for the
    /// next document: the sets keep their capacity unless it grew large).
    /// </summary>
    public NerDocument Refill(IEnumerable<string[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        const int Large = 1 << 14;
        var large = Lower.Count > Large || CapitalisedMid.Count > Large;
        Lower.Clear();
        CapitalisedMid.Clear();
        if (large)
        {
            Lower.TrimExcess();
            CapitalisedMid.TrimExcess();
        }

        foreach (var s in sentences)
        {
            Add(s);
        }

        return this;
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

        CapitalisedMid.Add(WordStrings.Lower(w));
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
    public void ExtractSentence(string[] words, NerDocument? document, List<uint> output, int[] starts) =>
        Extract<AsIds>(words, document, null, output, starts);

    /// <summary>
    /// As <see cref="ExtractSentence"/>, but each feature written as <paramref name="model"/>'s row for its id
    /// (<see cref="NerModel.RowOf"/>: 0 when the model has none), in the same order. The rows of the features a word
    /// gives on its own are looked up once per word and thread, not at every occurrence.
    /// </summary>
    internal void ExtractRows(string[] words, NerDocument? document, NerModel model, List<uint> output, int[] starts) =>
        Extract<AsRows>(words, document, model, output, starts);

    private void Extract<TOut>(string[] words, NerDocument? document, NerModel? model, List<uint> output, int[] starts)
        where TOut : struct, IFeatureOutput
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

        // What each word gives on its own (cached per thread), with two boundary tokens on each side.
        var cache = WordCache();
        var info = scratch.Words;
        info[0] = Boundary.Left0;
        info[1] = Boundary.Left1;
        info[n + 2] = Boundary.Right0;
        info[n + 3] = Boundary.Right1;
        var docFlags = scratch.DocFlags;
        Span<char> buffer = stackalloc char[64];
        var clusterFeatures = 1;
        for (var i = 0; i < n; i++)
        {
            var w = words[i];
            var j = i + 2;
            if (!cache.TryGetValue(w, out var x))
            {
                x = new WordInfo(w, _lexicon, buffer);
                cache[w] = x;
            }

            info[j] = x;
            clusterFeatures = Math.Max(clusterFeatures, x.Clusters24End - x.AffixesEnd);
            docFlags[j] = '\0';
            if (document is not null && w.Length > 0 && char.IsUpper(w[0]))
            {
                var lower = LowerInto(w, buffer);
                var mid = document.CapitalisedMidLookup.Contains(lower);
                var low = document.LowerLookup.Contains(lower);
                docFlags[j] = (char)('a' + (mid ? 1 : 0) + (low ? 2 : 0));
            }
        }

        // At most this many features per token: 21 fixed ones, 8 affixes, 16 gazetteer marks, three cluster lists.
        var perToken = 45 + (3 * clusterFeatures);
        var at = output.Count;
        CollectionsMarshal.SetCount(output, at + (n * perToken));
        var o = CollectionsMarshal.AsSpan(output);
        var bias = TOut.Mixed(Bias, model);
        for (var i = 0; i < n; i++)
        {
            starts[i] = at;
            var j = i + 2;
            var x = info[j]!;
            var prev = info[j - 1]!;
            var next = info[j + 1]!;
            var xo = TOut.Own(x, model);
            var po = TOut.Own(prev, model);
            var no = TOut.Own(next, model);
            o[at++] = bias;
            o[at++] = xo[WordInfo.Exact];
            o[at++] = TOut.Own(info[j - 2]!, model)[WordInfo.NormAt];
            o[at++] = po[WordInfo.NormAt + 1];
            o[at++] = xo[WordInfo.NormAt + 2];
            o[at++] = no[WordInfo.NormAt + 3];
            o[at++] = TOut.Own(info[j + 2]!, model)[WordInfo.NormAt + 4];
            o[at++] = xo[WordInfo.Shape7];
            o[at++] = po[WordInfo.Brief8];
            o[at++] = no[WordInfo.Brief9];
            o[at++] = TOut.Mixed(C(10, prev.Brief, x.Brief, next.Brief), model);
            for (var k = WordInfo.Affixes; k < x.AffixesEnd; k++)
            {
                o[at++] = xo[k];
            }

            o[at++] = TOut.Mixed(C(19, prev.Norm, x.Norm), model);
            o[at++] = TOut.Mixed(C(20, x.Norm, next.Norm), model);
            if (i == 0)
            {
                o[at++] = xo[WordInfo.Brief21];
            }

            if (headline)
            {
                o[at++] = xo[WordInfo.Brief22];
                o[at++] = xo[WordInfo.Norm23];
            }

            for (var k = x.AffixesEnd; k < x.Clusters24End; k++)
            {
                o[at++] = xo[k];
            }

            for (var k = prev.Clusters24End; k < prev.Clusters27End; k++)
            {
                o[at++] = po[k];
            }

            for (var k = next.Clusters27End; k < no.Length; k++)
            {
                o[at++] = no[k];
            }

            o[at++] = xo[WordInfo.BriefCap33];
            o[at++] = TOut.Mixed(C(34, x.Brief, prev.Norm), model);
            o[at++] = TOut.Mixed(C(35, x.Brief, next.Norm), model);
            var g = gazetteer[i];
            if (g != 0)
            {
                for (var bit = 0; bit < 16; bit++)
                {
                    if ((g & (1u << bit)) != 0)
                    {
                        o[at++] = TOut.Mixed(C(36, (uint)bit), model);
                    }
                }
            }

            if (docFlags[j] != 0)
            {
                o[at++] = TOut.Mixed(C(37, x.Brief, docFlags[j]), model);
                if (i == 0 || headline)
                {
                    o[at++] = TOut.Mixed(C(38, docFlags[j]), model);
                }
            }
        }

        starts[n] = at;
        CollectionsMarshal.SetCount(output, at);
        Array.Clear(info, 0, n + 4);
    }

    /// <summary>How a feature is written: as its hashed id (training) or as a model's row for it (tagging).</summary>
    private interface IFeatureOutput
    {
        /// <summary>The word's own features (<see cref="WordInfo.Own"/>) as written.</summary>
        static abstract uint[] Own(WordInfo word, NerModel? model);

        /// <summary>A feature made of several words, as written.</summary>
        static abstract uint Mixed(uint id, NerModel? model);
    }

    private readonly struct AsIds : IFeatureOutput
    {
        public static uint[] Own(WordInfo word, NerModel? model) => word.Own;

        public static uint Mixed(uint id, NerModel? model) => id;
    }

    private readonly struct AsRows : IFeatureOutput
    {
        public static uint[] Own(WordInfo word, NerModel? model) => word.RowsIn(model!);

        public static uint Mixed(uint id, NerModel? model) => model!.RowOf(id);
    }

    private static readonly uint Bias = H(0);

    private const int MaxCachedWords = 100_000;

    [ThreadStatic]
    private static Dictionary<string, WordInfo>? t_words;

    [ThreadStatic]
    private static NerLexicon? t_wordsLexicon;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>The words this thread has seen with this lexicon and what each gives on its own (at most <see cref="MaxCachedWords"/>).</summary>
    private Dictionary<string, WordInfo> WordCache()
    {
        var cache = t_words;
        if (cache is null || !ReferenceEquals(t_wordsLexicon, _lexicon) || cache.Count > MaxCachedWords)
        {
            t_words = cache = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
            t_wordsLexicon = _lexicon;
        }

        return cache;
    }

    /// <summary>A thread's per-token working arrays for <see cref="ExtractSentence"/>, grown to the longest sentence seen.</summary>
    private sealed class Scratch
    {
        public WordInfo?[] Words = [];
        public char[] DocFlags = [];
        public uint[] Gazetteer = [];

        public void Fit(int length)
        {
            if (Words.Length >= length)
            {
                return;
            }

            var size = Math.Max(length, Words.Length * 2);
            Words = new WordInfo?[size];
            DocFlags = new char[size];
            Gazetteer = new uint[size];
        }
    }

    /// <summary>
    /// The hashes and feature ids a word gives wherever it stands: its exact and normalised forms, shapes,
    /// capitalisation bucket and clusters, and the features made from them alone, in one array (<see cref="Own"/>).
    /// </summary>
    private sealed class WordInfo
    {
        /// <summary>Where each feature is in <see cref="Own"/>: the fixed ones, then the affixes and the three cluster lists.</summary>
        public const int Exact = 0, NormAt = 1, Shape7 = 6, Brief8 = 7, Brief9 = 8, Brief21 = 9, Brief22 = 10, Norm23 = 11, BriefCap33 = 12, Affixes = 13;

        private RowTable? _rows;

        /// <summary>A boundary token (two before the first word, two after the last): no word, no clusters.</summary>
        public WordInfo(uint norm, uint brief)
        {
            Norm = norm;
            Brief = brief;
            var own = new uint[Affixes + 2];
            for (var k = 0; k < 5; k++)
            {
                own[NormAt + k] = C((uint)(2 + k), norm);
            }

            own[Brief8] = C(8, brief);
            own[Brief9] = C(9, brief);
            own[Affixes] = C(127, 0);
            own[Affixes + 1] = C(130, 0);
            Own = own;
            AffixesEnd = Affixes;
            Clusters24End = Affixes;
            Clusters27End = Affixes + 1;
        }

        public WordInfo(string w, NerLexicon lexicon, Span<char> buffer)
        {
            Norm = NormHash(w);
            var len = NerFeatures.Shape(w, buffer, false);
            var shape = H(2, buffer[..len]);
            len = NerFeatures.Shape(w, buffer, true);
            Brief = H(3, buffer[..len]);
            var lower = LowerInto(w, buffer);
            var cap = lexicon.CapLookup.TryGetValue(lower, out var b) ? b : (byte)255;
            var clusters = lexicon.ClusterLookup.TryGetValue(w, out var ids) ? ids : [];
            var affixes = 2 * Math.Min(4, w.Length);
            var perList = Math.Max(1, clusters.Length);
            var own = new uint[Affixes + affixes + (3 * perList)];
            own[Exact] = H(1, w);
            for (var k = 0; k < 5; k++)
            {
                own[NormAt + k] = C((uint)(2 + k), Norm);
            }

            own[Shape7] = C(7, shape);
            own[Brief8] = C(8, Brief);
            own[Brief9] = C(9, Brief);
            own[Brief21] = C(21, Brief);
            own[Brief22] = C(22, Brief);
            own[Norm23] = C(23, Norm);
            own[BriefCap33] = C(33, Brief, cap);
            for (var k = 1; k <= 4 && k <= w.Length; k++)
            {
                own[Affixes + (2 * k) - 2] = H((uint)(10 + k), w.AsSpan(0, k));
                own[Affixes + (2 * k) - 1] = H((uint)(14 + k), w.AsSpan(w.Length - k));
            }

            AffixesEnd = Affixes + affixes;
            ClusterFeatures(24, clusters, own.AsSpan(AffixesEnd, perList));
            Clusters24End = AffixesEnd + perList;
            ClusterFeatures(27, clusters, own.AsSpan(Clusters24End, perList));
            Clusters27End = Clusters24End + perList;
            ClusterFeatures(30, clusters, own.AsSpan(Clusters27End, perList));
            Own = own;
        }

        public uint Norm { get; }

        public uint Brief { get; }

        /// <summary>
        /// The feature ids the word gives on its own: at the fixed places above, then its affixes up to
        /// <see cref="AffixesEnd"/>, its clusters as the token itself up to <see cref="Clusters24End"/>, as the token
        /// before up to <see cref="Clusters27End"/> and as the token after up to the end.
        /// </summary>
        public uint[] Own { get; }

        public int AffixesEnd { get; }

        public int Clusters24End { get; }

        public int Clusters27End { get; }

        /// <summary>
        /// <see cref="Own"/> as <paramref name="model"/>'s rows, looked up on first use. The boundary tokens are shared
        /// by all threads: the table and its model are replaced together, so a reader never sees one without the other.
        /// </summary>
        public uint[] RowsIn(NerModel model)
        {
            var rows = _rows;
            if (rows is null || !ReferenceEquals(rows.Model, model))
            {
                var r = new uint[Own.Length];
                for (var k = 0; k < r.Length; k++)
                {
                    r[k] = model.RowOf(Own[k]);
                }

                _rows = rows = new RowTable(model, r);
            }

            return rows.Rows;
        }

        private static void ClusterFeatures(uint template, int[] ids, Span<uint> output)
        {
            if (ids.Length == 0)
            {
                output[0] = C(template + 100, 0);
                return;
            }

            for (var k = 0; k < ids.Length; k++)
            {
                output[k] = C(template + (uint)k, (uint)ids[k]);
            }
        }
    }

    private sealed record RowTable(NerModel Model, uint[] Rows);

    /// <summary>The boundary tokens: two before the first word, two after the last.</summary>
    private static class Boundary
    {
        public static readonly WordInfo Left0 = new(H(90), H(94));
        public static readonly WordInfo Left1 = new(H(91), H(94));
        public static readonly WordInfo Right0 = new(H(92), H(95));
        public static readonly WordInfo Right1 = new(H(93), H(95));
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
