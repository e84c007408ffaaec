using System.Globalization;
using Dapper;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Ingestion;
using Dossier.Store;
using Dossier.Tests.Support;
using Dossier.Workers;
using Npgsql;

namespace Dossier.Tests.Workers;

/// <summary>The work queue and workers on a real PostgreSQL server, several workers as threads of this process.</summary>
[Collection("postgres")]
public sealed class WorkerTests(PostgresCluster cluster) : IDisposable
{
    private static readonly DossierPipeline Probe = new DossierPipelineBuilder().Use(new OrderProbeStage()).Build();

    private readonly TempDir _dir = new();

    private static WorkerOptions Fast => WorkerOptions.Default with
    {
        ExitWhenIdle = true, Poll = TimeSpan.FromMilliseconds(50), Lease = TimeSpan.FromSeconds(30), ApplyBatch = 7, JobsPerLease = 3,
        Ingest = WorkerOptions.Default.Ingest with { BatchSize = 4 },
    };

    public void Dispose() => _dir.Dispose();

    [PostgresFact]
    public void Should_store_each_article_once_and_match_a_serial_run_with_three_workers()
    {
        // Given a corpus with repeated articles, enqueued twice (so two workers ingest the same files)
        var input = WorkerCorpus.Write(_dir.File("in"), files: 60, seed: 7);
        var pg = cluster.CreateDatabase();
        using (var store = StoreFactory.Open(pg))
        {
            var queue = new WorkQueue(store);
            queue.Enqueue([input]).Jobs.Count.ShouldBe(60);
            queue.Enqueue([input]).Jobs.Count.ShouldBe(60);
        }

        // When three workers drain the queue at once
        var reports = RunWorkers(pg, 3, Probe, Fast);

        // Then every article is stored once, and the order-sensitive stage saw what a serial run sees
        using var result = StoreFactory.Open(pg);
        using var serial = WorkerCorpus.SerialRun(_dir.File("serial.db"), input, Probe, batchSize: 11);
        result.Count().ShouldBe(serial.Count());
        result.Count().ShouldBe(WorkerCorpus.DistinctArticles(input));
        reports.Sum(r => r.ArticlesAdded).ShouldBe((int)serial.Count());
        reports.Sum(r => r.Jobs).ShouldBe(120);
        WorkerCorpus.ShouldHaveSameCorpusState(result, serial);
        result.GetRelations().Count.ShouldBe((int)serial.Count() - 1);
        var status = new WorkQueue(result).Status();
        status.Depth.ShouldBe(0);
        status.Done.ShouldBe(120);
        status.Unapplied.ShouldBe(0);
        status.Workers.Count.ShouldBe(3);
        status.Workers.ShouldAllBe(w => !w.Alive);
    }

    [PostgresFact]
    public void Should_take_a_job_again_when_its_worker_died_holding_the_lease()
    {
        // Given a queue whose first job was leased by a worker that then died (no heartbeat, no completion)
        var input = WorkerCorpus.Write(_dir.File("in"), files: 12, seed: 3);
        var pg = cluster.CreateDatabase();
        using (var store = StoreFactory.Open(pg))
        {
            var queue = new WorkQueue(store);
            queue.Enqueue([input]);
            var dead = queue.Lease("dead-worker", TimeSpan.FromSeconds(3)).ShouldHaveSingleItem();
            dead.Attempts.ShouldBe(1);

            // Then while the lease runs, nobody else can take that job
            var other = queue.Lease("live-worker", TimeSpan.FromSeconds(30), max: 3);
            other.Count.ShouldBe(3);
            other.ShouldNotContain(j => j.Id == dead.Id);
            other.ToList().ForEach(j => queue.Release("live-worker", j.Id, "given back by the test"));
        }

        Thread.Sleep(3200);

        // When a live worker runs after the lease expired
        var reports = RunWorkers(pg, 1, Probe, Fast);

        // Then it took the dead worker's job too, and the result equals a serial run
        reports[0].Jobs.ShouldBe(12);
        using var result = StoreFactory.Open(pg);
        using var serial = WorkerCorpus.SerialRun(_dir.File("serial.db"), input, Probe, batchSize: 500);
        WorkerCorpus.ShouldHaveSameCorpusState(result, serial);
        using var db = new NpgsqlConnection(pg);
        db.ExecuteScalar<int>("SELECT attempts FROM work_jobs ORDER BY id LIMIT 1").ShouldBe(2);
    }

