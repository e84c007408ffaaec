using System.Diagnostics;
using Dapper;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Store;
using Npgsql;

namespace Dossier.Workers;

/// <summary>
/// One <c>dossier worker</c>: takes ingest jobs from the queue of a PostgreSQL store, reads, cleans and stores
/// each file (one transaction per batch of articles; articles are keyed by content hash, so a job done twice
/// stores nothing twice), then runs the incremental stages as the single writer when it can take the lock.
/// A heartbeat on its own connection keeps the worker's row alive and renews its lease; if the process dies,
/// the lease expires and another worker takes the job again. The caller owns the store. See docs/scale-out.md.
/// </summary>
public sealed class Worker
{
    private readonly PostgresArticleStore _store;
    private readonly WorkQueue _queue;
    private readonly IncrementalApplier _applier;
    private readonly WorkerOptions _options;
    private readonly Action<string>? _log;
    private int _applied;

    public Worker(IArticleStore store, DossierPipeline pipeline, WorkerOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _queue = new WorkQueue(store);
        _store = (PostgresArticleStore)store;
        _options = options ?? WorkerOptions.Default;
        _applier = new IncrementalApplier(store, pipeline, _options.ApplyBatch);
        _log = log;
        Name = _options.Name ?? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";
    }

    public string Name { get; }

    /// <summary>Runs until cancelled, or, with <see cref="WorkerOptions.ExitWhenIdle"/>, until the queue is drained.</summary>
    public WorkerReport Run(CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        int jobs = 0, failed = 0, read = 0, added = 0;
        _applied = 0;
        _queue.Register(Name, _options.Lease);
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var heartbeat = new Thread(() => Heartbeat(stopHeartbeat.Token)) { IsBackground = true, Name = "dossier-heartbeat" };
        heartbeat.Start();
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var leased = _queue.Lease(Name, _options.Lease, _options.JobsPerLease);
                if (leased.Count > 0)
                {
                    var outcome = ProcessAll(leased, cancel);
                    jobs += outcome.Jobs;
                    read += outcome.Read;
                    added += outcome.Added;
                    failed += outcome.Failed;
                    continue;
                }

                // Idle: finish the single-writer work others left, then leave or wait for more jobs.
                _applied += _applier.ApplyPending(wait: true);
                if (_options.ExitWhenIdle && _queue.IsDrained())
                {
                    break;
                }

                cancel.WaitHandle.WaitOne(_options.Poll);
            }
        }
        finally
        {
            stopHeartbeat.Cancel();
            heartbeat.Join();
            try
            {
                _queue.ReleaseAll(Name);
                _queue.Unregister(Name);
            }
            catch (NpgsqlException)
            {
            }
        }

        return new WorkerReport(Name, jobs, failed, read, added, _applied, clock.Elapsed);
    }

    /// <summary>
    /// Processes leased jobs in order, in transactions of about one store batch of articles each: a job's
    /// articles and its completion commit together, so a job is done exactly when its articles are stored.
    /// After each transaction the worker tries the single-writer step without waiting for its lock.
    /// </summary>
    private (int Jobs, int Read, int Added, int Failed) ProcessAll(IReadOnlyList<LeasedJob> leased, CancellationToken cancel)
    {
        int jobs = 0, read = 0, added = 0, failed = 0;
        var next = 0;
        var retries = 0;
        while (next < leased.Count && !cancel.IsCancellationRequested)
        {
            var start = next;
            int groupJobs = 0, groupRead = 0, groupAdded = 0, groupFailed = 0;
            try
            {
                _store.InTransaction(() =>
                {
                    var articles = 0;
                    while (next < leased.Count && (articles == 0 || articles < _options.Ingest.BatchSize))
                    {
                        var job = leased[next++];
                        var r = Process(job);
                        groupJobs++;
                        groupRead += r.Read;
                        groupAdded += r.Added;
                        groupFailed += r.Failed ? 1 : 0;
                        articles += Math.Max(1, r.Read);
                    }
                });
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && retries < 8)
            {
                // Another worker stored some of the same articles in another order; nothing of this group was
                // committed: do it again.
                retries++;
                next = start;
                Thread.Sleep(Random.Shared.Next(10, 100) * retries);
                continue;
            }

            jobs += groupJobs;
            read += groupRead;
            added += groupAdded;
            failed += groupFailed;
            _applied += _applier.ApplyPending(wait: false);
        }

        return (jobs, read, added, failed);
    }

    /// <summary>Reads, cleans and stores one job's file and records its outcome, inside the caller's transaction.</summary>
    private (int Read, int Added, bool Failed) Process(LeasedJob job)
    {
        if (job.Attempts > _options.MaxAttempts)
        {
            var reason = $"gave up after {job.Attempts - 1} attempts (each worker died or failed on it)";
            _queue.Complete(Name, job.Id, [], 0, reason, failed: true);
            _log?.Invoke($"{job.Path}: {reason}");
            return (0, 0, true);
        }

        try
        {
            var ingestor = new Ingestor(_store, _options.Ingest);
            var report = ingestor.Ingest([job.Path]);
            var ids = report.ArticleIds.Distinct(StringComparer.Ordinal).ToList();
            var error = report.Rejections.Count == 0 ? null : string.Join("; ", report.Rejections.Take(5).Select(r => r.ToString()));
            var failed = ids.Count == 0 && report.Rejections.Count > 0;
            if (error is not null)
            {
                _log?.Invoke(error);
            }

            _queue.Complete(Name, job.Id, ids, report.Added, error, failed);
            return (report.Read, report.Added, failed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log?.Invoke($"{job.Path}: {e.Message} (job given back)");
            _queue.Release(Name, job.Id, e.Message);
            return (0, 0, false);
        }
    }

    /// <summary>Renews this worker's row and leases on a second connection until stopped.</summary>
    private void Heartbeat(CancellationToken stop)
    {
        var every = _options.Heartbeat;
        while (!stop.WaitHandle.WaitOne(every))
        {
            try
            {
                using var db = new NpgsqlConnection(_store.ConnectionString);
                db.Open();
                db.Execute(
                    """
                    UPDATE workers SET heartbeat_at = now() WHERE id = @name;
                    UPDATE work_jobs SET lease_until = now() + make_interval(secs => @seconds) WHERE leased_by = @name AND state = 'leased';
                    """,
                    new { name = Name, seconds = _options.Lease.TotalSeconds });
            }
            catch (NpgsqlException e)
            {
                _log?.Invoke($"heartbeat failed: {e.Message}");
            }
        }
    }
}
