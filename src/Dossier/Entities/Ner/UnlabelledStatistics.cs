using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.RegularExpressions;
using Dossier.Text;

namespace Dossier.Entities.Ner;

/// <summary>
/// What the NER features learn from unlabelled news text (the Reuters-21578 bodies and the words of the
/// training file): how often each word is capitalised in mid-sentence, and word clusters. Clusters: each
/// word's left and right neighbours (PPMI-weighted) are projected to a dense vector, spherical k-means
/// groups the words into fine clusters, and the fine centroids are grouped again into coarser ones, so
/// each word gets a coarse-to-fine path like a Brown-cluster prefix.
/// </summary>
public static partial class UnlabelledStatistics
{
    /// <summary>The article bodies of every <c>*.sgm</c> file under <paramref name="folder"/>, entities decoded.</summary>
    public static IEnumerable<string> ReutersBodies(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.sgm").Order(StringComparer.Ordinal))
        {
            var sgm = File.ReadAllText(file, System.Text.Encoding.Latin1);
            foreach (Match m in Body().Matches(sgm))
            {
                yield return WebUtility.HtmlDecode(m.Groups[1].Value.Replace("&#3;", "", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Sentences (as words) from every <c>*.sgm</c> file under <paramref name="folder"/>.</summary>
    public static List<string[]> ReadReuters(string folder)
    {
        var sentences = new List<string[]>();
        foreach (var text in ReutersBodies(folder))
        {
            var layer = NewsTextAnalyzer.Default.Analyze(text);
            foreach (var s in layer.Sentences)
            {
                var words = new string[s.TokenCount];
                for (var k = 0; k < s.TokenCount; k++)
                {
                    words[k] = layer.Tokens[s.FirstToken + k].Of(text).ToString();
                }

                sentences.Add(words);
            }
        }

        return sentences;
    }

    /// <summary>Lower-cased word -> 0..10 share of mid-sentence occurrences written capitalised (words seen at least twice).</summary>
    public static Dictionary<string, byte> Capitalisation(IEnumerable<string[]> sentences, int minCount = 2)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var counts = new Dictionary<string, (int Cap, int All)>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            if (NerFeatures.IsHeadline(s))
            {
                continue;
            }

            for (var i = 1; i < s.Length; i++)
            {
                var w = s[i];
                if (w.Length == 0 || !char.IsLetter(w[0]) || s[i - 1] is "\"" or "``" or "(" or ":" or "\u201C")
                {
                    continue;
                }

                var key = w.ToLowerInvariant();
                var (cap, all) = counts.GetValueOrDefault(key);
                counts[key] = (cap + (char.IsUpper(w[0]) ? 1 : 0), all + 1);
            }
        }

        var result = new Dictionary<string, byte>(StringComparer.Ordinal);
        foreach (var (w, (cap, all)) in counts)
        {
            if (all >= minCount)
            {
                result[w] = (byte)Math.Round(10.0 * cap / all);
            }
        }

        return result;
    }

    /// <summary>Exact word -> cluster ids, coarse to fine, for words seen at least <paramref name="minCount"/> times.</summary>
    public static Dictionary<string, int[]> Clusters(IReadOnlyList<string[]> sentences, int[] sizes, int minCount = 3, int dimensions = 128, int contexts = 3000, int iterations = 12, int seed = 5, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(sizes);
        log ??= _ => { };
        var freq = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            foreach (var w in s)
            {
                freq[w] = freq.GetValueOrDefault(w) + 1;
            }
        }

        var vocab = freq.Where(kv => kv.Value >= minCount).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
        var id = new Dictionary<string, int>(vocab.Length, StringComparer.Ordinal);
        for (var k = 0; k < vocab.Length; k++)
        {
            id[vocab[k]] = k;
        }

        // Context features: the lower-cased neighbour (top words) on each side, with digits folded.
        var lowerFreq = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (w, n) in freq)
        {
            var l = Fold(w);
            lowerFreq[l] = lowerFreq.GetValueOrDefault(l) + n;
        }

        var ctxWords = lowerFreq.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(contexts).Select(kv => kv.Key).ToList();
        var ctxId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < ctxWords.Count; k++)
        {
            ctxId[ctxWords[k]] = k;
        }

        var nc = (2 * contexts) + 2;
        var pairs = new Dictionary<long, int>();
        foreach (var s in sentences)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (!id.TryGetValue(s[i], out var w))
                {
                    continue;
                }

                var left = i == 0 ? contexts : ctxId.TryGetValue(Fold(s[i - 1]), out var a) ? a : -1;
                var right = i + 1 == s.Length ? contexts : ctxId.TryGetValue(Fold(s[i + 1]), out var b) ? b : -1;
                if (left >= 0)
                {
                    var key = ((long)w * nc) + left;
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }

                if (right >= 0)
                {
                    var key = ((long)w * nc) + contexts + 1 + right;
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
            }
        }

