using System.Diagnostics;
using System.Globalization;
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
        using var sampler = AllocationSampler.StartIfAsked();
        using var threads = new AnalyzeThreads();
        using var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var gcPause0 = GC.GetTotalPauseDuration();
        var allocated0 = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        using var store = StoreFactory.OpenScratch(db);
        var clock = new StageClock(DossierPipelineBuilder.Default);
        var ingestor = new Ingestor(store);

        // As `dossier analyze` into its temporary store: batches annotated while the ingest goes on, the incremental
        // stages once after the last batch.
        var phases = new List<Phase>();
        var mark = new Mark(0, 0, 0, 0);
        Mark Now() => new(sw.Elapsed.TotalSeconds, Cpu(), clock.CpuOf("article "), ThreadCpu.Seconds());
        void Close(string name)
        {
            var next = Now();
            phases.Add(new Phase(name, next.Wall - mark.Wall, next.Cpu - mark.Cpu, next.Annotation - mark.Annotation, next.Main - mark.Main));
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {next.Wall - mark.Wall:F1} s wall, {next.Cpu - mark.Cpu:F1} CPU-s (annotation {next.Annotation - mark.Annotation:F1}, main thread {next.Main - mark.Main:F1}); at {next.Wall:F1} s"));
            mark = next;
        }

        mark = Now();
        var handler = 0.0;
        using var analysis = new AnalysisRun(store, clock.Pipeline, new AnalysisRunOptions { DeferIncremental = true, ThrowawayStore = !(context.Options.TryGetValue("keep_state", out var keep) && keep == "true") });
        ingestor.BatchStored += (batch, outcome) =>
        {
            var t = ThreadCpu.Seconds();
            analysis.OnBatchStored(batch, outcome);
            handler += ThreadCpu.Seconds() - t;
        };
        var report = ingestor.Ingest([corpus]);
        var ingested = sw.Elapsed;
        var ingestMain = Now().Main - mark.Main;
        Close("ingest");
        string? current = null;
        var run = analysis.Finish(report.ArticleIds, stage =>
        {
            if (current is not null)
            {
                Close(current);
            }

            current = stage;
        });
        Close(current ?? "corpus");
        sw.Stop();
        var byThread = threads.ByKind();
        sampler?.Write();
        proc.Refresh();
        var cpu = proc.TotalProcessorTime - cpu0;
        var n = run.Articles.Count;
        var annotation = clock.CpuOf("article ");
        var staged = clock.Stages.Sum(clock.Cpu);
        var storeWrites = ingestMain - handler;

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

        var metrics = new List<BenchMetric>
        {
            new BenchMetric("articles", n, "articles"),
            new BenchMetric("articles_per_s", n / sw.Elapsed.TotalSeconds, "articles/s"),
            new BenchMetric("articles_per_cpu_s", n / cpu.TotalSeconds, "articles/CPU-s"),
            new BenchMetric("ingest_s", ingested.TotalSeconds, "s"),
            new BenchMetric("total_s", sw.Elapsed.TotalSeconds, "s"),
            new BenchMetric("brief_articles", ids.Count, "articles"),
            new BenchMetric("brief_median_ms", times[times.Count / 2], "ms"),
            new BenchMetric("cpu_s", cpu.TotalSeconds, "CPU-s"),
            new BenchMetric("gc_pause_s", (GC.GetTotalPauseDuration() - gcPause0).TotalSeconds, "s"),
            new BenchMetric("gc_gen0", GC.CollectionCount(0), "collections"),
            new BenchMetric("gc_gen1", GC.CollectionCount(1), "collections"),
            new BenchMetric("gc_gen2", GC.CollectionCount(2), "collections"),
            new BenchMetric("allocated", (GC.GetTotalAllocatedBytes() - allocated0) / (1024.0 * 1024 * 1024), "GiB"),
            new BenchMetric("jit_s", System.Runtime.JitInfo.GetCompilationTime().TotalSeconds, "s"),
            new BenchMetric("jit_methods", System.Runtime.JitInfo.GetCompiledMethodCount(), "methods"),
        };
        if (ThreadCpu.Available)
        {
            // Thread CPU of each stage, wherever it ran; what no stage spent is the ingest's (reading, cleaning on
            // its own threads; storing on the writer thread) and the runtime's (JIT, GC on background threads).
            metrics.Add(new BenchMetric("store_writes_cpu_s", storeWrites, "CPU-s"));
            foreach (var stage in clock.Stages)
            {
                metrics.Add(new BenchMetric(stage.Replace(' ', '_') + "_cpu_s", clock.Cpu(stage), "CPU-s"));
                metrics.Add(new BenchMetric(stage.Replace(' ', '_') + "_alloc", clock.Allocated(stage) / (1024.0 * 1024 * 1024), "GiB"));
            }

            metrics.Add(new BenchMetric("article_stages_cpu_s", annotation, "CPU-s"));
            metrics.Add(new BenchMetric("read_clean_other_cpu_s", cpu.TotalSeconds - staged - storeWrites, "CPU-s"));

            // The main thread runs one chain: storing each batch and the per-batch incremental stages, then the
            // deferred ones, then the corpus sections that are not run alongside. Garbage collections stop every
            // thread and run on one. So no schedule beats max(chain, GC + the rest of the CPU spread over the cores).
            var main = phases.Sum(p => p.Main);
            var pause = (GC.GetTotalPauseDuration() - gcPause0).TotalSeconds;
            metrics.Add(new BenchMetric("main_thread_cpu_s", main, "CPU-s"));
            metrics.Add(new BenchMetric("wall_lower_bound_s", Math.Max(main, pause + (Math.Max(0, cpu.TotalSeconds - pause) / Environment.ProcessorCount)), "s"));
        }

        foreach (var (kind, seconds) in byThread)
        {
            metrics.Add(new BenchMetric("threads_" + kind + "_cpu_s", seconds, "CPU-s"));
        }

        foreach (var p in phases)
        {
            metrics.Add(new BenchMetric("phase_" + p.Name.Replace(" (incremental)", "_incremental", StringComparison.Ordinal) + "_wall_s", p.Wall, "s"));
            metrics.Add(new BenchMetric("phase_" + p.Name.Replace(" (incremental)", "_incremental", StringComparison.Ordinal) + "_cpu_s", p.Cpu, "CPU-s"));
        }

        return new BenchResult("analyze", metrics,
        [
            $"{n:N0} articles from {corpus}; {run.Document.Stories.Count:N0} stories, {run.Document.Copies.Count:N0} copy relations, {run.Document.Quotes.Count:N0} quotes, {run.Document.Timeline.Count:N0} timeline entries.",
            $"brief of {ids.Count} articles: {briefing?.Summary.Count ?? 0} summary sentences, {briefing?.Consensus.Count ?? 0} consensus, {briefing?.Exclusives.Count ?? 0} exclusives, {briefing?.Conflicts.Count ?? 0} conflicts; times {string.Join(", ", times.Select(x => x.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms.",
            "phase_X: wall clock and process CPU from the start of a phase to the start of the next (every thread); X_cpu_s without phase_: thread CPU spent in stage X on whatever thread ran it (a section's own parallel workers are in its phase CPU, not here).",
            "threads_X_cpu_s: CPU of the process's threads by kind (Linux thread names, sampled once a second: server_gc the collector's threads, tiered_compilation the JIT's background re-compilation, pool_worker and long_running the annotation, reading, cleaning and sections' workers); read_clean_other_cpu_s is mostly the first two and the sections' workers.",
            $"load average at end {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores.",
        ]);
    }

    private readonly record struct Mark(double Wall, double Cpu, double Annotation, double Main);

    private sealed record Phase(string Name, double Wall, double Cpu, double Annotation, double Main);
}
