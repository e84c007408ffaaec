using System.Diagnostics;
using Dossier.Entities.Evaluation;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench coref</c>: cross-document entity coreference on ECB+, or MEANTIME with <c>--set data=meantime</c>
/// (B-cubed over gold named mentions, each topic's documents resolved together).
/// </summary>
public sealed class CorefBenchmark : IBenchmark
{
    public string Name => "coref";

    public string Description => "Cross-document entity coreference: B-cubed over gold named mentions on ECB+ (default) or MEANTIME (--set data=meantime); --set errors=FILE lists the mentions missed or resolved apart; --corpus DIR (default ../shared/data/ecbplus or ../shared/data/meantime), --size N topics.";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var meantime = context.Options.TryGetValue("data", out var data) && data == "meantime";
        var folder = context.Corpus ?? Path.Combine("..", "shared", "data", meantime ? "meantime" : "ecbplus");
        var sw = Stopwatch.StartNew();
        using var errors = context.Options.TryGetValue("errors", out var path) ? new StreamWriter(path) : null;
        var score = meantime ? Meantime.Score(folder, context.Size, errors) : EcbPlus.Score(folder, context.Size, errors);
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
        [(meantime ? "MEANTIME: " : "ECB+: ") + score, meantime
            ? "Gold clusters: the ENTITY instance_id each name mention REFERS_TO; each corpus (airbus, apple, gm, stock) is one topic resolved together; unfound gold mentions are singletons."
            : "Gold clusters from CROSS_DOC_COREF; Dossier resolves each topic's documents together; unfound gold mentions are singletons."]);
    }
}
