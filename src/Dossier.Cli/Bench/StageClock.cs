using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Cli.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanoseconds), so a
/// benchmark can say which stage spent the process's CPU seconds even when stages run at the same time on
/// different threads. Elsewhere it reads 0 and the per-stage figures are left out.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool Available { get; } = Probe();

    /// <summary>CPU seconds the calling thread has used so far.</summary>
    public static double Seconds()
    {
        if (!Available)
        {
            return 0;
        }

        _ = ClockGetTime(ClockThreadCpuTimeId, out var t);
        return t.Seconds + (t.Nanoseconds / 1e9);
    }

    private static bool Probe()
    {
        try
        {
            return OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>
/// The thread CPU seconds each stage of a pipeline spends, summed over every thread that runs it: a pipeline built
/// from <see cref="DossierPipelineBuilder.Default"/>'s stages, each wrapped in a timer.
/// </summary>
internal sealed class StageClock
{
    private readonly ConcurrentDictionary<string, double[]> _cpu = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long[]> _bytes = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public StageClock(DossierPipeline pipeline)
    {
        var builder = new DossierPipelineBuilder();
        foreach (var s in pipeline.ArticleStages)
        {
            builder.Use(new TimedArticleStage(s, NewSlot("article " + s.Name)));
        }

        foreach (var s in pipeline.IncrementalStages)
        {
            builder.Use(new TimedIncrementalStage(s, NewSlot("incremental " + s.Name)));
        }

        foreach (var s in pipeline.CorpusStages)
        {
            builder.Use(new TimedCorpusStage(s, NewSlot("section " + s.Name)));
        }

        Pipeline = builder.Build();
    }

    /// <summary>The timed pipeline (the same stages in the same order).</summary>
    public DossierPipeline Pipeline { get; }

    /// <summary>Stage names in pipeline order ("article entities", "incremental copies", "section agreement").</summary>
    public IReadOnlyList<string> Stages => _order;

    /// <summary>Thread CPU seconds spent so far in a stage (by the threads that called it; a section's own parallel workers are not in it).</summary>
    public double Cpu(string stage) => Volatile.Read(ref _cpu[stage][0]);

    /// <summary>Bytes allocated so far in a stage (by the threads that called it).</summary>
    public long Allocated(string stage) => Volatile.Read(ref _bytes[stage][0]);

    /// <summary>Thread CPU seconds spent so far in every stage whose name starts with a prefix.</summary>
    public double CpuOf(string prefix) => _order.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).Sum(Cpu);

    private Slot NewSlot(string name)
    {
        _order.Add(name);
        return new Slot(_cpu.GetOrAdd(name, _ => new double[1]), _bytes.GetOrAdd(name, _ => new long[1]));
    }

    private static long Start(out double cpu)
    {
        cpu = ThreadCpu.Seconds();
        return GC.GetAllocatedBytesForCurrentThread();
    }

    private static void Stop(Slot slot, double cpu, long bytes)
    {
        Interlocked.Add(ref slot.Bytes[0], GC.GetAllocatedBytesForCurrentThread() - bytes);
        Add(slot.Cpu, ThreadCpu.Seconds() - cpu);
    }

    private static void Add(double[] slot, double seconds)
    {
        double seen, next;
        do
        {
            seen = Volatile.Read(ref slot[0]);
            next = seen + seconds;
        }
        while (Interlocked.CompareExchange(ref slot[0], next, seen) != seen);
    }

    private sealed class TimedArticleStage(IArticleStage inner, Slot slot) : IArticleStage
    {
        public string Name => inner.Name;

        public IReadOnlyList<Type> Requires => inner.Requires;

        public IReadOnlyList<Type> Provides => inner.Provides;

        public void Run(AnnotatedArticle article)
        {
            var bytes = Start(out var cpu);
            inner.Run(article);
            Stop(slot, cpu, bytes);
        }
    }

    private sealed class TimedIncrementalStage(IIncrementalStage inner, Slot slot) : IIncrementalStage
    {
        public string Name => inner.Name;

        public IReadOnlyList<string> After => inner.After;

        public void Apply(IArticleStore store, IReadOnlyList<Article> added)
        {
            var bytes = Start(out var cpu);
            inner.Apply(store, added);
            Stop(slot, cpu, bytes);
        }
    }

    private sealed class TimedCorpusStage(ICorpusStage inner, Slot slot) : IRebuildingCorpusStage
    {
        public string Name => inner.Name;

        // Forwarded, so the analysis run skips a deferred stage the inner stage rebuilds (the stories' online pass).
        public string Rebuilds => (inner as IRebuildingCorpusStage)?.Rebuilds ?? "";

        public bool RebuildsFrom(IArticleStore store) => inner is IRebuildingCorpusStage r && r.RebuildsFrom(store);

        public IReadOnlyList<Type> Requires => inner.Requires;

        public IReadOnlyList<string> After => inner.After;

        public bool ReadsLayersOnly => inner.ReadsLayersOnly;

        public bool ReadsAfterOnly => inner.ReadsAfterOnly;

        public void Run(CorpusContext context)
        {
            var bytes = Start(out var cpu);
            inner.Run(context);
            Stop(slot, cpu, bytes);
        }
    }

    private sealed record Slot(double[] Cpu, long[] Bytes);
}