        log(string.Create(CultureInfo.InvariantCulture, $"clusters: {vocab.Length} words, {pairs.Count} word-context pairs"));

        // PPMI weights, projected with sparse random vectors.
        var wordTotal = new double[vocab.Length];
        var ctxTotal = new double[nc];
        double total = 0;
        foreach (var (key, n) in pairs)
        {
            wordTotal[key / nc] += n;
            ctxTotal[key % nc] += n;
            total += n;
        }

        var rng = new Random(seed);
        var projection = new (int Dim, float Sign)[nc][];
        for (var c = 0; c < nc; c++)
        {
            projection[c] = new (int, float)[6];
            for (var k = 0; k < 6; k++)
            {
                projection[c][k] = (rng.Next(dimensions), rng.Next(2) == 0 ? -1f : 1f);
            }
        }

        var vectors = new float[vocab.Length * dimensions];
        foreach (var (key, n) in pairs)
        {
            var w = (int)(key / nc);
            var c = (int)(key % nc);
            var pmi = Math.Log(n * total / (wordTotal[w] * Math.Pow(ctxTotal[c], 0.75) * Math.Pow(total, 0.25)));
            if (pmi <= 0)
            {
                continue;
            }

            foreach (var (dim, sign) in projection[c])
            {
                vectors[(w * dimensions) + dim] += (float)pmi * sign;
            }
        }

        Normalise(vectors, vocab.Length, dimensions);
        var fine = sizes.Max();
        var (assign, centroids) = KMeans(vectors, vocab.Length, dimensions, Math.Min(fine, vocab.Length), iterations, rng, log);
        var result = new Dictionary<string, int[]>(vocab.Length, StringComparer.Ordinal);
        var levels = new int[sizes.Length][];
        for (var l = 0; l < sizes.Length; l++)
        {
            if (sizes[l] >= fine)
            {
                levels[l] = assign;
                continue;
            }

            var k = Math.Min(sizes[l], centroids.Length / dimensions);
            var copy = (float[])centroids.Clone();
            Normalise(copy, copy.Length / dimensions, dimensions);
            var (coarse, _) = KMeans(copy, copy.Length / dimensions, dimensions, k, iterations, rng, _ => { });
            levels[l] = [.. assign.Select(a => coarse[a])];
        }

        for (var w = 0; w < vocab.Length; w++)
        {
            result[vocab[w]] = [.. levels.Select(l => l[w])];
        }

        return result;
    }

    private static string Fold(string w)
    {
        Span<char> b = stackalloc char[Math.Min(w.Length, 48)];
        for (var k = 0; k < b.Length; k++)
        {
            var c = w[k];
            b[k] = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
        }

        return new string(b);
    }

    private static void Normalise(float[] v, int rows, int dims)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = v.AsSpan(r * dims, dims);
            var norm = MathF.Sqrt(Dot(row, row));
            if (norm > 0)
            {
                foreach (ref var x in row)
                {
                    x /= norm;
                }
            }
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= a.Length - width; i += width)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var s = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static (int[] Assign, float[] Centroids) KMeans(float[] v, int rows, int dims, int k, int iterations, Random rng, Action<string> log)
    {
        var centroids = new float[k * dims];

        // Seeds: k distinct rows spread over the frequency-ordered vocabulary.
        var picks = Enumerable.Range(0, rows).OrderBy(_ => rng.Next()).Take(k).ToArray();
        for (var c = 0; c < k; c++)
        {
            v.AsSpan(picks[c] * dims, dims).CopyTo(centroids.AsSpan(c * dims, dims));
        }

        var assign = new int[rows];
        for (var it = 0; it < iterations; it++)
        {
            var changed = 0;
            for (var r = 0; r < rows; r++)
            {
                var row = v.AsSpan(r * dims, dims);
                var best = 0;
                var bestScore = float.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    var s = Dot(row, centroids.AsSpan(c * dims, dims));
                    if (s > bestScore)
                    {
                        bestScore = s;
                        best = c;
                    }
                }

                if (assign[r] != best || it == 0)
                {
                    changed++;
                }

                assign[r] = best;
            }

            Array.Clear(centroids);
            for (var r = 0; r < rows; r++)
            {
                var dst = centroids.AsSpan(assign[r] * dims, dims);
                var src = v.AsSpan(r * dims, dims);
                for (var d = 0; d < dims; d++)
                {
                    dst[d] += src[d];
                }
            }

            Normalise(centroids, k, dims);
            log(string.Create(CultureInfo.InvariantCulture, $"k-means {k}: iteration {it + 1}, {changed} moved"));
        }

        return (assign, centroids);
    }

    [GeneratedRegex("<BODY>(.*?)</BODY>", RegexOptions.Singleline)]
    private static partial Regex Body();
}
