namespace Dossier.Stories.Dense;

/// <summary>
/// The dense part of the topic-level similarity (<see cref="BatchStoryClusterer.Topics"/>): each story keeps the
/// sum of its articles' unit vectors (<see cref="StoryWordVectors.ArticleVector(ArticleFeatures)"/>, moved by minus
/// the mean article vector of the set and normalised again, so that unrelated articles are near 0 rather than all
/// alike), so the mean cosine between the articles of two groups is the dot product of their sums over the product
/// of their sizes, and merging two groups adds their sums (average linkage, as the sparse part).
/// </summary>
public static class DenseTopics
{
    /// <summary>Per story, the sum of its articles' centred vectors (articles without one add nothing but still count in the size).</summary>
    public static float[][] Sums(IReadOnlyList<ArticleFeatures> features, IReadOnlyList<IReadOnlyList<int>> stories, StoryWordVectors vectors)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(vectors);
        var articles = new float[]?[features.Count];
        Parallel.For(0, features.Count, i => articles[i] = vectors.ArticleVector(features[i]));
        var mean = new double[vectors.Dimensions];
        var counted = 0;
        foreach (var v in articles)
        {
            if (v is not null)
            {
                counted++;
                for (var d = 0; d < mean.Length; d++)
                {
                    mean[d] += v[d];
                }
            }
        }

        foreach (var v in articles)
        {
            if (v is not null)
            {
                for (var d = 0; d < v.Length; d++)
                {
                    v[d] -= (float)(mean[d] / counted);
                }

                StoryWordVectors.Normalise(v);
            }
        }

        var sums = new float[stories.Count][];
        for (var s = 0; s < stories.Count; s++)
        {
            var sum = new float[vectors.Dimensions];
            foreach (var i in stories[s])
            {
                if (articles[i] is { } v)
                {
                    Add(sum, v);
                }
            }

            sums[s] = sum;
        }

        return sums;
    }

    /// <summary>The mean cosine between the articles of two groups of <paramref name="sizeA"/> and <paramref name="sizeB"/> articles.</summary>
    public static float Average(float[] a, float[] b, int sizeA, int sizeB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return StoryWordVectors.Dot(a, b) / ((float)sizeA * sizeB);
    }

    /// <summary>(1 - <paramref name="blend"/>) x the sparse similarity + <paramref name="blend"/> x the dense one.</summary>
    public static float Blend(float sparse, float dense, float blend) => ((1 - blend) * sparse) + (blend * dense);

    /// <summary>Adds <paramref name="from"/> into <paramref name="into"/> (two groups merged).</summary>
    public static void Add(float[] into, float[] from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        for (var d = 0; d < into.Length; d++)
        {
            into[d] += from[d];
        }
    }
}
