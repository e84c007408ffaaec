namespace Dossier.Stories.Dense;

/// <summary>
/// Soft matching of content words at the topic level: each word of a corpus vocabulary that has a word vector is
/// linked to its nearest words of the same vocabulary (cosine at least a minimum, at most a few), and an article's
/// sparse vector is expanded with its words' neighbours (weight x cosine x a factor), then normalised again, so that
/// two stories of one kind of event that say it in other words (quake / earthquake, jail / prison) share weight.
/// Built per corpus (quadratic in the words of the corpus that have vectors); deterministic.
/// </summary>
public sealed class SoftTerms
{
    private readonly (int Id, float Cosine)[][] _neighbours;

    private SoftTerms((int Id, float Cosine)[][] neighbours)
    {
        _neighbours = neighbours;
    }

    /// <summary>Neighbours among the ids 0..count-1 whose term (<paramref name="term"/>) is a content word with a vector.</summary>
    public static SoftTerms Build(int count, Func<int, string> term, StoryWordVectors vectors, int top, float minCosine)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(vectors);
        var ids = new List<int>();
        var rows = new List<float[]>();
        for (var t = 0; t < count; t++)
        {
            var key = term(t);
            if (key.Length > 0 && char.IsLetter(key[0]) && vectors.Row(key) is { Length: > 0 } row)
            {
                ids.Add(t);
                rows.Add(row.ToArray());
            }
        }

        var neighbours = new (int Id, float Cosine)[count][];
        Array.Fill(neighbours, []);
        Parallel.For(0, ids.Count, a =>
        {
            var best = new List<(int Id, float Cosine)>();
            for (var b = 0; b < ids.Count; b++)
            {
                if (b == a)
                {
                    continue;
                }

                var c = StoryWordVectors.Dot(rows[a], rows[b]);
                if (c >= minCosine)
                {
                    best.Add((ids[b], c));
                }
            }

            neighbours[ids[a]] = [.. best.OrderByDescending(x => x.Cosine).ThenBy(x => x.Id).Take(top)];
        });
        return new SoftTerms(neighbours);
    }

    /// <summary>The vector with each word's neighbours added at weight x cosine x <paramref name="factor"/>, L2-normalised, ids ascending.</summary>
    public (int[] Ids, float[] Weights) Expand(int[] ids, float[] weights, float factor)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(weights);
        var sum = new Dictionary<int, float>(ids.Length * 2);
        for (var k = 0; k < ids.Length; k++)
        {
            sum[ids[k]] = sum.GetValueOrDefault(ids[k]) + weights[k];
        }

        for (var k = 0; k < ids.Length; k++)
        {
            if (ids[k] < _neighbours.Length)
            {
                foreach (var (n, c) in _neighbours[ids[k]])
                {
                    sum[n] = sum.GetValueOrDefault(n) + (weights[k] * c * factor);
                }
            }
        }

        var outIds = sum.Keys.Order().ToArray();
        var outWs = outIds.Select(i => sum[i]).ToArray();
        var norm = MathF.Sqrt(outWs.Sum(w => w * w));
        if (norm > 0)
        {
            for (var k = 0; k < outWs.Length; k++)
            {
                outWs[k] /= norm;
            }
        }

        return (outIds, outWs);
    }
}
