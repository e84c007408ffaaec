using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Dossier.Entities.Ner;

/// <summary>
/// A trained sequence tagger: sparse weights per hashed feature and BILOU tag, a tag transition matrix, and the
/// lexicon its features use. Decodes a sentence exactly with Viterbi under BILOU constraints. Immutable and
/// thread-safe. The built-in model is an embedded resource (<c>Entities/Data/ner.model.gz</c>), rebuilt with
/// <c>dossier entities --train ../shared/data/conll2003/eng.train --dev ../shared/data/conll2003/eng.testa</c>.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "DNER3";
    private const int T = NerTags.Count;
    private static readonly Lazy<NerModel> BuiltIn = new(LoadBuiltIn);

    private readonly ulong[] _slots; // key in the low 32 bits, row index + 1 in the high 32
    private readonly float[] _dense; // row r's weight per tag at [r * T + tag] (0 for the tags it has no entry for)
    private readonly Entry[] _entries;
    private readonly int _mask;
    private readonly float[] _transitions;

    /// <summary>A model from its rows: <paramref name="keys"/>[r] has <paramref name="lengths"/>[r] (tag, weight) entries, stored in order.</summary>
    internal NerModel(NerLexicon lexicon, uint[] keys, byte[] lengths, byte[] tags, float[] weights, float[] transitions)
    {
        Lexicon = lexicon;
        Features = new NerFeatures(lexicon);
        _transitions = transitions;
        var size = 1;
        while (size < keys.Length * 2)
        {
            size <<= 1;
        }

        _mask = size - 1;
        _slots = new ulong[size];
        _entries = new Entry[tags.Length];
        for (var e = 0; e < tags.Length; e++)
        {
            _entries[e] = new Entry(weights[e], tags[e]);
        }

        _order = keys;
        _lengths = lengths;
        _rowStart = new int[keys.Length];
        // Dense rows: adding a row's 0 for a tag it has no weight for leaves the sum exactly as it was, so the
        // scores are the same as adding the sparse entries one by one. A row that lists a tag twice would sum
        // in another order, so it is added entry by entry (DuplicateTags; none in the built-in model).
        _dense = new float[(keys.Length * T) + 1];
        var at = 0;
        for (var r = 0; r < keys.Length; r++)
        {
            var k = keys[r] == 0 ? 1u : keys[r];
            var slot = (int)(Scramble(k) & (uint)_mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = k | ((ulong)(uint)(r + 1) << 32);
            for (var e = at; e < at + lengths[r]; e++)
            {
                ref var cell = ref _dense[(r * T) + tags[e]];
                if (BitConverter.SingleToInt32Bits(cell) != 0)
                {
                    _duplicateTags = true;
                }

                cell = _entries[e].Weight;
            }

            _rowStart[r] = at;
            at += lengths[r];
        }

        FeatureCount = keys.Length;
    }

    private readonly uint[] _order;
    private readonly byte[] _lengths;
    private readonly int[] _rowStart;
    private readonly bool _duplicateTags;

    /// <summary>The model embedded in the Dossier assembly (loaded once, on first use).</summary>
    public static NerModel Default => BuiltIn.Value;

    /// <summary>Whether the embedded model resource is present.</summary>
    public static bool HasBuiltIn => FindResource() is not null;

    public NerLexicon Lexicon { get; }

    public NerFeatures Features { get; }

    public int FeatureCount { get; }

    /// <summary>Time the built-in model took to load, in milliseconds (0 until loaded).</summary>
    public static double LoadMilliseconds { get; private set; }

    /// <summary>Process CPU time spent loading the built-in model, in milliseconds (0 until loaded).</summary>
    public static double LoadCpuMilliseconds { get; private set; }

    /// <summary>BILOU tags for one sentence of words.</summary>
    public byte[] Predict(string[] words, NerDocument? document = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var n = words.Length;
        if (n == 0)
        {
            return [];
        }

        // The working arrays are the calling thread's, reused from sentence to sentence (only the tags are new).
        var scratch = t_scratch ??= new Scratch();
        var scores = Scratch.Fit(ref scratch.Scores, n * T);
        Array.Clear(scores, 0, n * T);
        var features = scratch.Features;
        features.Clear();
        var starts = Scratch.Fit(ref scratch.Starts, n + 1);
        Features.ExtractRows(words, document, this, features, starts);
        Score(CollectionsMarshal.AsSpan(features), starts, n, scores);
        var tags = Viterbi(scores, n, _transitions, Scratch.Fit(ref scratch.Best, n * T), Scratch.Fit(ref scratch.Back, n * T));
        if (features.Capacity > Scratch.MaxFeatures)
        {
            // One very long sentence does not keep its buffer for the thread's lifetime.
            scratch.Features = [];
        }

        return tags;
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>A thread's working arrays for <see cref="Predict"/>, grown to the longest sentence seen.</summary>
    private sealed class Scratch
    {
        public const int MaxFeatures = 1 << 16;

        public float[] Scores = [];
        public float[] Best = [];
        public byte[] Back = [];
        public int[] Starts = [];

        /// <summary>The sentence's features as rows of the model (<see cref="RowOf"/>).</summary>
        public List<uint> Features = [];

        public static TItem[] Fit<TItem>(ref TItem[] array, int length)
        {
            if (array.Length < length)
            {
                array = new TItem[Math.Max(length, array.Length * 2)];
            }

            return array;
        }
    }

    /// <summary>The row of a feature id: its index + 1 in the model's rows, 0 when the model has no weights for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint RowOf(uint id)
    {
        var k = id == 0 ? 1u : id;
        var slots = _slots;
        var slot = (int)(Scramble(k) & (uint)_mask);
        while (true)
        {
            var found = slots[slot];
            if ((uint)found == k)
            {
                return (uint)(found >> 32);
            }

            if (found == 0)
            {
                return 0;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>
    /// Adds every feature's weights to its token's row, in feature order (the same sums as adding one feature at a
    /// time). The features come as rows (<see cref="RowOf"/>, looked up by the feature extractor, which knows them
    /// for most features of a word before it is seen again). Compiled optimised from the first call (as is
    /// <see cref="Viterbi(float[], int, float[], float[], byte[])"/>): each call's loops are too short to reach on-stack
    /// replacement, so under tiered compilation the hottest code of the stage ran unoptimised until the tier-up, which
    /// a pipeline still compiling new methods keeps postponing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Score(ReadOnlySpan<uint> rows, int[] starts, int n, float[] scores)
    {
        if (_duplicateTags || T != 17)
        {
            AddSparse(rows, starts, n, scores);
            return;
        }

        ref var dense = ref MemoryMarshal.GetArrayDataReference(_dense);
        for (var i = 0; i < n; i++)
        {
            ref var target = ref scores[i * T];
            var a0 = Vector128.LoadUnsafe(ref target);
            var a1 = Vector128.LoadUnsafe(ref target, 4);
            var a2 = Vector128.LoadUnsafe(ref target, 8);
            var a3 = Vector128.LoadUnsafe(ref target, 12);
            var a4 = Unsafe.Add(ref target, 16);
            for (var f = starts[i]; f < starts[i + 1]; f++)
            {
                var r = rows[f];
                if (r == 0)
                {
                    continue;
                }

                var at = (nuint)((r - 1) * T);
                a0 += Vector128.LoadUnsafe(ref dense, at);
                a1 += Vector128.LoadUnsafe(ref dense, at + 4);
                a2 += Vector128.LoadUnsafe(ref dense, at + 8);
                a3 += Vector128.LoadUnsafe(ref dense, at + 12);
                a4 += Unsafe.Add(ref dense, at + 16);
            }

            a0.StoreUnsafe(ref target);
            a1.StoreUnsafe(ref target, 4);
            a2.StoreUnsafe(ref target, 8);
            a3.StoreUnsafe(ref target, 12);
            Unsafe.Add(ref target, 16) = a4;
        }
    }

    private void AddSparse(ReadOnlySpan<uint> rows, int[] starts, int n, float[] scores)
    {
        for (var i = 0; i < n; i++)
        {
            var row = scores.AsSpan(i * T, T);
            for (var f = starts[i]; f < starts[i + 1]; f++)
            {
                if (rows[f] == 0)
                {
                    continue;
                }

                var start = _rowStart[rows[f] - 1];
                var end = start + _lengths[rows[f] - 1];
                for (var e = start; e < end; e++)
                {
                    var entry = _entries[e];
                    row[entry.Tag] += entry.Weight;
                }
            }
        }
    }

    private readonly record struct Entry(float Weight, int Tag);

    /// <summary>Best BILOU sequence for emission scores <c>[n * T]</c> and transitions <c>[(T + 1) * T]</c> (row T = start).</summary>
    internal static byte[] Viterbi(float[] scores, int n, float[] transitions) => Viterbi(scores, n, transitions, new float[n * T], new byte[n * T]);

    /// <summary>As above, in working arrays of at least <c>n * T</c> entries (overwritten).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Viterbi(float[] scores, int n, float[] transitions, float[] best, byte[] back)
    {
        const float Never = -1e30f;
        for (var t = 0; t < T; t++)
        {
            best[t] = NerTags.Allowed(-1, t) ? scores[t] + transitions[(T * T) + t] : Never;
        }

        for (var i = 1; i < n; i++)
        {
            var prevRow = (i - 1) * T;
            for (var t = 0; t < T; t++)
            {
                var bestScore = Never;
                var arg = 0;
                foreach (var p in Predecessors[t])
                {
                    var s = best[prevRow + p] + transitions[(p * T) + t];
                    if (s > bestScore)
                    {
                        bestScore = s;
                        arg = p;
                    }
                }

                best[(i * T) + t] = bestScore + scores[(i * T) + t];
                back[(i * T) + t] = (byte)arg;
            }
        }

        var last = 0;
        var lastScore = float.NegativeInfinity;
        for (var t = 0; t < T; t++)
        {
            var s = best[((n - 1) * T) + t];
            if (NerTags.CanEnd(t) && s > lastScore)
            {
                lastScore = s;
                last = t;
            }
        }

        var tags = new byte[n];
        tags[n - 1] = (byte)last;
        for (var i = n - 1; i > 0; i--)
        {
            tags[i - 1] = back[(i * T) + tags[i]];
        }

        return tags;
    }

    private static readonly int[][] Predecessors = [.. Enumerable.Range(0, T).Select(t => Enumerable.Range(0, T).Where(p => NerTags.Allowed(p, t)).ToArray())];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Scramble(uint k)
    {
        k ^= k >> 16;
        k *= 0x45d9f3b;
        k ^= k >> 16;
        return k;
    }

    /// <summary>Writes the model as gzip-compressed binary (arrays written in bulk, so loading is fast).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8);
        w.Write(Magic);
        w.Write(T);
        w.Write(MemoryMarshal.AsBytes(_transitions.AsSpan()));
        w.Write(_order.Length);
        w.Write(_entries.Length);
        w.Write(MemoryMarshal.AsBytes(_order.AsSpan()));
        w.Write(_lengths);
        w.Write(_entries.Select(e => (byte)e.Tag).ToArray());
        var half = _entries.Select(e => (Half)e.Weight).ToArray();
        w.Write(MemoryMarshal.AsBytes(half.AsSpan()));

        var levels = Lexicon.Clusters.Count == 0 ? 0 : Lexicon.Clusters.First().Value.Length;
        w.Write(Lexicon.Clusters.Count);
        w.Write(levels);
        w.Write(string.Join('\n', Lexicon.Clusters.Keys));
        var ids = Lexicon.Clusters.Values.SelectMany(v => v).Select(x => (ushort)x).ToArray();
        w.Write(MemoryMarshal.AsBytes(ids.AsSpan()));
        w.Write(Lexicon.Capitalisation.Count);
        w.Write(string.Join('\n', Lexicon.Capitalisation.Keys));
        w.Write([.. Lexicon.Capitalisation.Values]);
        w.Write(Lexicon.Gazetteer.Count);
        w.Write(string.Join('\n', Lexicon.Gazetteer.Keys));
        w.Write([.. Lexicon.Gazetteer.Values]);
    }

    public static NerModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(gz, 1 << 16);
        using var r = new BinaryReader(buffered, Encoding.UTF8);
        if (r.ReadString() != Magic || r.ReadInt32() != T)
        {
            throw new InvalidDataException("Not a Dossier NER model (expected " + Magic + ").");
        }

        var transitions = new float[(T + 1) * T];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(transitions.AsSpan()));
        var count = r.ReadInt32();
        var total = r.ReadInt32();
        var keys = new uint[count];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan()));
        var lengths = r.ReadBytes(count);
        var tags = r.ReadBytes(total);
        var half = new Half[total];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(half.AsSpan()));
        var weights = new float[total];
        for (var i = 0; i < total; i++)
        {
            weights[i] = (float)half[i];
        }

        var words = r.ReadInt32();
        var levels = r.ReadInt32();
        var names = words == 0 ? [] : r.ReadString().Split('\n');
        if (words == 0)
        {
            r.ReadString();
        }

        var ids = new ushort[words * levels];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(ids.AsSpan()));
        var clusters = new Dictionary<string, int[]>(words, StringComparer.Ordinal);
        for (var i = 0; i < words; i++)
        {
            var v = new int[levels];
            for (var k = 0; k < levels; k++)
            {
                v[k] = ids[(i * levels) + k];
            }

            clusters[names[i]] = v;
        }

        return new NerModel(new NerLexicon(clusters, ReadTable(r), ReadTable(r)), keys, lengths, tags, weights, transitions);
    }

    private static Dictionary<string, byte> ReadTable(BinaryReader r)
    {
        var count = r.ReadInt32();
        var keys = r.ReadString().Split('\n');
        var values = r.ReadBytes(count);
        var table = new Dictionary<string, byte>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            table[keys[i]] = values[i];
        }

        return table;
    }

    private static string? FindResource() =>
        typeof(NerModel).Assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("Entities.Data.ner.model.gz", StringComparison.Ordinal));

    private static NerModel LoadBuiltIn()
    {
        var sw = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var name = FindResource();
        if (name is null)
        {
            Core.DossierThrow.Dossier_ModelMissing("Entities/Data/ner.model.gz");
        }

        using var s = typeof(NerModel).Assembly.GetManifestResourceStream(name)!;
        var model = Load(s);
        LoadMilliseconds = sw.Elapsed.TotalMilliseconds;
        LoadCpuMilliseconds = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        return model;
    }
}
