using System.Diagnostics;
using System.IO.Compression;
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
    private const string Magic = "DNER2";
    private const int T = NerTags.Count;
    private static readonly Lazy<NerModel> BuiltIn = new(LoadBuiltIn);

    private readonly uint[] _keys;
    private readonly int[] _rowStart;
    private readonly byte[] _rowLength;
    private readonly byte[] _entryTag;
    private readonly float[] _entryWeight;
    private readonly int _mask;
    private readonly float[] _transitions;

    internal NerModel(NerLexicon lexicon, IReadOnlyList<(uint Key, (byte Tag, float Weight)[] Entries)> rows, float[] transitions)
    {
        Lexicon = lexicon;
        Features = new NerFeatures(lexicon);
        _transitions = transitions;
        var size = 1;
        while (size < rows.Count * 2)
        {
            size <<= 1;
        }

        _mask = size - 1;
        _keys = new uint[size];
        _rowStart = new int[size];
        _rowLength = new byte[size];
        var total = rows.Sum(r => r.Entries.Length);
        _entryTag = new byte[total];
        _entryWeight = new float[total];
        var at = 0;
        foreach (var (key, entries) in rows)
        {
            var k = key == 0 ? 1u : key;
            var slot = (int)(Scramble(k) & (uint)_mask);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = k;
            _rowStart[slot] = at;
            _rowLength[slot] = (byte)entries.Length;
            foreach (var (tag, w) in entries)
            {
                _entryTag[at] = tag;
                _entryWeight[at] = w;
                at++;
            }
        }

        FeatureCount = rows.Count;
    }

    /// <summary>The model embedded in the Dossier assembly (loaded once, on first use).</summary>
    public static NerModel Default => BuiltIn.Value;

    /// <summary>Whether the embedded model resource is present.</summary>
    public static bool HasBuiltIn => FindResource() is not null;

    public NerLexicon Lexicon { get; }

    public NerFeatures Features { get; }

    public int FeatureCount { get; }

    /// <summary>Time the built-in model took to load, in milliseconds (0 until loaded).</summary>
    public static double LoadMilliseconds { get; private set; }

    /// <summary>BILOU tags for one sentence of words.</summary>
    public byte[] Predict(string[] words, NerDocument? document = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var n = words.Length;
        if (n == 0)
        {
            return [];
        }

        var scores = new float[n * T];
        var features = new List<uint>(64);
        var headline = NerFeatures.IsHeadline(words);
        var gaz = Features.GazetteerMatches(words);
        for (var i = 0; i < n; i++)
        {
            features.Clear();
            Features.Extract(words, i, headline, gaz, document, features);
            var row = scores.AsSpan(i * T, T);
            foreach (var f in features)
            {
                AddRow(f, row);
            }
        }

        return Viterbi(scores, n, _transitions);
    }

    private void AddRow(uint key, Span<float> row)
    {
        var k = key == 0 ? 1u : key;
        var slot = (int)(Scramble(k) & (uint)_mask);
        while (true)
        {
            var found = _keys[slot];
            if (found == k)
            {
                var start = _rowStart[slot];
                var end = start + _rowLength[slot];
                for (var e = start; e < end; e++)
                {
                    row[_entryTag[e]] += _entryWeight[e];
                }

                return;
            }

            if (found == 0)
            {
                return;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Best BILOU sequence for emission scores <c>[n * T]</c> and transitions <c>[(T + 1) * T]</c> (row T = start).</summary>
    internal static byte[] Viterbi(float[] scores, int n, float[] transitions)
    {
        var best = new float[n * T];
        var back = new byte[n * T];
        for (var t = 0; t < T; t++)
        {
            best[t] = NerTags.Allowed(-1, t) ? scores[t] + transitions[(T * T) + t] : float.NegativeInfinity;
        }

        for (var i = 1; i < n; i++)
        {
            for (var t = 0; t < T; t++)
            {
                var bestScore = float.NegativeInfinity;
                var arg = 0;
                for (var p = 0; p < T; p++)
                {
                    var prev = best[((i - 1) * T) + p];
                    if (float.IsNegativeInfinity(prev) || !AllowedTable[(p * T) + t])
                    {
                        continue;
                    }

                    var s = prev + transitions[(p * T) + t];
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

    private static readonly bool[] AllowedTable = BuildAllowed();

    private static bool[] BuildAllowed()
    {
        var a = new bool[T * T];
        for (var p = 0; p < T; p++)
        {
            for (var t = 0; t < T; t++)
            {
                a[(p * T) + t] = NerTags.Allowed(p, t);
            }
        }

        return a;
    }

    private static uint Scramble(uint k)
    {
        k ^= k >> 16;
        k *= 0x45d9f3b;
        k ^= k >> 16;
        return k;
    }

    /// <summary>Writes the model as gzip-compressed binary.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8);
        w.Write(Magic);
        w.Write(T);
        foreach (var x in _transitions)
        {
            w.Write(x);
        }

        w.Write(FeatureCount);
        for (var slot = 0; slot < _keys.Length; slot++)
        {
            if (_keys[slot] == 0)
            {
                continue;
            }

            w.Write(_keys[slot]);
            w.Write(_rowLength[slot]);
            for (var e = _rowStart[slot]; e < _rowStart[slot] + _rowLength[slot]; e++)
            {
                w.Write(_entryTag[e]);
                w.Write((Half)_entryWeight[e]);
            }
        }

        w.Write(Lexicon.Clusters.Count);
        var levels = Lexicon.Clusters.Count == 0 ? 0 : Lexicon.Clusters.First().Value.Length;
        w.Write(levels);
        foreach (var (word, ids) in Lexicon.Clusters)
        {
            w.Write(word);
            foreach (var id in ids)
            {
                w.Write((ushort)id);
            }
        }

        w.Write(Lexicon.Capitalisation.Count);
        foreach (var (word, b) in Lexicon.Capitalisation)
        {
            w.Write(word);
            w.Write(b);
        }

        w.Write(Lexicon.Gazetteer.Count);
        foreach (var (phrase, b) in Lexicon.Gazetteer)
        {
            w.Write(phrase);
            w.Write(b);
        }
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
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = r.ReadSingle();
        }

        var count = r.ReadInt32();
        var rows = new (uint, (byte, float)[])[count];
        for (var i = 0; i < count; i++)
        {
            var key = r.ReadUInt32();
            var len = r.ReadByte();
            var entries = new (byte, float)[len];
            for (var e = 0; e < len; e++)
            {
                entries[e] = (r.ReadByte(), (float)r.ReadHalf());
            }

            rows[i] = (key, entries);
        }

        var words = r.ReadInt32();
        var levels = r.ReadInt32();
        var clusters = new Dictionary<string, int[]>(words, StringComparer.Ordinal);
        for (var i = 0; i < words; i++)
        {
            var word = r.ReadString();
            var ids = new int[levels];
            for (var k = 0; k < levels; k++)
            {
                ids[k] = r.ReadUInt16();
            }

            clusters[word] = ids;
        }

        var caps = r.ReadInt32();
        var cap = new Dictionary<string, byte>(caps, StringComparer.Ordinal);
        for (var i = 0; i < caps; i++)
        {
            cap[r.ReadString()] = r.ReadByte();
        }

        var gazCount = r.ReadInt32();
        var gaz = new Dictionary<string, byte>(gazCount, StringComparer.Ordinal);
        for (var i = 0; i < gazCount; i++)
        {
            gaz[r.ReadString()] = r.ReadByte();
        }

        return new NerModel(new NerLexicon(clusters, cap, gaz), rows, transitions);
    }

    private static string? FindResource() =>
        typeof(NerModel).Assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("Entities.Data.ner.model.gz", StringComparison.Ordinal));

    private static NerModel LoadBuiltIn()
    {
        var sw = Stopwatch.StartNew();
        var name = FindResource();
        if (name is null)
        {
            Core.DossierThrow.Dossier_ModelMissing("Entities/Data/ner.model.gz");
        }

        using var s = typeof(NerModel).Assembly.GetManifestResourceStream(name)!;
        var model = Load(s);
        LoadMilliseconds = sw.Elapsed.TotalMilliseconds;
        return model;
    }
}
