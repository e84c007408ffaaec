using System.Globalization;

namespace Dossier.Cli.Bench;

/// <summary>
/// CPU seconds of the process's threads by kind (Linux: the thread's name in <c>/proc/self/task/*/comm</c>, as the
/// .NET runtime names its threads: ".NET Server GC", ".NET Tiered Com", ".NET TP Worker", ...), sampled once
/// a second so that threads that end during the run (pool threads retire) are counted up to their last sample.
/// What the bench calls <c>read_clean_other_cpu_s</c> is mostly these: the garbage collector's threads, the JIT's
/// background compilation, the pool threads that read and clean. Elsewhere it records nothing.
/// </summary>
internal sealed class AnalyzeThreads : IDisposable
{
    private readonly Dictionary<int, (string Kind, long Ticks)> _seen = [];
    private readonly Dictionary<int, long> _start = [];
    private readonly Timer? _timer;
    private readonly Lock _lock = new();

    public AnalyzeThreads()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/task"))
        {
            return;
        }

        foreach (var (tid, _, ticks) in Read())
        {
            _start[tid] = ticks;
        }

        _timer = new Timer(_ => Sample(), null, 1000, 1000);
    }

    /// <summary>CPU seconds by thread kind since this sampler started, largest first.</summary>
    public IReadOnlyList<(string Kind, double Seconds)> ByKind()
    {
        Sample();
        lock (_lock)
        {
            var tick = 100.0; // USER_HZ on Linux
            return [.. _seen.Select(kv => (Kind: kv.Value.Kind, Ticks: kv.Value.Ticks - _start.GetValueOrDefault(kv.Key)))
                .GroupBy(x => x.Kind, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Sum(x => x.Ticks) / tick))
                .Where(x => x.Item2 > 0)
                .OrderByDescending(x => x.Item2)];
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Sample()
    {
        var now = Read();
        lock (_lock)
        {
            foreach (var (tid, kind, ticks) in now)
            {
                _seen[tid] = (kind, ticks);
            }
        }
    }

    private static List<(int Tid, string Kind, long Ticks)> Read()
    {
        var list = new List<(int, string, long)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                    var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));

                    // Fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15.
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    list.Add((tid, Kind(tid, comm), ticks));
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (IOException)
        {
        }

        return list;
    }

    /// <summary>The kind of a thread from its name (Linux keeps 15 characters): the process's first thread is "main".</summary>
    private static string Kind(int tid, string comm) => tid == Environment.ProcessId ? "main" : comm switch
    {
        ".NET Server GC" => "server_gc",
        ".NET BGC" => "background_gc",
        ".NET Tiered Com" => "tiered_compilation",
        ".NET TP Worker" => "pool_worker",
        ".NET Long Runni" => "long_running",
        _ => comm.Replace(".NET ", string.Empty, StringComparison.Ordinal).Replace(' ', '_').ToLowerInvariant(),
    };
}
