using Dossier.Ingestion;

namespace Dossier.Workers;

/// <summary>How a worker runs. Change with <c>with</c>.</summary>
public sealed record WorkerOptions
{
    public static WorkerOptions Default { get; } = new();

    /// <summary>How long a job stays leased without a heartbeat before another worker may take it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A job leased this many times without finishing is marked failed.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long an idle worker waits before looking at the queue again.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Exit once no job is pending or leased and every finished job has been through the incremental stages.</summary>
    public bool ExitWhenIdle { get; init; }

    /// <summary>Reading options; one job is one file, read by this worker's thread.</summary>
    public IngestOptions Ingest { get; init; } = IngestOptions.Default with { Parallelism = 1 };

    /// <summary>Jobs taken per lease. Their articles and outcomes commit together in transactions of about
    /// <see cref="IngestOptions.BatchSize"/> articles, so commits (the server's WAL flushes) are shared.</summary>
    public int JobsPerLease { get; init; } = 32;

    /// <summary>Most articles the single writer feeds to the incremental stages in one transaction.</summary>
    public int ApplyBatch { get; init; } = 500;

    /// <summary>A name for this worker in <c>dossier status</c>; default host/pid/random.</summary>
    public string? Name { get; init; }

    /// <summary>How often the worker reports it is alive and renews its lease.</summary>
    public TimeSpan Heartbeat => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, Lease.Ticks / 3));
}

/// <summary>A job taken from the queue.</summary>
public sealed record LeasedJob(long Id, string Path, int Attempts);

/// <summary>A job put on the queue.</summary>
public sealed record EnqueuedJob(long Id, string Path);

/// <summary>What one worker did before it stopped.</summary>
public sealed record WorkerReport(string Worker, int Jobs, int FailedJobs, int ArticlesRead, int ArticlesAdded, int ArticlesApplied, TimeSpan Elapsed);

/// <summary>The queue, its workers and its throughput, as <c>dossier status</c> shows them.</summary>
public sealed record QueueStatus(
    long Pending,
    long Leased,
    long Expired,
    long Done,
    long Failed,
    long Unapplied,
    long Articles,
    double ArticlesPerSecondLastMinute,
    double ArticlesPerSecondOverall,
    IReadOnlyList<WorkerStatus> Workers)
{
    /// <summary>Jobs not finished yet (pending, leased, or leased by a dead worker).</summary>
    public long Depth => Pending + Leased + Expired;
}

/// <summary>One worker as its heartbeat row shows it.</summary>
public sealed record WorkerStatus(string Id, string Host, int Pid, DateTimeOffset Started, DateTimeOffset Heartbeat, bool Alive, int Jobs, int Articles);