    [PostgresFact]
    public void Should_fail_a_bad_file_and_a_job_tried_too_often_and_still_drain_the_queue()
    {
        // Given a good file, an empty file and a job that has already been leased the maximum number of times
        var good = _dir.Write("in/good.txt", "A ferry sank near Jindo island on Wednesday.");
        var empty = _dir.Write("in/empty.txt", "");
        var cursed = _dir.Write("in/cursed.txt", "An article every worker dies on.");
        var pg = cluster.CreateDatabase();
        using (var store = StoreFactory.Open(pg))
        {
            new WorkQueue(store).Enqueue([good, empty, cursed]).Jobs.Count.ShouldBe(3);
        }

        using (var db = new NpgsqlConnection(pg))
        {
            db.Execute("UPDATE work_jobs SET attempts = 2 WHERE path LIKE '%cursed.txt'");
        }

        // When a worker allowing two attempts drains the queue
        var reports = RunWorkers(pg, 1, Probe, Fast with { MaxAttempts = 2 });

        // Then the good file is stored, the two others failed with a reason, and nothing is left
        reports[0].FailedJobs.ShouldBe(2);
        using var result = StoreFactory.Open(pg);
        result.Count().ShouldBe(1);
        var status = new WorkQueue(result).Status();
        status.Failed.ShouldBe(2);
        status.Depth.ShouldBe(0);
        status.Unapplied.ShouldBe(0);
        using var conn = new NpgsqlConnection(pg);
        var errors = conn.Query<(string Path, string Error)>("SELECT path, error FROM work_jobs WHERE state = 'failed' ORDER BY id").ToList();
        errors[0].Path.ShouldEndWith("empty.txt");
        errors[0].Error.ShouldContain("empty.txt");
        errors[1].Error.ShouldContain("gave up after 2 attempts");
    }

    [PostgresFact]
    public void Should_enqueue_files_in_order_as_absolute_paths_and_reject_what_workers_cannot_read()
    {
        // Given a folder and a missing path
        var input = WorkerCorpus.Write(_dir.File("in"), files: 5, seed: 1);
        using var store = StoreFactory.Open(cluster.CreateDatabase());

        // When they are enqueued with standard input
        var (jobs, rejected) = new WorkQueue(store).Enqueue([input, _dir.File("missing.txt"), "-"]);

        // Then the files are queued in the order a serial ingest reads them, and the rest is refused
        jobs.Select(j => j.Path).ShouldBe(Directory.GetFiles(input).Order(StringComparer.Ordinal));
        jobs.Select(j => j.Id).ShouldBeInOrder(SortDirection.Ascending);
        jobs.ShouldAllBe(j => Path.IsPathRooted(j.Path));
        rejected.Select(r => r.Path).ShouldBe([_dir.File("missing.txt"), "-"]);
        rejected[1].Message.ShouldContain("cannot be enqueued");
    }

    [Fact]
    public void Should_refuse_to_queue_work_on_a_sqlite_store()
    {
        using var store = StoreFactory.Open(_dir.File("x.db"));
        var e = Should.Throw<DossierException>(() => new WorkQueue(store));
        e.Message.ShouldContain("need a PostgreSQL store");
    }

    [PostgresFact]
    public void Should_run_enqueue_worker_and_status_from_the_command_line()
    {
        // Given a folder of articles and an empty PostgreSQL store
        var input = WorkerCorpus.Write(_dir.File("in"), files: 8, seed: 5);
        var pg = cluster.CreateDatabase();

        // When they are enqueued, a worker drains the queue, and the status is asked for, all as JSON
        var enq = CliRunner.Run("ingest", "--enqueue", input, "--store", pg, "--json");
        var work = CliRunner.Run("worker", "--store", pg, "--exit-when-idle", "--poll", "50", "--json");
        var status = CliRunner.Run("status", "--store", pg, "--json");
        var table = CliRunner.Run("status", "--store", pg);

        // Then each has the documented fields (docs/json/worker.md, docs/json/status.md)
        enq.ExitCode.ShouldBe(ExitCodesOk, enq.Error);
        using (var doc = System.Text.Json.JsonDocument.Parse(enq.Out))
        {
            doc.RootElement.GetProperty("enqueued").GetInt32().ShouldBe(8);
            doc.RootElement.GetProperty("jobs").GetArrayLength().ShouldBe(8);
        }

        work.ExitCode.ShouldBe(ExitCodesOk, work.Error);
        WorkerJson.ShouldMatchDocumentedFields(work.Out, "worker");
        using (var doc = System.Text.Json.JsonDocument.Parse(work.Out))
        {
            doc.RootElement.GetProperty("jobs").GetInt32().ShouldBe(8);
            doc.RootElement.GetProperty("articles_added").GetInt32().ShouldBe(WorkerCorpus.DistinctArticles(input));
        }

        status.ExitCode.ShouldBe(ExitCodesOk, status.Error);
        WorkerJson.ShouldMatchDocumentedFields(status.Out, "status");
        using (var doc = System.Text.Json.JsonDocument.Parse(status.Out))
        {
            doc.RootElement.GetProperty("queue").GetProperty("depth").GetInt64().ShouldBe(0);
            doc.RootElement.GetProperty("queue").GetProperty("done").GetInt64().ShouldBe(8);
            doc.RootElement.GetProperty("workers").GetArrayLength().ShouldBe(1);
        }

        table.Console.ShouldContain("Queue");
        table.Console.ShouldContain("workers alive");
    }

