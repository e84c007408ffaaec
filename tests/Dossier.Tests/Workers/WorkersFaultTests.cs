using System.Diagnostics;
using Dapper;
using Dossier.Cli.Bench;
using Dossier.Store;
using Dossier.Tests.Store;
using Dossier.Tests.Support;
using Dossier.Workers;
using Npgsql;
using Xunit.Abstractions;

namespace Dossier.Tests.Workers;

/// <summary>
/// Issue 10 "Measured by": four worker processes ingest and analyse Reuters-21578 articles while one of them is
/// SIGKILLed at random points three times; afterwards every article is stored once, relations and stories equal
/// a serial SQLite run's, and the queue is empty. (A subset keeps it near a minute; `dossier bench workers`
/// runs the whole corpus.)
/// </summary>
[Collection("postgres")]
public sealed class WorkersFaultTests(PostgresCluster cluster, ITestOutputHelper output) : IDisposable
{
    private const int Articles = 400;
    private const int Workers = 4;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [PostgresSharedFact("data/reuters21578/reut2-000.sgm")]
    public void Should_store_everything_once_and_match_a_serial_run_when_a_worker_is_killed_three_times()
    {
        // Given Reuters articles one per file, some of them twice under another name, enqueued on a PostgreSQL store
        var input = _dir.File("in");
        var files = ReutersFiles.Split(Path.Combine(Repo.Data("reuters21578"), "reut2-000.sgm"), input, Articles);
        foreach (var f in files.Where((_, i) => i % 40 == 7))
        {
            File.Copy(f, Path.Combine(input, "copy-" + Path.GetFileName(f)));
        }

        var pg = cluster.CreateDatabase();
        var enqueue = CliRunner.Run("ingest", "--enqueue", input, "--store", pg);
        enqueue.ExitCode.ShouldBe(0, enqueue.Error);

        // When four workers drain it and one worker is killed at a random moment, three times, each replaced
        var random = new Random(20261123);
        var names = Enumerable.Range(0, Workers).Select(i => $"w{i}").ToList();
        var workers = names.Select(n => StartWorker(pg, n)).ToList();
        var killedHoldingLease = 0;
        try
        {
            for (var kill = 0; kill < 3; kill++)
            {
                // A random moment; the victim is a random worker among those holding a lease then (if any).
                Thread.Sleep(random.Next(300, 2000));
                var holders = LeaseHolders(pg, names, TimeSpan.FromSeconds(20));
                var victim = holders.Count > 0 ? holders[random.Next(holders.Count)] : random.Next(Workers);
                killedHoldingLease += holders.Count > 0 ? 1 : 0;
                output.WriteLine($"kill {kill + 1}: {names[victim]} (pid {workers[victim].Id}){(holders.Count > 0 ? " holding a lease" : "")}");
                workers[victim].Kill();
                workers[victim].Dispose();
                names[victim] += "x";
                workers[victim] = StartWorker(pg, names[victim]);
            }

            foreach (var w in workers)
            {
                w.Wait(TimeSpan.FromSeconds(180)).ShouldBe(0, w.Error);
            }
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        // Then the queue is empty, every article is stored once, and the corpus state equals a serial run's
        using var result = StoreFactory.Open(pg);
        var status = new WorkQueue(result).Status();
        status.Depth.ShouldBe(0);
        status.Failed.ShouldBe(0);
        status.Unapplied.ShouldBe(0);
        status.Done.ShouldBe(Directory.GetFiles(input).Length);
        using (var db = new NpgsqlConnection(pg))
        {
            var retried = db.ExecuteScalar<int>("SELECT count(*) FROM work_jobs WHERE attempts > 1");
            output.WriteLine($"{killedHoldingLease} kills hit a worker holding a lease; {retried} jobs were leased again after a kill");
            db.ExecuteScalar<long>("SELECT count(*) - count(DISTINCT id) FROM articles").ShouldBe(0);
        }

        var sqlite = _dir.File("serial.db");
        var serialRun = CliRunner.Run("ingest", input, "--db", sqlite);
        serialRun.ExitCode.ShouldBe(0, serialRun.Error);
        using var serial = StoreFactory.Open(sqlite);
        result.Count().ShouldBe(serial.Count());
        result.Count().ShouldBe(Directory.GetFiles(input).Select(File.ReadAllText).Distinct(StringComparer.Ordinal).Count());
        var expected = serial.Enumerate().ToDictionary(a => a.Id, a => a.Text, StringComparer.Ordinal);
        foreach (var a in result.Enumerate())
        {
            a.Text.ShouldBe(expected[a.Id]);
        }

        result.GetRelations().ShouldBe(serial.GetRelations());
        result.GetStories().Select(s => (s.Id, s.Title, string.Join(',', s.Articles), s.Json))
            .ShouldBe(serial.GetStories().Select(s => (s.Id, s.Title, string.Join(',', s.Articles), s.Json)));
        killedHoldingLease.ShouldBeGreaterThan(0, "no kill hit a worker holding a job; the test proved nothing");
    }

    private static CliProcess StartWorker(string pg, string name) =>
        CliProcess.Start("worker", "--store", pg, "--exit-when-idle", "--lease", "2", "--poll", "100", "--name", name);

    /// <summary>Indexes of the workers holding a live lease, waiting up to <paramref name="patience"/> for one.</summary>
    private static List<int> LeaseHolders(string pg, List<string> names, TimeSpan patience)
    {
        using var db = new NpgsqlConnection(pg);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var leased = db.Query<string>("SELECT leased_by FROM work_jobs WHERE state = 'leased' AND lease_until > now()").ToHashSet(StringComparer.Ordinal);
            var holders = names.Select((n, i) => (n, i)).Where(x => leased.Contains(x.n)).Select(x => x.i).ToList();
            if (holders.Count > 0 || clock.Elapsed > patience)
            {
                return holders;
            }

            Thread.Sleep(10);
        }
    }
}
