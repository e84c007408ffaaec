using System.Globalization;
using Dossier.Core;

namespace Dossier.Stories.Dense;

/// <summary>How <see cref="StoryVectorTrainer"/> builds the word vectors.</summary>
public sealed record StoryVectorTrainingOptions
{
    /// <summary>Dimensions kept from the truncated SVD.</summary>
    public int Dimensions { get; init; } = 100;

    /// <summary>Words (content-word keys, most frequent by document frequency first) that get a vector.</summary>
    public int Words { get; init; } = 20_000;

    /// <summary>Context words (the most frequent of <see cref="Words"/>): the columns of the co-occurrence matrix.</summary>
    public int Contexts { get; init; } = 2_000;

    /// <summary>A word needs at least this many training documents.</summary>
    public int MinDocuments { get; init; } = 5;

    /// <summary>Context distribution smoothing of PPMI (context frequencies raised to this power).</summary>
    public double ContextSmoothing { get; init; } = 0.75;

    /// <summary>Word vector = left singular vector x singular value to this power (0 = unweighted).</summary>
    public double SingularPower { get; init; }

    /// <summary>Extra random directions of the randomized SVD.</summary>
    public int Oversampling { get; init; } = 10;

    /// <summary>Power iterations of the randomized SVD.</summary>
    public int PowerIterations { get; init; } = 3;

    public int Seed { get; init; } = 20_261_207;
}

/// <summary>
/// Trains <see cref="StoryWordVectors"/> from unlabelled news text: each document's content words (the
/// <see cref="FeatureKind.Term"/> keys of <see cref="StoryFeatureExtractor"/>, so the same keys as at run time)
/// co-occur with each other; the word x context-word counts are PPMI-weighted (context distribution smoothing)
/// and reduced by a seeded randomized truncated SVD; each word keeps its unit-length row. Words that share
/// documents with the same words (quake, magnitude, epicentre) end up close whatever their names. Deterministic:
/// fixed seed, every sum in a fixed order (rows in parallel, each row summed sequentially).
/// </summary>
public sealed class StoryVectorTrainer(StoryVectorTrainingOptions? options = null, Action<string>? log = null)
{
    private readonly StoryVectorTrainingOptions _options = options ?? new StoryVectorTrainingOptions();

    /// <summary>Trains on the documents (plain text, one string each) in the order given.</summary>
    public StoryWordVectors Train(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var o = _options;

        // 1. Content words per document (distinct, with counts).
        var extractor = new StoryFeatureExtractor(StoryOptions.Default);
        var docs = texts.AsParallel().AsOrdered().Select((t, i) =>
        {
            var id = i.ToString(CultureInfo.InvariantCulture);
            var article = new Article { Id = id, SourcePath = id, Format = SourceFormat.Text, RawInput = t, SourceText = t, Text = t, Map = OffsetMap.Identity(t.Length) };
            return extractor.Extract(article).Features.Where(f => f.Kind == FeatureKind.Term).Select(f => (f.Key, f.Count)).ToArray();
        }).ToList();

        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            foreach (var (key, _) in d)
            {
                df[key] = df.GetValueOrDefault(key) + 1;
            }
        }

