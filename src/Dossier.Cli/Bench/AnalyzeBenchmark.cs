using System.Diagnostics;
using Dossier.Analysis;
using Dossier.Brief;
using Dossier.Claims;
using Dossier.Ingestion;
using Dossier.Store;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench analyze</c>: end to end what <c>dossier analyze</c> does on a corpus (default Reuters-21578):
/// ingest into a fresh SQLite store with the incremental stages, then every per-article stage and every corpus
/// section; articles/s, CPU time and peak memory. Then the briefing of a 100-article story
/// (<c>--set story=N</c>): agreement, summary and briefing over annotated articles, median of 5 runs.
/// </summary>
public sealed class AnalyzeBenchmark : IBenchmark
{
    public string Name => "analyze";

    public string Description => "End-to-end analyze throughput on Reuters-21578 (ingest + every stage) and the time to brief a 100-article story.";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);
        var db = Path.Combine(context.Scratch, "analyze.db");
        using var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        using var store = new SqliteArticleStore(db);
        var pipeline = DossierPipelineBuilder.Default;
        var ingestor = new Ingestor(store);

        // As `dossier analyze` into its temporary store: batches annotated while the ingest goes on, the incremental
        // stages once after the last batch.
        using var analysis = new AnalysisRun(store, pipeline, new AnalysisRunOptions { DeferIncremental = true });
        ingestor.BatchStored += analysis.OnBatchStored;
        var report = ingestor.Ingest([corpus]);
        var ingested = sw.Elapsed;
        context.Log($"ingested {report.Added:N0} articles in {ingested.TotalSeconds:F1} s (CPU {Cpu():F1} s)");
        var run = analysis.Finish(report.ArticleIds, stage => context.Log($"  stage {stage} at {sw.Elapsed.TotalSeconds:F1} s (CPU {Cpu():F1} s)"));
        sw.Stop();
        proc.Refresh();
        var cpu = proc.TotalProcessorTime - cpu0;
        var n = run.Articles.Count;

        // Brief a story of N articles (the largest story, topped up from the next ones).
        var size = context.Options.TryGetValue("story", out var s) ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 100;
        var ids = run.Document.Stories.OrderByDescending(x => x.Articles.Count).SelectMany(x => x.Articles).Take(size).ToList();
        var story = new StoryEntry { Id = "bench", Title = "bench", Articles = ids };
        var times = new List<double>();
        Briefing? briefing = null;
        for (var i = 0; i < 5; i++)
        {
            var doc = new AnalysisDocument { Copies = run.Document.Copies, Stories = [story] };
            var ctx = new CorpusContext(store, ids.Select(id => run.ById[id]).ToList(), doc);
            var t = Stopwatch.StartNew();
            new AgreementStage().Run(ctx);
            new SummaryStage().Run(ctx);
            briefing = new BriefingBuilder().Build(ctx, story);
            times.Add(t.Elapsed.TotalMilliseconds);
        }

        times.Sort();

        double Cpu()
        {
            proc.Refresh();
            return (proc.TotalProcessorTime - cpu0).TotalSeconds;
        }

        return new BenchResult("analyze",
        [
            new BenchMetric("articles", n, "articles"),
            new BenchMetric("articles_per_s", n / sw.Elapsed.TotalSeconds, "articles/s"),
            new BenchMetric("articles_per_cpu_s", n / cpu.TotalSeconds, "articles/CPU-s"),
            new BenchMetric("ingest_s", ingested.TotalSeconds, "s"),
            new BenchMetric("total_s", sw.Elapsed.TotalSeconds, "s"),
            new BenchMetric("brief_articles", ids.Count, "articles"),
            new BenchMetric("brief_median_ms", times[times.Count / 2], "ms"),
        ],
        [
            $"{n:N0} articles from {corpus}; {run.Document.Stories.Count:N0} stories, {run.Document.Copies.Count:N0} copy relations, {run.Document.Quotes.Count:N0} quotes, {run.Document.Timeline.Count:N0} timeline entries.",
            $"brief of {ids.Count} articles: {briefing?.Summary.Count ?? 0} summary sentences, {briefing?.Consensus.Count ?? 0} consensus, {briefing?.Exclusives.Count ?? 0} exclusives, {briefing?.Conflicts.Count ?? 0} conflicts; times {string.Join(", ", times.Select(x => x.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms.",
            $"load average at end {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores.",
        ]);
    }
}
