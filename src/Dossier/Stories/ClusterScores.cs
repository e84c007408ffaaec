namespace Dossier.Stories;

/// <summary>Clustering scores against gold labels: B-cubed (Bagga and Baldwin 1998) and pairwise precision/recall/F1.</summary>
public sealed record ClusterScores(
    int Items,
    int GoldClusters,
    int PredictedClusters,
    double BCubedPrecision,
    double BCubedRecall,
    double BCubedF1,
    double PairwisePrecision,
    double PairwiseRecall,
    double PairwiseF1)
{
    /// <summary>Scores <paramref name="predicted"/> (item → cluster) against <paramref name="gold"/> (item → label) over the gold items.</summary>
    public static ClusterScores Score(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> gold)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);

        // An item missing from the prediction is a singleton.
        var items = gold.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        string Pred(string i) => predicted.TryGetValue(i, out var p) ? "p:" + p : "single:" + i;
        var joint = new Dictionary<(string, string), int>();
        var goldSize = new Dictionary<string, int>(StringComparer.Ordinal);
        var predSize = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in items)
        {
            var g = gold[i];
            var p = Pred(i);
            joint[(g, p)] = joint.GetValueOrDefault((g, p)) + 1;
            goldSize[g] = goldSize.GetValueOrDefault(g) + 1;
            predSize[p] = predSize.GetValueOrDefault(p) + 1;
        }

        double bp = 0, br = 0;
        foreach (var ((g, p), n) in joint)
        {
            // Each of the n items in this cell has n correct items in its predicted and in its gold cluster.
            bp += n * (double)n / predSize[p];
            br += n * (double)n / goldSize[g];
        }

        var count = Math.Max(1, items.Count);
        bp /= count;
        br /= count;
        static double Pairs(long n) => n * (n - 1) / 2.0;
        var tp = joint.Values.Sum(n => Pairs(n));
        var predPairs = predSize.Values.Sum(n => Pairs(n));
        var goldPairs = goldSize.Values.Sum(n => Pairs(n));
        var pp = predPairs == 0 ? 1 : tp / predPairs;
        var pr = goldPairs == 0 ? 1 : tp / goldPairs;
        return new ClusterScores(items.Count, goldSize.Count, predSize.Count, bp, br, F1(bp, br), pp, pr, F1(pp, pr));
    }

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
