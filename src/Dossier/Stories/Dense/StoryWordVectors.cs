using System.IO.Compression;
using System.Text;

namespace Dossier.Stories.Dense;

/// <summary>
/// Dense word vectors for the topic level of stories (what kind of event an article is about, not who or where):
/// one unit vector per content word (the <see cref="FeatureKind.Term"/> keys of <see cref="StoryFeatureExtractor"/>),
/// stored quantised to 8 bits, with each word's inverse document frequency in the training text. Trained by <see cref="StoryVectorTrainer"/> on news text that is not an
/// evaluation set; the built-in model is the embedded resource <c>Stories/Data/story-vectors.bin.gz</c>, rebuilt
/// with <c>dossier train-story-vectors</c> (docs/stories.md). Immutable and thread-safe.
/// </summary>
public sealed class StoryWordVectors
{
    private const string Magic = "DSVEC2";
    private const string ResourceName = "Dossier.Stories.Data.story-vectors.bin.gz";
    private static readonly Lazy<StoryWordVectors> BuiltIn = new(LoadBuiltIn);

    private readonly Dictionary<string, int> _index;
    private readonly string[] _words;
    private readonly float[] _vectors; // word w's unit vector at [w * Dimensions ..]
    private readonly float[] _idf;

    internal StoryWordVectors(string[] words, float[] vectors, float[] idf, int dimensions)
    {
        _words = words;
        _vectors = vectors;
        _idf = idf;
        Dimensions = dimensions;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var w = 0; w < words.Length; w++)
        {
            _index[words[w]] = w;
        }
    }

    /// <summary>The built-in vectors (embedded resource).</summary>
    public static StoryWordVectors Default => BuiltIn.Value;

    public int Dimensions { get; }

    public int Count => _words.Length;

    public IReadOnlyList<string> Words => _words;

    /// <summary>Whether the word (a term key) has a vector.</summary>
    public bool Contains(string word) => _index.ContainsKey(word);

    /// <summary>A copy of the word's vector, or null when it has none.</summary>
    public float[]? Vector(string word) =>
        _index.TryGetValue(word, out var w) ? _vectors.AsSpan(w * Dimensions, Dimensions).ToArray() : null;

    /// <summary>Cosine of two words' vectors (0 when either has none).</summary>
    public float Similarity(string a, string b)
    {
        if (!_index.TryGetValue(a, out var i) || !_index.TryGetValue(b, out var j))
        {
            return 0;
        }

        return Dot(_vectors.AsSpan(i * Dimensions, Dimensions), _vectors.AsSpan(j * Dimensions, Dimensions));
    }

    /// <summary>
    /// An article's unit vector: its content words' vectors weighted by sublinear count x training IDF, summed and
    /// normalised. Names, numbers and years are left out (the kind of event, not who, where or when). Null when no
    /// word has a vector.
    /// </summary>
    public float[]? ArticleVector(ArticleFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return ArticleVector(features.Features.Where(f => f.Kind == FeatureKind.Term).Select(f => (f.Key, f.Count)));
    }

    /// <summary>As <see cref="ArticleVector(ArticleFeatures)"/> from (word, count) pairs.</summary>
    public float[]? ArticleVector(IEnumerable<(string Word, float Count)> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var v = new float[Dimensions];
        var any = false;
        foreach (var (word, count) in words)
        {
            if (count <= 0 || !_index.TryGetValue(word, out var w))
            {
                continue;
            }

            var weight = (1f + MathF.Log(count)) * _idf[w];
            var row = _vectors.AsSpan(w * Dimensions, Dimensions);
            for (var d = 0; d < v.Length; d++)
            {
                v[d] += weight * row[d];
            }

            any = true;
        }

        return any && Normalise(v) ? v : null;
    }

    /// <summary>The row of a word (unit length), or an empty span when it has none.</summary>
    internal ReadOnlySpan<float> Row(string word) =>
        _index.TryGetValue(word, out var w) ? _vectors.AsSpan(w * Dimensions, Dimensions) : [];

    internal static bool Normalise(float[] v)
    {
        double n = 0;
        foreach (var x in v)
        {
            n += (double)x * x;
        }

        if (n <= 1e-12)
        {
            return false;
        }

        var inv = (float)(1 / Math.Sqrt(n));
        for (var d = 0; d < v.Length; d++)
        {
            v[d] *= inv;
        }

        return true;
    }

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var s = 0f;
        for (var d = 0; d < a.Length; d++)
        {
            s += a[d] * b[d];
        }

        return s;
    }

    /// <summary>Writes the vectors (gzip; 8-bit quantised rows with a scale each). Byte-identical for identical vectors.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Dimensions);
        w.Write(_words.Length);

        for (var i = 0; i < _words.Length; i++)
        {
            w.Write(_words[i]);
            w.Write(_idf[i]);
            var (scale, q) = Quantise(_vectors.AsSpan(i * Dimensions, Dimensions));
            w.Write(scale);
            foreach (var x in q)
            {
                w.Write(x);
            }
        }
    }

    /// <summary>Reads vectors written by <see cref="Save"/> (rows dequantised and normalised again).</summary>
    public static StoryWordVectors Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException("Not a story vectors file.");
        }

        var dims = r.ReadInt32();
        var count = r.ReadInt32();

        var words = new string[count];
        var idf = new float[count];
        var vectors = new float[count * dims];
        var row = new float[dims];
        for (var i = 0; i < count; i++)
        {
            words[i] = r.ReadString();
            idf[i] = r.ReadSingle();
            var scale = r.ReadSingle();
            for (var d = 0; d < dims; d++)
            {
                row[d] = r.ReadSByte() * scale;
            }

            Normalise(row);
            row.CopyTo(vectors, i * dims);
        }

        return new StoryWordVectors(words, vectors, idf, dims);
    }

    /// <summary>A row as 8-bit values and their scale (largest magnitude / 127).</summary>
    internal static (float Scale, sbyte[] Values) Quantise(ReadOnlySpan<float> row)
    {
        var max = 0f;
        foreach (var x in row)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        var scale = max > 0 ? max / 127f : 1f;
        var q = new sbyte[row.Length];
        for (var d = 0; d < row.Length; d++)
        {
            q[d] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -127, 127);
        }

        return (scale, q);
    }

    /// <summary>The row as <see cref="Load"/> will read it back: quantised, dequantised, normalised.</summary>
    internal static void RoundTrip(Span<float> row)
    {
        var (scale, q) = Quantise(row);
        var v = new float[row.Length];
        for (var d = 0; d < v.Length; d++)
        {
            v[d] = q[d] * scale;
        }

        Normalise(v);
        v.CopyTo(row);
    }

    private static StoryWordVectors LoadBuiltIn()
    {
        using var stream = typeof(StoryWordVectors).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            Core.DossierThrow.Dossier_ModelMissing(ResourceName);
        }

        return Load(stream);
    }
}
