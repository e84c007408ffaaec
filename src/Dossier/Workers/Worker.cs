using System.Diagnostics;
using Dapper;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Reading;
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
    private int _jobsDone;
    private int _articlesAdded;

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
        _applied = _jobsDone = _articlesAdded = 0;
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
                _queue.Unregister(Name, _jobsDone, _articlesAdded);
            }
            catch (NpgsqlException)
            {
            }
        }

        return new WorkerReport(Name, jobs, failed, read, added, _applied, clock.Elapsed);
    }

    /// <summary>
    /// Processes leased jobs in order, in groups of about one store batch of articles: the group's files are read
    /// and cleaned first, then its articles are stored and its jobs completed in one transaction (three
    /// statements), so a job is done exactly when its articles are stored. After each group the worker tries
    /// the single-writer step without waiting for its lock.
    /// </summary>
    private (int Jobs, int Read, int Added, int Failed) ProcessAll(IReadOnlyList<LeasedJob> leased, CancellationToken cancel)
    {
        int jobs = 0, read = 0, added = 0, failed = 0;
        var next = 0;
        while (next < leased.Count && !cancel.IsCancellationRequested)
        {
            var group = new List<(LeasedJob Job, List<Article> Articles, string? Error, bool GiveBack, bool GiveUp)>();
            var articles = 0;
            while (next < leased.Count && (group.Count == 0 || articles < _options.Ingest.BatchSize))
            {
                var job = leased[next++];
                if (job.Attempts > _options.MaxAttempts)
                {
                    group.Add((job, [], $"gave up after {job.Attempts - 1} attempts (each worker died or failed on it)", false, true));
                    continue;
                }

                var (list, rejections) = JobReader.Read(job.Path, _options.Ingest.Read);
                var error = rejections.Count == 0 ? null : string.Join("; ", rejections.Take(5).Select(r => r.ToString()));
                var giveBack = list.Count == 0 && rejections.Count > 0 && rejections.All(r => r.Reason == RejectionReason.Unreadable);
                group.Add((job, list, error, giveBack, list.Count == 0 && rejections.Count > 0 && !giveBack));
                articles += list.Count;
            }

            var outcome = StoreGroup(group);
            if (outcome is null)
            {
                break;
            }

            jobs += outcome.Value.Jobs;
            read += articles;
            added += outcome.Value.Added;
            failed += outcome.Value.Failed;
            Interlocked.Add(ref _jobsDone, outcome.Value.Jobs);
            Interlocked.Add(ref _articlesAdded, outcome.Value.Added);
            _applied += _applier.ApplyPending(wait: false);
        }

        return (jobs, read, added, failed);
    }

    /// <summary>Stores one group's articles and completes its jobs in one transaction; null when it gave up on conflicts.</summary>
    private (int Jobs, int Added, int Failed)? StoreGroup(List<(LeasedJob Job, List<Article> Articles, string? Error, bool GiveBack, bool GiveUp)> group)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                (int, int, int) result = default;
                _store.InTransaction(() =>
                {
                    var all = group.SelectMany(g => g.Articles).ToList();
                    var stored = _store.AddBatch(all);
                    var isNew = new HashSet<string>(stored.AddedIds, StringComparer.Ordinal);
                    var outcomes = new List<JobOutcome>();
                    var failedJobs = 0;
                    foreach (var g in group)
                    {
                        if (g.Error is not null)
                        {
                            _log?.Invoke(g.Error + (g.GiveBack ? " (job given back)" : ""));
                        }

                        if (g.GiveBack)
                        {
                            _queue.Release(Name, g.Job.Id, g.Error!);
                            continue;
                        }

                        var ids = g.Articles.Select(a => a.Id).Distinct(StringComparer.Ordinal).ToList();
                        outcomes.Add(new JobOutcome(g.Job.Id, ids, ids.Count(isNew.Remove), g.Error, g.GiveUp));
                        failedJobs += g.GiveUp ? 1 : 0;
                    }

                    _queue.Complete(outcomes);
                    result = (outcomes.Count, stored.Added, failedJobs);
                });
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Another worker stored some of the same articles in another order; nothing of this group was
                // committed. Do it again, or after repeated conflicts give the jobs back (never crash on contention).
                if (attempt >= 8)
                {
                    _log?.Invoke($"gave back {group.Count} jobs after {attempt} conflicts: {e.MessageText}");
                    _queue.ReleaseAll(Name);
                    return null;
                }

                Thread.Sleep(Random.Shared.Next(10, 100) * attempt);
            }
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
                // Two statements, each its own transaction, and rows a running batch holds are skipped (they are
                // being finished): the heartbeat never waits on, or deadlocks with, this worker's own batch.
                db.Execute(
                    "UPDATE workers SET heartbeat_at = now(), jobs = @jobs, articles = @articles WHERE id = @name",
                    new { name = Name, jobs = Volatile.Read(ref _jobsDone), articles = Volatile.Read(ref _articlesAdded) });
                db.Execute(
                    """
                    UPDATE work_jobs SET lease_until = now() + make_interval(secs => @seconds)
                    WHERE id IN (SELECT id FROM work_jobs WHERE leased_by = @name AND state = 'leased' FOR UPDATE SKIP LOCKED)
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
