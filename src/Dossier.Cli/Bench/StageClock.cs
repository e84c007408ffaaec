using System.Runtime.InteropServices;
using Dossier.Analysis;

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
/// The thread CPU seconds each stage of a pipeline spends, summed over every thread that runs it: the pipeline
/// observed (<see cref="DossierPipeline.Observed"/>), each run of a stage timed on the thread that runs it.
/// </summary>
internal sealed class StageClock
{
    private readonly Dictionary<object, Slot> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Slot> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public StageClock(DossierPipeline pipeline)
    {
        foreach (var s in pipeline.ArticleStages)
        {
            Add(s, "article " + s.Name);
        }

        foreach (var s in pipeline.IncrementalStages)
        {
            Add(s, "incremental " + s.Name);
        }

        foreach (var s in pipeline.CorpusStages)
        {
            Add(s, "section " + s.Name);
        }

        Pipeline = pipeline.Observed(stage => _slots.TryGetValue(stage, out var slot) ? new Timing(slot) : null);
    }

    /// <summary>The timed pipeline (the same stages in the same order).</summary>
    public DossierPipeline Pipeline { get; }

    /// <summary>Stage names in pipeline order ("article entities", "incremental copies", "section agreement").</summary>
    public IReadOnlyList<string> Stages => _order;

    /// <summary>Thread CPU seconds spent so far in a stage (by the threads that called it; a section's own parallel workers are not in it).</summary>
    public double Cpu(string stage) => Volatile.Read(ref _byName[stage].Cpu);

    /// <summary>Bytes allocated so far in a stage (by the threads that called it).</summary>
    public long Allocated(string stage) => Volatile.Read(ref _byName[stage].Bytes);

    /// <summary>Thread CPU seconds spent so far in every stage whose name starts with a prefix.</summary>
    public double CpuOf(string prefix) => _order.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).Sum(Cpu);

    private void Add(object stage, string name)
    {
        _order.Add(name);
        var slot = _byName.TryGetValue(name, out var seen) ? seen : _byName[name] = new Slot();
        _slots[stage] = slot;
    }

    private sealed class Slot
    {
        public double Cpu;
        public long Bytes;

        public void Add(double seconds, long bytes)
        {
            Interlocked.Add(ref Bytes, bytes);
            double seen, next;
            do
            {
                seen = Volatile.Read(ref Cpu);
                next = seen + seconds;
            }
            while (Interlocked.CompareExchange(ref Cpu, next, seen) != seen);
        }
    }

    /// <summary>One run of a stage: started on creation, stopped when disposed (on the same thread).</summary>
    private sealed class Timing : IDisposable
    {
        private readonly Slot _slot;
        private readonly double _cpu;
        private readonly long _bytes;

        public Timing(Slot slot)
        {
            _slot = slot;
            _cpu = ThreadCpu.Seconds();
            _bytes = GC.GetAllocatedBytesForCurrentThread();
        }

        public void Dispose() => _slot.Add(ThreadCpu.Seconds() - _cpu, GC.GetAllocatedBytesForCurrentThread() - _bytes);
    }
}
