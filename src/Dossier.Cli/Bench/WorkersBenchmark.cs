using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Store;
using Dossier.Workers;
using Npgsql;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench workers</c>: articles/s with 1, 2 and 4 <c>dossier worker</c> processes sharing one
/// PostgreSQL store, against one process ingesting into SQLite, on Reuters-21578 (one article per file, as
/// crawled pages arrive). Starts a throwaway PostgreSQL cluster (Debian <c>postgresql</c>) unless
/// <c>--set store=postgres://...</c> names one. Also measures where the time goes: per-job queue overhead and the
/// server's CPU share (the shared bottleneck). Options: <c>--size N</c> articles (default all),
/// <c>--set workers=1,2,4</c>.
/// </summary>
public sealed class WorkersBenchmark : IBenchmark
{
    public string Name => "workers";

    public string Description => "Articles/s with 1, 2, 4 worker processes on one PostgreSQL store vs the single-process SQLite path (Reuters-21578).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);
        var input = Path.Combine(context.Scratch, "articles");
        var files = ReutersFiles.Split(corpus, input, context.Size);
        context.Log($"{files.Count:N0} Reuters articles written one per file to {input}");
        var counts = (context.Options.GetValueOrDefault("workers") ?? "1,2,4").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var metrics = new List<BenchMetric>();
        var notes = new List<string>();

        // The single-process SQLite path: read + clean + store + incremental stages, as `dossier ingest` does,
        // with one reader thread (a worker's share) and with every core.
        foreach (var (threads, label) in new[] { (1, "1_thread"), (Environment.ProcessorCount, "all_cores") })
        {
            var sqlite = Path.Combine(context.Scratch, $"serial-{label}.db");
            var sw = Stopwatch.StartNew();
            using (var store = StoreFactory.Open(sqlite))
            {
                var ingestor = new Ingestor(store, IngestOptions.Default with { Parallelism = threads });
                ingestor.BatchStored += DossierPipelineBuilder.Default.IncrementalHandler(store);
                ingestor.Ingest([input]);
            }

            sw.Stop();
            var serialRate = files.Count / sw.Elapsed.TotalSeconds;
            metrics.Add(new BenchMetric($"sqlite_1_process_{label}", serialRate, "articles/s"));
            context.Log($"SQLite, one process, {threads} reader threads: {serialRate:N0} articles/s");
        }

        using var cluster = context.Options.TryGetValue("store", out var given) ? null : BenchCluster.Start(context.Scratch, context.Log);
        var server = given ?? cluster!.ConnectionString;
        foreach (var n in counts)
        {
            var db = CreateDatabase(server, $"bench_w{n}_{Environment.ProcessId}");
            using (var store = StoreFactory.Open(db))
            {
                new WorkQueue(store).Enqueue([input]);
            }

            var cpuBefore = cluster?.ServerCpuSeconds() ?? 0;
            var commitsBefore = Commits(db);
            var sw = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, n).Select(_ => StartWorker(db)).ToList();
            var workerCpu = 0.0;
            foreach (var (w, stdout) in workers)
            {
                if (!w.WaitForExit(TimeSpan.FromMinutes(30)))
                {
                    w.Kill();
                }

                if (w.ExitCode != 0)
                {
                    notes.Add($"worker exited {w.ExitCode}: {w.StandardError.ReadToEnd()}");
                }

                using (var doc = System.Text.Json.JsonDocument.Parse(stdout.Result))
                {
                    workerCpu += doc.RootElement.GetProperty("cpu_seconds").GetDouble();
                }

                w.Dispose();
            }

            sw.Stop();
            var serverCpu = (cluster?.ServerCpuSeconds() ?? 0) - cpuBefore;
            var commits = Commits(db) - commitsBefore;
            long stored;
            using (var store = StoreFactory.Open(db))
            {
                stored = store.Count();
            }

            var rate = files.Count / sw.Elapsed.TotalSeconds;
            metrics.Add(new BenchMetric($"postgres_{n}_workers", rate, "articles/s"));
            metrics.Add(new BenchMetric($"postgres_{n}_workers_per_worker", rate / n, "articles/s"));
            metrics.Add(new BenchMetric($"postgres_{n}_workers_worker_cpu_per_article", workerCpu * 1000 / files.Count, "ms"));
            metrics.Add(new BenchMetric($"postgres_{n}_workers_commits_per_1000_articles", commits * 1000.0 / files.Count, "commits"));
            if (cluster is not null)
            {
                metrics.Add(new BenchMetric($"postgres_{n}_workers_server_cpu_per_article", serverCpu * 1000 / files.Count, "ms"));
            }

