using System.Diagnostics;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Time;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench time</c>: time-expression tagging speed (articles/s) on Reuters-21578: anchor resolution,
/// recognition and normalisation of every article (the <see cref="TimeStage"/> work), one thread, after
/// reading and cleaning (untimed). Options: <c>--set passes=N</c> (default 3, best pass reported).
/// </summary>
public sealed class TimeBenchmark : IBenchmark
{
    public string Name => "time";

    public string Description => "Time expression tagging speed on Reuters-21578 (articles/s, one thread).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);

        if (!Directory.Exists(corpus))
        {
            throw new DossierException($"{corpus}: Reuters-21578 folder not found; pass --corpus PATH.");
        }

        var articles = BenchCorpus.ReadReuters(corpus, context.Size);

        if (context.Size is { } size && articles.Count > size)
        {
            articles.RemoveRange(size, articles.Count - size);
        }

        context.Log($"time: {articles.Count} articles read");
        var tagger = TimeTagger.Default;
        var passes = context.Options.TryGetValue("passes", out var p) && int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n) : 3;
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long found = 0;
        var anchored = 0;
        long chars = articles.Sum(a => (long)a.Text.Length);
        for (var pass = 0; pass < passes; pass++)
        {
            found = 0;
            anchored = 0;
            var cpu0 = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            foreach (var a in articles)
            {
                var layer = TimeStage.Tag(a, tagger);
                found += layer.Expressions.Count;
                anchored += layer.Anchor is null ? 0 : 1;
            }

            sw.Stop();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds);
            context.Log($"time: pass {pass + 1}: {articles.Count / sw.Elapsed.TotalSeconds:N0} articles/s");
        }

        var ruleMetrics = new List<BenchMetric>();
        if (context.Options.ContainsKey("rules"))
        {
            // --set rules=1: CPU time of each rule's regex over every text, the ten costliest
            var costs = new List<(string Rule, double Seconds)>();
            foreach (var rule in tagger.Rules.Rules)
            {
                var c0 = Environment.CpuUsage.TotalTime;
                foreach (var a in articles)
                {
                    for (var m = rule.Regex!.Match(a.Text); m.Success; m = m.NextMatch())
                    {
                    }
                }

                costs.Add((rule.Name, (Environment.CpuUsage.TotalTime - c0).TotalSeconds));
            }

            ruleMetrics.AddRange(costs.OrderByDescending(c => c.Seconds).Take(10).Select(c => new BenchMetric("rule_" + c.Rule, c.Seconds, "CPU-s")));
        }

        return new BenchResult(
            "time",
            [
                .. ruleMetrics,
                new BenchMetric("articles", articles.Count, "articles"),
                new BenchMetric("expressions_found", found, "expressions"),
                new BenchMetric("articles_anchored", anchored, "articles"),
                new BenchMetric("throughput", articles.Count / best, "articles/s"),
                new BenchMetric("throughput_chars", chars / best / 1e6, "Mchars/s"),
                new BenchMetric("best_pass", best, "s"),
                new BenchMetric("throughput_cpu", articles.Count / bestCpu, "articles/CPU-s"),
                new BenchMetric("best_pass_cpu", bestCpu, "CPU-s"),
            ],
            [
                $"Anchor + recognition + normalisation per article (TimeStage.Tag), one thread, best of {passes} passes; reading and cleaning untimed.",
                "throughput_cpu divides by this process's CPU time in the pass (Environment.CpuUsage): on a shared machine it is the figure that does not depend on other load.",
            ]);
    }
}
