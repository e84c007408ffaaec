using System.Diagnostics;
using Dapper;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Store;
using Npgsql;

namespace Dossier.Workers;

/// <summary>
/// The work queue in a PostgreSQL store (tables <c>work_jobs</c>, <c>work_job_articles</c>, <c>workers</c>; schema
/// in <see cref="PostgresArticleStore"/>). Jobs are files to ingest. A job is taken with
/// <c>FOR UPDATE SKIP LOCKED</c> under a lease that heartbeats renew; a job whose lease expired (its worker died)
/// is taken again. Statements run on the store's connection and join its current transaction.
/// </summary>
public sealed class WorkQueue
{
    private readonly PostgresArticleStore _store;

    public WorkQueue(IArticleStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is not PostgresArticleStore pg)
        {
            DossierThrow.Dossier_BadStoreLocation(store.Location, "the work queue and workers need a PostgreSQL store (--store postgres://... or Host=...); see docs/scale-out.md");
            throw new UnreachableException();
        }

        _store = pg;
    }

    private NpgsqlConnection Db => _store.Connection;

    private NpgsqlTransaction? Tx => _store.Ambient;

    /// <summary>
    /// Expands paths (files, folders, globs) into absolute file paths and enqueues one ingest job per file, in
    /// order, in one transaction. Paths must be readable by the workers (shared storage, same path everywhere).
    /// </summary>
    public (IReadOnlyList<EnqueuedJob> Jobs, IReadOnlyList<Rejection> Rejections) Enqueue(IEnumerable<string> paths, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _store.PutState(Analysis.StoreStateKeys.QueueFed, "true");
        var files = new List<string>();
        var rejections = new List<Rejection>();
        foreach (var (path, rejection) in InputLoader.Expand(paths, options))
        {
            if (rejection is not null)
            {
                rejections.Add(rejection);
            }
            else if (path == "-")
            {
                rejections.Add(new Rejection("-", RejectionReason.Unreadable, "standard input cannot be enqueued for workers; save it to a file they can read"));
            }
            else
            {
                files.Add(Path.GetFullPath(path));
            }
        }

        if (files.Count == 0)
        {
            return ([], rejections);
        }

        List<EnqueuedJob> jobs = [];
        _store.InTransaction(() =>
        {
            // Serialised so job ids commit in id order: the incremental cursor never passes a job not yet visible.
            Db.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLocks.Enqueue }, Tx);
            jobs = Db.Query<(long Id, string Path)>(
                """
                INSERT INTO work_jobs (path)
                SELECT p FROM unnest(@files) WITH ORDINALITY AS t(p, o) ORDER BY o
                RETURNING id, path
                """,
                new { files = files.ToArray() },
                Tx).Select(r => new EnqueuedJob(r.Id, r.Path)).OrderBy(j => j.Id).ToList();
        });
        return (jobs, rejections);
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> of the oldest jobs that are pending or whose lease expired (their worker
    /// died), skipping rows other workers are locking at this moment; empty when there is none.
    /// </summary>
    public IReadOnlyList<LeasedJob> Lease(string worker, TimeSpan lease, int max = 1) =>
        Db.Query<(long Id, string Path, int Attempts)>(
            """
            WITH next AS (
                SELECT id FROM work_jobs
                WHERE state = 'pending' OR (state = 'leased' AND lease_until < now())
                ORDER BY id
                FOR UPDATE SKIP LOCKED
                LIMIT @max)
            UPDATE work_jobs j
            SET state = 'leased', leased_by = @worker, lease_until = now() + make_interval(secs => @seconds),
                attempts = j.attempts + 1, started_at = now()
            FROM next WHERE j.id = next.id
            RETURNING j.id, j.path, j.attempts
            """,
            new { worker, seconds = lease.TotalSeconds, max = Math.Max(1, max) },
            Tx).Select(r => new LeasedJob(r.Id, r.Path, r.Attempts)).OrderBy(j => j.Id).ToList();

    /// <summary>
    /// Finishes a job: records its articles in file order (for the incremental single writer) and its outcome.
    /// Idempotent: a job finished twice (a slow worker whose lease expired) keeps the first outcome.
    /// </summary>
    public void Complete(long job, IReadOnlyList<string> articleIds, int added, string? error, bool failed) =>
        Complete([new JobOutcome(job, articleIds, added, error, failed)]);

    /// <summary>Finishes several jobs with two statements, in the caller's transaction (or one of its own).</summary>
    public void Complete(IReadOnlyList<JobOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return;
        }

        var rows = outcomes.SelectMany(o => o.ArticleIds.Select((id, i) => (o.Job, Ord: i, Id: id))).ToList();
        _store.InTransaction(() =>
        {
            Db.Execute(
                """
                INSERT INTO work_job_articles (job_id, ord, article_id)
                SELECT * FROM unnest(@jobs, @ords, @ids)
                ON CONFLICT DO NOTHING
                """,
                new { jobs = rows.Select(r => r.Job).ToArray(), ords = rows.Select(r => r.Ord).ToArray(), ids = rows.Select(r => r.Id).ToArray() },
                Tx);
            Db.Execute(
                """
                UPDATE work_jobs j
                SET state = t.state, finished_at = now(), leased_by = NULL, lease_until = NULL,
                    articles = t.articles, added = t.added, error = t.error
                FROM unnest(@jobs, @states, @articles, @added, @errors) AS t(id, state, articles, added, error)
                WHERE j.id = t.id AND j.state NOT IN ('done', 'failed')
                """,
                new
                {
                    jobs = outcomes.Select(o => o.Job).ToArray(),
                    states = outcomes.Select(o => o.Failed ? "failed" : "done").ToArray(),
                    articles = outcomes.Select(o => o.ArticleIds.Count).ToArray(),
                    added = outcomes.Select(o => o.Added).ToArray(),
                    errors = outcomes.Select(o => o.Error).ToArray(),
                },
                Tx);
        });
    }

    /// <summary>Gives a job back after an error, so another attempt (by any worker) retries it.</summary>
    public void Release(string worker, long job, string error) =>
        Db.Execute(
            "UPDATE work_jobs SET state = 'pending', leased_by = NULL, lease_until = NULL, error = @error WHERE id = @job AND leased_by = @worker AND state = 'leased'",
            new { job, worker, error },
            Tx);

    /// <summary>Gives back every job a worker still holds (it is stopping before it got to them).</summary>
    public void ReleaseAll(string worker) =>
        Db.Execute(
            "UPDATE work_jobs SET state = 'pending', leased_by = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0) WHERE leased_by = @worker AND state = 'leased'",
            new { worker },
            Tx);

    /// <summary>True when no job is pending or leased and the incremental stages have seen every finished job.</summary>
    public bool IsDrained() =>
        Db.ExecuteScalar<bool>(
            """
            SELECT NOT EXISTS (SELECT 1 FROM work_jobs WHERE state IN ('pending', 'leased'))
               AND coalesce((SELECT max(id) FROM work_jobs), 0) <= (SELECT job_id FROM work_cursor WHERE name = 'incremental')
            """,
            transaction: Tx);

    /// <summary>Registers a worker's heartbeat row.</summary>
    public void Register(string worker, TimeSpan lease) =>
        Db.Execute(
            """
            INSERT INTO workers (id, host, pid, lease_seconds) VALUES (@worker, @host, @pid, @lease)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), stopped_at = NULL
            """,
            new { worker, host = Environment.MachineName, pid = Environment.ProcessId, lease = (int)Math.Ceiling(lease.TotalSeconds) },
            Tx);

    /// <summary>Marks a worker as stopped (a killed worker simply stops heartbeating).</summary>
    public void Unregister(string worker, int jobs, int articles) =>
        Db.Execute("UPDATE workers SET stopped_at = now(), heartbeat_at = now(), jobs = @jobs, articles = @articles WHERE id = @worker", new { worker, jobs, articles }, Tx);

    /// <summary>Queue depth by state, workers alive, and throughput.</summary>
    public QueueStatus Status()
    {
        var q = Db.QuerySingle<(long Pending, long Leased, long Expired, long Done, long Failed, long Unapplied)>(
            """
            SELECT count(*) FILTER (WHERE state = 'pending'),
                   count(*) FILTER (WHERE state = 'leased' AND lease_until >= now()),
                   count(*) FILTER (WHERE state = 'leased' AND lease_until < now()),
                   count(*) FILTER (WHERE state = 'done'),
                   count(*) FILTER (WHERE state = 'failed'),
                   count(*) FILTER (WHERE id > (SELECT job_id FROM work_cursor WHERE name = 'incremental'))
            FROM work_jobs
            """,
            transaction: Tx);
        var rate = Db.QuerySingle<(long LastMinute, long Total, double Seconds)>(
            """
            SELECT coalesce(sum(added) FILTER (WHERE finished_at > now() - interval '60 seconds'), 0)::bigint,
                   coalesce(sum(added), 0)::bigint,
                   coalesce(extract(epoch FROM max(finished_at) - min(started_at)), 0)::float8
            FROM work_jobs WHERE finished_at IS NOT NULL
            """,
            transaction: Tx);
        var workers = Db.Query<WorkerRow>(
            """
            SELECT id, host, pid, started_at AS Started, heartbeat_at AS Heartbeat,
                   (stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => lease_seconds)) AS Alive, jobs, articles
            FROM workers ORDER BY started_at, id
            """,
            transaction: Tx).Select(w => new WorkerStatus(w.Id, w.Host, w.Pid, w.Started, w.Heartbeat, w.Alive, w.Jobs, w.Articles)).ToList();
        return new QueueStatus(
            q.Pending,
            q.Leased,
            q.Expired,
            q.Done,
            q.Failed,
            q.Unapplied,
            _store.Count(),
            rate.LastMinute / 60.0,
            rate.Seconds > 0 ? rate.Total / rate.Seconds : 0,
            workers);
    }

    private sealed class WorkerRow
    {
        public string Id { get; set; } = "";

        public string Host { get; set; } = "";

        public int Pid { get; set; }

        public DateTime Started { get; set; }

        public DateTime Heartbeat { get; set; }

        public bool Alive { get; set; }

        public int Jobs { get; set; }

        public int Articles { get; set; }
    }
}
