using Dossier.Cli.Bench;
using Dossier.Tests.Support;

namespace Dossier.Tests.Copies;

/// <summary>Quality floors of docs/quality.md "Copies and versions", on a smaller labelled corpus (seed 2, 1,000 bases).</summary>
public sealed class CopiesQualityFloorTests
{
    /// <summary>Floors per edit set: exact R, near P/R, version P/R, rewrite P/R (just under the measured figures).</summary>
    public static TheoryData<string, double[]> Floors() => new()
    {
        // The tuned edits of earlier rounds: 1.000 | 0.992/1.000 | 1.000/0.990 | 1.000/1.000 when last measured (2026-12-07,
        // round 6; rewrite recall was 0.995 before merged sentences aligned to both halves).
        { "tuned-earlier", [0.99, 0.98, 0.99, 0.99, 0.98, 0.98, 0.99] },

        // The tuned edits with the kinds of the round before (typos, house style, a pasted item, follow-up and scattered
        // updates): 1.000 | 0.988/1.000 | 0.995/0.990 | 1.000/0.986 when last measured (2026-12-07, round 6; rewrite
        // recall was 0.981 before).
        { "tuned", [0.99, 0.975, 0.99, 0.98, 0.975, 0.99, 0.98] },

        // The third held-out set, tuning data since round 6 (its failure groups were read): 1.000 | 0.862/0.992 |
        // 0.989/0.819 | 1.000/0.968 (2026-12-07, round 6 without its quote-paragraph rule, which cost the held-out set
        // `heldout`; 0.815/0.883 | 0.846/0.787 | 1.000/0.878 before).
        { "heldout3", [0.99, 0.85, 0.98, 0.98, 0.81, 0.99, 0.95] },

        // The fourth held-out set, tuning data since round 7 (its failure groups were read): 1.000 | 0.925/0.986 |
        // 1.000/0.907 | 1.000/0.974 (2026-12-07, round 7; on 3,000 bases main gave near 0.600/0.921, version 0.786/0.286).
        { "heldout4", [0.99, 0.91, 0.98, 0.99, 0.89, 0.99, 0.96] },

        // The fifth held-out set, tuning data since round 8 (its failure groups were read): 1.000 | 0.863/0.916 |
        // 0.898/0.819 | 0.941/0.960 (2026-12-07, round 8; on 3,000 bases main gave near 0.657/0.737, version 0.689/0.511).
        // Round 9: 1.000 | 0.889/0.916 | 0.902/0.856 | 0.941/0.960 (the write-through with the old lead moved down).
        { "heldout5", [0.99, 0.88, 0.90, 0.89, 0.84, 0.93, 0.95] },

        // The sixth held-out set, tuning data since round 9 (its failure groups were read): 1.000 | 0.782/1.000 |
        // 1.000/0.725 | 0.994/0.952 (2026-12-07, round 9; on 3,000 bases main gave near 0.683/0.984, version 0.956/0.384).
        { "heldout6", [0.99, 0.77, 0.98, 0.98, 0.70, 0.98, 0.94] },

        // The seventh held-out set, tuning data since round 10 (its failure groups were read): 1.000 | 0.882/0.996 |
        // 1.000/0.861 | 0.995/0.964 (2026-12-08, round 10; on 3,000 bases main gave near 0.646/0.933, version 0.912/0.384).
        { "heldout7", [0.99, 0.87, 0.98, 0.99, 0.85, 0.98, 0.95] },

        // The eighth held-out set, not tuned on (round 10's rules left it unchanged): 1.000 | 0.610/0.703 | 0.600/0.488 |
        // 0.976/0.976 (2026-12-08, round 10).
        { "heldout8", [0.99, 0.60, 0.69, 0.59, 0.47, 0.96, 0.96] },
    };

    [SharedTheory("data/reuters21578")]
    [MemberData(nameof(Floors))]
    public void Should_keep_precision_and_recall_per_kind_above_the_floors(string edits, double[] floors)
    {
        // Given the labelled corpus built from Reuters-21578 with seed 2 and the edit set
        var context = new BenchContext(Repo.Data("reuters21578"), 1000, Path.GetTempPath(), _ => { },
            new Dictionary<string, string> { ["mode"] = "quality", ["seed"] = "2", ["edits"] = edits });

        // When the benchmark runs
        var metrics = new CopiesBenchmark().Run(context).Metrics.ToDictionary(m => m.Name, m => m.Value);

        // Then every kind stays above its floor
        metrics["exact_recall"].ShouldBeGreaterThanOrEqualTo(floors[0]);
        metrics["near_precision"].ShouldBeGreaterThanOrEqualTo(floors[1]);
        metrics["near_recall"].ShouldBeGreaterThanOrEqualTo(floors[2]);
        metrics["version_precision"].ShouldBeGreaterThanOrEqualTo(floors[3]);
        metrics["version_recall"].ShouldBeGreaterThanOrEqualTo(floors[4]);
        metrics["rewrite_precision"].ShouldBeGreaterThanOrEqualTo(floors[5]);
        metrics["rewrite_recall"].ShouldBeGreaterThanOrEqualTo(floors[6]);
    }
}