        var words = df.Where(kv => kv.Value >= o.MinDocuments).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(o.Words).Select(kv => kv.Key).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var w = 0; w < words.Length; w++)
        {
            index[words[w]] = w;
        }

        var v = words.Length;
        var c = Math.Min(o.Contexts, v);
        log?.Invoke($"{docs.Count} documents, {df.Count} words, {v} with vectors, {c} contexts");

        // 2. Document co-occurrence counts, word x context.
        var m = new float[(long)v * c];
        var ids = new List<int>();
        foreach (var d in docs)
        {
            ids.Clear();
            foreach (var (key, _) in d)
            {
                if (index.TryGetValue(key, out var w))
                {
                    ids.Add(w);
                }
            }

            ids.Sort();
            foreach (var w in ids)
            {
                var row = (long)w * c;
                foreach (var x in ids)
                {
                    if (x >= c)
                    {
                        break;
                    }

                    if (x != w)
                    {
                        m[row + x] += 1;
                    }
                }
            }
        }

        // 3. PPMI with smoothed context probabilities.
        var rowSum = new double[v];
        var colSum = new double[c];
        double total = 0;
        for (var w = 0; w < v; w++)
        {
            for (var x = 0; x < c; x++)
            {
                var n = m[((long)w * c) + x];
                rowSum[w] += n;
                colSum[x] += n;
            }

            total += rowSum[w];
        }

        var smoothed = colSum.Select(n => Math.Pow(n, o.ContextSmoothing)).ToArray();
        var smoothedTotal = smoothed.Sum();
        Parallel.For(0, v, w =>
        {
            for (var x = 0; x < c; x++)
            {
                ref var cell = ref m[((long)w * c) + x];
                if (cell > 0)
                {
                    var pmi = Math.Log(cell / total / (rowSum[w] / total * (smoothed[x] / smoothedTotal)));
                    cell = pmi > 0 ? (float)pmi : 0;
                }
            }
        });

        // 4. Randomized truncated SVD.
        var k = Math.Min(o.Dimensions + o.Oversampling, c);
        var random = new Random(o.Seed);
        var omega = new double[c * k];
        for (var i = 0; i < omega.Length; i++)
        {
            omega[i] = Gaussian(random);
        }

        var y = Times(m, v, c, omega, k);
        Orthonormalise(y, v, k);
        for (var it = 0; it < o.PowerIterations; it++)
        {
            var z = TransposeTimes(m, v, c, y, k);
            Orthonormalise(z, c, k);
            y = Times(m, v, c, z, k);
            Orthonormalise(y, v, k);
        }

        var bt = TransposeTimes(m, v, c, y, k); // (Q^T M)^T: c x k
        var g = new double[k * k];
        Parallel.For(0, k, a =>
        {
            for (var b = 0; b < k; b++)
            {
                double s = 0;
                for (var x = 0; x < c; x++)
                {
                    s += bt[(x * k) + a] * bt[(x * k) + b];
                }

                g[(a * k) + b] = s;
            }
        });
        var (values, vectors) = Jacobi(g, k);
        var order = Enumerable.Range(0, k).OrderByDescending(i => values[i]).ThenBy(i => i).Take(o.Dimensions).ToArray();
        var dims = order.Length;
        log?.Invoke("singular values: " + string.Join(" ", order.Take(8).Select(i => Math.Sqrt(Math.Max(0, values[i])).ToString("0.0", CultureInfo.InvariantCulture))) + " ... " +
            Math.Sqrt(Math.Max(0, values[order[^1]])).ToString("0.0", CultureInfo.InvariantCulture));

        var result = new float[v * dims];
        var keep = new bool[v];
        Parallel.For(0, v, w =>
        {
            var row = new float[dims];
            for (var d = 0; d < dims; d++)
            {
                var e = order[d];
                double s = 0;
                for (var a = 0; a < k; a++)
                {
                    s += y[((long)w * k) + a] * vectors[(a * k) + e];
                }

                row[d] = (float)(s * Math.Pow(Math.Max(0, values[e]), o.SingularPower / 2));
            }

            if (StoryWordVectors.Normalise(row))
            {
                StoryWordVectors.RoundTrip(row);
                row.CopyTo(result, w * dims);
                keep[w] = true;
            }
        });

        // 5. Keep words with a vector, with their IDF over the training documents.
        var kept = Enumerable.Range(0, v).Where(w => keep[w]).ToArray();
        var keptVectors = new float[kept.Length * dims];
        for (var i = 0; i < kept.Length; i++)
        {
            Array.Copy(result, kept[i] * dims, keptVectors, i * dims, dims);
        }

        var keptWords = kept.Select(w => words[w]).ToArray();
        var idf = keptWords.Select(w => (float)Math.Log((double)docs.Count / df[w])).ToArray();
        return new StoryWordVectors(keptWords, keptVectors, idf, dims);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>M (rows x cols, float) times X (cols x k): rows x k.</summary>
    private static double[] Times(float[] m, int rows, int cols, double[] x, int k)
    {
        var y = new double[(long)rows * k];
        Parallel.For(0, rows, r =>
        {
            var at = (long)r * k;
            for (var col = 0; col < cols; col++)
            {
                var a = m[((long)r * cols) + col];
                if (a != 0)
                {
                    for (var j = 0; j < k; j++)
                    {
                        y[at + j] += a * x[(col * k) + j];
                    }
                }
            }
        });
        return y;
    }

    /// <summary>M^T (cols x rows) times Y (rows x k): cols x k; each output row summed over rows in order.</summary>
    private static double[] TransposeTimes(float[] m, int rows, int cols, double[] y, int k)
    {
        var z = new double[cols * k];
        const int Block = 64;
        Parallel.For(0, (cols + Block - 1) / Block, b =>
        {
            var from = b * Block;
            var to = Math.Min(cols, from + Block);
            for (var r = 0; r < rows; r++)
            {
                var row = (long)r * cols;
                for (var col = from; col < to; col++)
                {
                    var a = m[row + col];
                    if (a != 0)
                    {
                        for (var j = 0; j < k; j++)
                        {
                            z[(col * k) + j] += a * y[((long)r * k) + j];
                        }
                    }
                }
            }
        });
        return z;
    }

    /// <summary>Modified Gram-Schmidt on the k columns of a rows x k matrix (row-major).</summary>
    private static void Orthonormalise(double[] a, int rows, int k)
    {
        for (var j = 0; j < k; j++)
        {
            for (var p = 0; p < j; p++)
            {
                double dot = 0;
                for (var r = 0; r < rows; r++)
                {
                    dot += a[((long)r * k) + p] * a[((long)r * k) + j];
                }

                for (var r = 0; r < rows; r++)
                {
                    a[((long)r * k) + j] -= dot * a[((long)r * k) + p];
                }
            }

            double n = 0;
            for (var r = 0; r < rows; r++)
            {
                n += a[((long)r * k) + j] * a[((long)r * k) + j];
            }

            n = Math.Sqrt(n);
            for (var r = 0; r < rows; r++)
            {
                a[((long)r * k) + j] = n > 0 ? a[((long)r * k) + j] / n : 0;
            }
        }
    }

    /// <summary>Eigenvalues and eigenvectors (columns of a k x k row-major matrix) of a symmetric matrix, cyclic Jacobi.</summary>
    private static (double[] Values, double[] Vectors) Jacobi(double[] g, int k)
    {
        var a = (double[])g.Clone();
        var e = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            e[(i * k) + i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < k; p++)
            {
                for (var q = p + 1; q < k; q++)
                {
                    off += a[(p * k) + q] * a[(p * k) + q];
                }
            }

            if (off < 1e-22)
            {
                break;
            }

            for (var p = 0; p < k; p++)
            {
                for (var q = p + 1; q < k; q++)
                {
                    var apq = a[(p * k) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[(q * k) + q] - a[(p * k) + p]) / (2 * apq);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var cos = 1 / Math.Sqrt((t * t) + 1);
                    var sin = t * cos;
                    for (var r = 0; r < k; r++)
                    {
                        var arp = a[(r * k) + p];
                        var arq = a[(r * k) + q];
                        a[(r * k) + p] = (cos * arp) - (sin * arq);
                        a[(r * k) + q] = (sin * arp) + (cos * arq);
                    }

                    for (var r = 0; r < k; r++)
                    {
                        var apr = a[(p * k) + r];
                        var aqr = a[(q * k) + r];
                        a[(p * k) + r] = (cos * apr) - (sin * aqr);
                        a[(q * k) + r] = (sin * apr) + (cos * aqr);
                    }

                    for (var r = 0; r < k; r++)
                    {
                        var erp = e[(r * k) + p];
                        var erq = e[(r * k) + q];
                        e[(r * k) + p] = (cos * erp) - (sin * erq);
                        e[(r * k) + q] = (sin * erp) + (cos * erq);
                    }
                }
            }
        }

        return ([.. Enumerable.Range(0, k).Select(i => a[(i * k) + i])], e);
    }
}
