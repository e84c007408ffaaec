using System.Diagnostics;
using System.Globalization;
using Dossier.Analysis;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench stages</c>: every per-article stage of <c>dossier analyze</c> over the Reuters-21578 articles on
/// one thread, with the process CPU seconds each stage takes and what it allocates (so the cost per stage can be compared under load).
/// </summary>
public sealed class StagesBenchmark : IBenchmark
{
    public string Name => "stages";

    public string Description => "CPU seconds of each per-article stage over the Reuters-21578 articles on one thread (--size N articles).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var articles = BenchCorpus.ReadReuters(BenchCorpus.ReutersFolder(context.Corpus), context.Size);
        if (context.Size is { } n)
        {
            articles = [.. articles.Take(n)];
        }

        var stages = DossierPipelineBuilder.Default.ArticleStages;

        // Warm up every stage (models, lexicons, JIT) on the first articles.
        foreach (var a in articles.Take(200))
        {
            var annotated = new AnnotatedArticle(a);
            foreach (var stage in stages)
            {
                stage.Run(annotated);
            }
        }

        var all = articles.Select(a => new AnnotatedArticle(a)).ToList();
        var metrics = new List<BenchMetric> { new("articles", all.Count, "articles") };
        double total = 0;
        foreach (var stage in stages)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Environment.CpuUsage.TotalTime.TotalSeconds;
            var sw = Stopwatch.StartNew();
            foreach (var a in all)
            {
                stage.Run(a);
            }

            var spent = Environment.CpuUsage.TotalTime.TotalSeconds - cpu;
            var mib = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024.0);
            total += spent;
            context.Log(string.Create(CultureInfo.InvariantCulture, $"{stage.Name}: {spent:0.00} CPU-s ({sw.Elapsed.TotalSeconds:0.00} s wall)"));
            metrics.Add(new BenchMetric(stage.Name + "_cpu_s", spent, "CPU-s"));
            metrics.Add(new BenchMetric(stage.Name + "_alloc", mib, "MiB"));
        }

        metrics.Add(new BenchMetric("total_cpu_s", total, "CPU-s"));
        metrics.Add(new BenchMetric("articles_per_cpu_s", all.Count / total, "articles/CPU-s"));
        return new BenchResult(Name, metrics, ["process CPU time (GC included) and bytes allocated per stage, stages in pipeline order on one thread"]);
    }
}
