using Dossier.Cli.Bench;
using Dossier.Tests.Support;

namespace Dossier.Tests.Copies;

/// <summary>Quality floors of docs/quality.md "Copies and versions", on a smaller labelled corpus (seed 2, 1,000 bases).</summary>
public sealed class CopiesQualityFloorTests
{
    [SharedFact("data/reuters21578")]
    public void Should_keep_precision_and_recall_per_kind_above_the_floors()
    {
        // Given the labelled corpus built from Reuters-21578 with seed 2 and the tuned edits
        var context = new BenchContext(Repo.Data("reuters21578"), 1000, Path.GetTempPath(), _ => { },
            new Dictionary<string, string> { ["mode"] = "quality", ["seed"] = "2", ["edits"] = "tuned" });

        // When the benchmark runs
        var metrics = new CopiesBenchmark().Run(context).Metrics.ToDictionary(m => m.Name, m => m.Value);

        // Then every kind stays above its floor
        metrics["exact_recall"].ShouldBeGreaterThanOrEqualTo(0.98);
        metrics["near_recall"].ShouldBeGreaterThanOrEqualTo(0.97);
        metrics["near_precision"].ShouldBeGreaterThanOrEqualTo(0.98);
        metrics["version_recall"].ShouldBeGreaterThanOrEqualTo(0.97);
        metrics["version_precision"].ShouldBeGreaterThanOrEqualTo(0.97);
        metrics["rewrite_recall"].ShouldBeGreaterThanOrEqualTo(0.97);
        metrics["rewrite_precision"].ShouldBeGreaterThanOrEqualTo(0.97);
    }
}
