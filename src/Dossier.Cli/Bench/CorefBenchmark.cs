using System.Diagnostics;
using Dossier.Entities.Evaluation;

namespace Dossier.Cli.Bench;

/// <summary><c>dossier bench coref</c>: cross-document entity coreference on ECB+ (B-cubed over gold named mentions, per topic).</summary>
public sealed class CorefBenchmark : IBenchmark
{
    public string Name => "coref";

    public string Description => "Cross-document entity coreference on ECB+ (--corpus DIR, default ../shared/data/ecbplus; --size N topics): B-cubed over gold named participant and location mentions.";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = context.Corpus ?? Path.Combine("..", "shared", "data", "ecbplus");
        var sw = Stopwatch.StartNew();
        var score = EcbPlus.Score(folder, context.Size);
        return new BenchResult(Name,
        [
            new BenchMetric("b3_precision", score.Precision, "P"),
            new BenchMetric("b3_recall", score.Recall, "R"),
            new BenchMetric("b3_f1", score.F1, "F1"),
            new BenchMetric("same_string_baseline_b3_f1", score.SameStringF1, "F1"),
            new BenchMetric("gold_mentions", score.GoldMentions, "mentions"),
            new BenchMetric("found_mentions", score.Matched, "mentions"),
            new BenchMetric("documents", score.Documents, "documents"),
            new BenchMetric("seconds", sw.Elapsed.TotalSeconds, "s"),
        ],
        [score.ToString(), "Gold clusters from CROSS_DOC_COREF; Dossier resolves each topic's documents together; unfound gold mentions are singletons."]);
    }
}
