using Dossier.Stories;

namespace Dossier.Tests.Stories;

public sealed class ClusterScoresTests
{
    [Fact]
    public void Should_score_a_perfect_clustering_as_one()
    {
        // Given a prediction identical to the gold labels up to names
        var gold = new Dictionary<string, string> { ["a"] = "x", ["b"] = "x", ["c"] = "y" };
        var pred = new Dictionary<string, string> { ["a"] = "1", ["b"] = "1", ["c"] = "2" };

        // When scored
        var s = ClusterScores.Score(pred, gold);

        // Then every score is 1
        s.BCubedF1.ShouldBe(1.0);
        s.PairwiseF1.ShouldBe(1.0);
        s.GoldClusters.ShouldBe(2);
    }

    [Fact]
    public void Should_compute_bcubed_and_pairwise_by_hand()
    {
        // Given gold {a,b,c} {d} and prediction {a,b} {c,d}
        var gold = new Dictionary<string, string> { ["a"] = "g1", ["b"] = "g1", ["c"] = "g1", ["d"] = "g2" };
        var pred = new Dictionary<string, string> { ["a"] = "p1", ["b"] = "p1", ["c"] = "p2", ["d"] = "p2" };

        // When scored
        var s = ClusterScores.Score(pred, gold);

        // Then B-cubed precision = (1+1+1/2+1/2)/4 = 0.75, recall = (2/3+2/3+1/3+1)/4 = 2/3
        s.BCubedPrecision.ShouldBe(0.75, 1e-9);
        s.BCubedRecall.ShouldBe(2.0 / 3, 1e-9);
        s.BCubedF1.ShouldBe(2 * 0.75 * (2.0 / 3) / (0.75 + (2.0 / 3)), 1e-9);

        // And pairwise: predicted pairs ab, cd; gold pairs ab, ac, bc; one true pair
        s.PairwisePrecision.ShouldBe(0.5, 1e-9);
        s.PairwiseRecall.ShouldBe(1.0 / 3, 1e-9);
    }

    [Fact]
    public void Should_count_items_missing_from_the_prediction_as_singletons()
    {
        // Given a gold pair and a prediction that lacks one item
        var gold = new Dictionary<string, string> { ["a"] = "g", ["b"] = "g" };
        var pred = new Dictionary<string, string> { ["a"] = "p" };

        // When scored
        var s = ClusterScores.Score(pred, gold);

        // Then precision is perfect and recall halves
        s.BCubedPrecision.ShouldBe(1.0);
        s.BCubedRecall.ShouldBe(0.5);
    }
}
