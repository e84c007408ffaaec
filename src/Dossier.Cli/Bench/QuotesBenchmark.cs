using System.Diagnostics;
using Dossier.Analysis;
using Dossier.Cleaning;
using Dossier.Quotes;
using Dossier.Reading;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench quotes</c>: quote extraction speed (articles/s) on Reuters-21578, given the earlier layers:
/// every article stage before the quotes stage (tokens, sentences, entities when present) runs first, untimed;
/// then only the quotes stage is timed, single-threaded. Options: <c>--set passes=N</c> (default 3, best pass reported).
/// </summary>
public sealed class QuotesBenchmark : IBenchmark
{
    public string Name => "quotes";

    public string Description => "Quote extraction speed on Reuters-21578 given tokens and entities (articles/s, one thread).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);

        if (!Directory.Exists(corpus))
        {
            throw new Core.DossierException($"{corpus}: Reuters-21578 folder not found; pass --corpus PATH.");
        }

        var articles = BenchCorpus.ReadReuters(corpus, context.Size).Select(a => new AnnotatedArticle(a)).ToList();

        if (context.Size is { } size && articles.Count > size)
        {
            articles.RemoveRange(size, articles.Count - size);
        }

        context.Log($"quotes: {articles.Count} articles read; computing earlier layers");
        var pipeline = DossierPipelineBuilder.Default;
        var before = pipeline.ArticleStages.TakeWhile(s => s is not QuotesStage).ToList();
        var stage = pipeline.ArticleStages.OfType<QuotesStage>().FirstOrDefault() ?? new QuotesStage();
        Parallel.ForEach(articles, a =>
        {
            foreach (var s in before)
            {
                s.Run(a);
            }
        });

        var passes = context.Options.TryGetValue("passes", out var p) && int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n) : 3;
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long quotes = 0;
        long chars = articles.Sum(a => (long)a.Text.Length);
        for (var pass = 0; pass < passes; pass++)
        {
            quotes = 0;
            var cpu0 = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            foreach (var a in articles)
            {
                stage.Run(a);
                quotes += a.Get<QuotesLayer>()!.Quotes.Count;
            }

            sw.Stop();
            var cpu = (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds;
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, cpu);
            context.Log($"quotes: pass {pass + 1}: {articles.Count / sw.Elapsed.TotalSeconds:N0} articles/s, {articles.Count / cpu:N0} articles/CPU-s");
        }

        return new BenchResult(
            "quotes",
            [
                new BenchMetric("articles", articles.Count, "articles"),
                new BenchMetric("quotes_found", quotes, "quotes"),
                new BenchMetric("throughput", articles.Count / best, "articles/s"),
                new BenchMetric("throughput_chars", chars / best / 1e6, "Mchars/s"),
                new BenchMetric("best_pass", best, "s"),
                new BenchMetric("throughput_cpu", articles.Count / bestCpu, "articles/CPU-s"),
                new BenchMetric("best_pass_cpu", bestCpu, "CPU-s"),
            ],
            [
                $"Layers before the quotes stage (untimed): {string.Join(", ", before.Select(s => s.Name))}. One thread, best of {passes} passes.",
                "throughput_cpu divides by this process's CPU time during the pass (Environment.CpuUsage): on a shared machine it is the figure that does not depend on other load.",
            ]);
    }
}