            context.Log($"PostgreSQL, {n} workers: {rate:N0} articles/s ({stored:N0} stored in {sw.Elapsed.TotalSeconds:N1} s; workers used {workerCpu:N1} CPU s, the server {serverCpu:N1} CPU s, {commits:N0} commits)");
        }

        notes.Add($"{files.Count:N0} articles, one per file (one queue job each); Release build; workers and PostgreSQL share this machine's {Environment.ProcessorCount} cores.");
        notes.Add("worker_cpu_per_article: CPU the worker processes used (start-up included) per article; server_cpu_per_article: CPU all PostgreSQL processes used (from /proc) per article; commits from pg_stat_database.xact_commit.");
        return new BenchResult(Name, metrics, notes);
    }

    private static (Process Process, Task<string> Stdout) StartWorker(string db)
    {
        var dll = typeof(WorkersBenchmark).Assembly.Location;
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (!Path.GetFileNameWithoutExtension(psi.FileName).Equals("Dossier.Cli", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(dll);
        }

        foreach (var a in new[] { "worker", "--store", db, "--exit-when-idle", "--poll", "100", "--json" })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        return (p, p.StandardOutput.ReadToEndAsync());
    }

    /// <summary>Transactions committed in a database so far (pg_stat_database; updated about every 0.5 s, read after a pause).</summary>
    private static long Commits(string db)
    {
        Thread.Sleep(1000);
        using var c = new NpgsqlConnection(db);
        c.Open();
        return c.ExecuteScalar<long>("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    private static string CreateDatabase(string server, string name)
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(server));
        using (var c = new NpgsqlConnection(b.ConnectionString))
        {
            c.Open();
            c.Execute($"DROP DATABASE IF EXISTS {name}");
            c.Execute($"CREATE DATABASE {name}");
        }

        b.Database = name;
        return b.ConnectionString;
    }

}

/// <summary>Reuters-21578 SGML split into one plain-text article per file (date header, title, dateline, body).</summary>
internal static partial class ReutersFiles
{
    public static IReadOnlyList<string> Split(string corpus, string outDir, int? limit = null)
    {
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        var sources = Directory.Exists(corpus)
            ? Directory.GetFiles(corpus, "*.sgm").Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[corpus];
        foreach (var file in sources)
        {
            var sgml = File.ReadAllText(file, Encoding.Latin1);
            foreach (Match m in Item().Matches(sgml))
            {
                if (limit is { } max && written.Count >= max)
                {
                    return written;
                }

                var body = Field(m.Value, "BODY");
                if (body.Length == 0)
                {
                    continue;
                }

                var date = DateTime.TryParseExact(Field(m.Value, "DATE").Split(' ')[0], "d-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? $"date {d:yyyy-MM-dd}\n" : "";
                var text = $"{date}{Field(m.Value, "TITLE")}\n\n{Field(m.Value, "DATELINE")} {body}\n";
                var path = Path.Combine(outDir, $"reut-{m.Groups[1].Value.PadLeft(5, '0')}.txt");
                File.WriteAllText(path, text);
                written.Add(path);
            }
        }

        return written;
    }

    private static string Field(string item, string tag)
    {
        var start = item.IndexOf($"<{tag}>", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        start += tag.Length + 2;
        var end = item.IndexOf($"</{tag}>", start, StringComparison.Ordinal);
        var raw = end < 0 ? item[start..] : item[start..end];
        raw = ControlEntity().Replace(raw, "");
        return WebUtility.HtmlDecode(raw).Trim();
    }

    [GeneratedRegex("<REUTERS[^>]*NEWID=\"(\\d+)\"[^>]*>.*?</REUTERS>", RegexOptions.Singleline)]
    private static partial Regex Item();

    [GeneratedRegex("&#([0-9]|[12][0-9]|3[01]);")]
    private static partial Regex ControlEntity();
}

/// <summary>A throwaway PostgreSQL cluster for the benchmark (durable settings: fsync on, as a real server runs).</summary>
internal sealed class BenchCluster : IDisposable
{
    private readonly string _dir;
    private readonly string _bin;
    private readonly bool _asRoot;

    private BenchCluster(string dir, string bin, int port, bool asRoot)
    {
        _dir = dir;
        _bin = bin;
        _asRoot = asRoot;
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    public static BenchCluster Start(string scratch, Action<string> log)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new Core.DossierException("PostgreSQL server binaries not found (install the Debian package 'postgresql'), or pass --set store=postgres://...");
        }

        var dir = Path.Combine(scratch, "pg");
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Exec("chown", ["postgres:", dir], false);
        }

        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }

        Exec(Path.Combine(bin, "initdb"), ["-D", Path.Combine(dir, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"], asRoot);
        Exec(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(dir, "data"), "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c max_connections=100", "-l", Path.Combine(dir, "log"), "-w", "start"], asRoot);
        log($"PostgreSQL started on 127.0.0.1:{port} ({bin})");
        return new BenchCluster(dir, bin, port, asRoot);
    }

    /// <summary>CPU seconds (user + system) used so far by every process of this cluster.</summary>
    public double ServerCpuSeconds()
    {
        var pidFile = Path.Combine(_dir, "data", "postmaster.pid");
        var master = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        double ticks = 0;
        foreach (var proc in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{proc}/stat");
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var pid = int.Parse(proc!, CultureInfo.InvariantCulture);
                var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
                if (pid == master || ppid == master)
                {
                    ticks += double.Parse(f[11], CultureInfo.InvariantCulture) + double.Parse(f[12], CultureInfo.InvariantCulture);
                }

                if (pid == master)
                {
                    // Backends that already exited are counted in the postmaster's reaped-children times.
                    ticks += double.Parse(f[13], CultureInfo.InvariantCulture) + double.Parse(f[14], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
        }

        return ticks / 100.0;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Exec(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop"], _asRoot);
    }

    private static void Exec(string file, IReadOnlyList<string> args, bool asPostgres)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new Core.DossierException($"{file} failed: {err.Trim()}");
        }
    }
}