    [Fact]
    public void Should_fail_with_one_line_when_a_worker_is_pointed_at_a_sqlite_store()
    {
        var r = CliRunner.Run("worker", "--store", _dir.File("x.db"), "--exit-when-idle");
        r.ExitCode.ShouldBe(3);
        r.Error.Trim().ShouldStartWith("dossier: Cannot open store");
        r.Error.ShouldContain("PostgreSQL");
    }

    private const int ExitCodesOk = 0;

    private static List<WorkerReport> RunWorkers(string pg, int count, DossierPipeline pipeline, WorkerOptions options)
    {
        var reports = new WorkerReport[count];
        var errors = new List<Exception>();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                using var store = StoreFactory.Open(pg);
                reports[i] = new Worker(store, pipeline, options with { Name = "w" + i.ToString(CultureInfo.InvariantCulture) }).Run();
            }
            catch (Exception e)
            {
                lock (errors)
                {
                    errors.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.Count > 0)
        {
            throw new AggregateException(errors);
        }

        return [.. reports];
    }
}

/// <summary>Generated corpora and the serial reference run for the worker tests.</summary>
internal static class WorkerCorpus
{
    private static readonly string[] Words =
        ["ferry", "port", "rescue", "minister", "storm", "island", "coast", "guard", "vote", "market", "strike", "court", "fire", "police", "river", "school"];

    /// <summary>Writes plain-text articles, about one in six repeating an earlier one under another name.</summary>
    public static string Write(string dir, int files, int seed)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(seed);
        var texts = new List<string>();
        for (var i = 0; i < files; i++)
        {
            string text;
            if (texts.Count > 3 && random.Next(6) == 0)
            {
                text = texts[random.Next(texts.Count)];
            }
            else
            {
                var words = Enumerable.Range(0, 30 + random.Next(40)).Select(_ => Words[random.Next(Words.Length)]);
                text = $"date 2024-0{1 + random.Next(9)}-1{random.Next(10)}\nPLACE (AP) — Article {i}: " + string.Join(' ', words) + ".\n";
                texts.Add(text);
            }

            File.WriteAllText(Path.Combine(dir, $"{random.Next(100000):D5}-{i:D4}.txt"), text);
        }

        return dir;
    }

    public static int DistinctArticles(string dir) =>
        Directory.GetFiles(dir).Select(File.ReadAllText).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Count();

    /// <summary>What one process ingesting <paramref name="input"/> into SQLite leaves: the reference for workers.</summary>
    public static IArticleStore SerialRun(string sqlitePath, string input, DossierPipeline pipeline, int batchSize)
    {
        var store = StoreFactory.Open(sqlitePath);
        var ingestor = new Ingestor(store, IngestOptions.Default with { BatchSize = batchSize });
        ingestor.BatchStored += (batch, outcome) =>
        {
            var added = new HashSet<string>(outcome.AddedIds, StringComparer.Ordinal);
            pipeline.ApplyIncremental(store, batch.Where(a => added.Remove(a.Id)).ToList());
        };
        ingestor.Ingest([input]);
        return store;
    }

    /// <summary>The same articles (each once), relations, stories and probe state.</summary>
    public static void ShouldHaveSameCorpusState(IArticleStore actual, IArticleStore expected)
    {
        actual.Enumerate().Select(a => a.Id).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Enumerate().Select(a => a.Id).Order(StringComparer.Ordinal));
        actual.GetRelations().ShouldBe(expected.GetRelations());
        var stories = actual.GetStories();
        var serial = expected.GetStories();
        stories.Select(s => (s.Id, s.Title, string.Join(',', s.Articles), s.Json)).ShouldBe(serial.Select(s => (s.Id, s.Title, string.Join(',', s.Articles), s.Json)));
        actual.GetState(OrderProbeStage.StateKey).ShouldBe(expected.GetState(OrderProbeStage.StateKey));
    }
}

/// <summary>Checks a verb's JSON against the field list documented in docs/json/VERB.md.</summary>
internal static class WorkerJson
{
    public static void ShouldMatchDocumentedFields(string json, string verb)
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "json", verb + ".md"));
        var start = doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        using var documented = System.Text.Json.JsonDocument.Parse(example);
        using var actual = System.Text.Json.JsonDocument.Parse(json);
        Fields(actual.RootElement, "").ShouldBe(Fields(documented.RootElement, ""));
    }

    private static SortedSet<string> Fields(System.Text.Json.JsonElement e, string prefix)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                set.Add(prefix + p.Name);
                set.UnionWith(Fields(p.Value, prefix + p.Name + "."));
            }
        }
        else if (e.ValueKind == System.Text.Json.JsonValueKind.Array && e.GetArrayLength() > 0)
        {
            set.UnionWith(Fields(e[0], prefix + "[]."));
        }

        return set;
    }
}
