using System.CommandLine;
using System.Globalization;
using Dossier.Analysis;
using Dossier.Store;
using Dossier.Workers;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier worker --store postgres://...</c>: take ingest jobs from the store's queue and run the incremental
/// stages, until stopped (or until the queue is drained with <c>--exit-when-idle</c>). JSON schema: docs/json/worker.md.
/// </summary>
public sealed class WorkerCommand : IVerb
{
    public int Order => 60;

    public Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var maxSize = CommonOptions.MaxSize();
        var exitWhenIdle = new Option<bool>("--exit-when-idle") { Description = "Exit once no job is pending or leased and the incremental stages have caught up." };
        var lease = new Option<double>("--lease") { Description = "Seconds a job stays leased without a heartbeat before another worker takes it (default 30).", DefaultValueFactory = _ => 30 };
        var attempts = new Option<int>("--max-attempts") { Description = "Mark a job failed after this many leases (default 5).", DefaultValueFactory = _ => 5 };
        var poll = new Option<int>("--poll") { Description = "Milliseconds an idle worker waits before looking again (default 500).", DefaultValueFactory = _ => 500 };
        var perLease = new Option<int>("--jobs-per-lease") { Description = "Jobs (files) taken per lease; their articles commit together in batches (default 32).", DefaultValueFactory = _ => 32 };
        var name = new Option<string?>("--name") { Description = "This worker's name in 'dossier status' (default host/pid/random)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "One line per rejected input or retried job on stderr." };
        var cmd = new Command("worker", "Process the PostgreSQL store's work queue (see 'dossier ingest --enqueue'); run one per core, on any number of machines.")
        {
            json, db, maxSize, exitWhenIdle, lease, attempts, poll, perLease, name, verbose,
        };
        cmd.SetAction((p, cancel) =>
        {
            if (p.GetValue(lease) <= 0 || p.GetValue(attempts) < 1 || p.GetValue(poll) < 1 || p.GetValue(perLease) < 1)
            {
                Core.DossierThrow.Dossier_BadOption(
                    "--lease/--max-attempts/--poll/--jobs-per-lease",
                    string.Create(CultureInfo.InvariantCulture, $"{p.GetValue(lease)}/{p.GetValue(attempts)}/{p.GetValue(poll)}/{p.GetValue(perLease)}"),
                    "positive numbers");
            }

            using var store = StoreFactory.Open(p.GetValue(db));
            var options = WorkerOptions.Default with
            {
                Lease = TimeSpan.FromSeconds(p.GetValue(lease)),
                MaxAttempts = p.GetValue(attempts),
                JobsPerLease = p.GetValue(perLease),
                Poll = TimeSpan.FromMilliseconds(p.GetValue(poll)),
                ExitWhenIdle = p.GetValue(exitWhenIdle),
                Name = p.GetValue(name),
                Ingest = WorkerOptions.Default.Ingest with { Read = WorkerOptions.Default.Ingest.Read with { MaxBytes = p.GetValue(maxSize) } },
            };
            var worker = new Worker(store, DossierPipelineBuilder.Default, options, p.GetValue(verbose) ? context.Fail : null);
            var report = worker.Run(cancel);
            var rate = report.Elapsed.TotalSeconds > 0 ? report.ArticlesRead / report.Elapsed.TotalSeconds : 0;
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    worker = report.Worker,
                    store = store.Location,
                    jobs = report.Jobs,
                    failed_jobs = report.FailedJobs,
                    articles_read = report.ArticlesRead,
                    articles_added = report.ArticlesAdded,
                    articles_applied = report.ArticlesApplied,
                    seconds = Math.Round(report.Elapsed.TotalSeconds, 3),
                    articles_per_second = Math.Round(rate, 1),
                });
            }
            else
            {
                context.Console.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Worker [blue]{Markup.Escape(report.Worker)}[/]: {report.Jobs:N0} jobs ([yellow]{report.FailedJobs:N0}[/] failed), {report.ArticlesRead:N0} articles read, [green]{report.ArticlesAdded:N0}[/] added, {report.ArticlesApplied:N0} through the incremental stages, in {report.Elapsed.TotalSeconds:0.0} s ({rate:N0} articles/s)."));
            }

            return Task.FromResult(report.FailedJobs > 0 ? ExitCodes.SomeSkipped : ExitCodes.Ok);
        });
        return cmd;
    }
}
