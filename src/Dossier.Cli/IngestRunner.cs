using Dossier.Ingestion;
using Dossier.Reading;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli;

/// <summary>Runs an ingest for a verb: progress bar on a terminal, one line per rejected input on stderr.</summary>
internal static class IngestRunner
{
    /// <param name="onBatch">Called after each stored batch instead of the incremental stages (an analysis run runs them itself).</param>
    public static IngestReport Run(
        CliContext ctx,
        IArticleStore store,
        IReadOnlyList<string> paths,
        long maxBytes,
        Action<IngestProgress>? extra = null,
        Action<IReadOnlyList<Core.Article>, IngestOutcome>? onBatch = null)
    {
        var options = IngestOptions.Default with { Read = ReadOptions.Default with { MaxBytes = maxBytes } };
        var ingestor = new Ingestor(store, options);
        // Incremental corpus stages (copies, stories) see only what each batch added.
        ingestor.BatchStored += onBatch ?? Analysis.DossierPipelineBuilder.Default.IncrementalHandler(store);
        ingestor.Rejected += r => ctx.Fail(r.ToString());
        if (!ctx.Interactive)
        {
            if (extra is not null)
            {
                ingestor.Progress += extra;
            }

            return ingestor.Ingest(paths, ctx.Stdin);
        }

        IngestReport? report = null;
        var stderrConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        stderrConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(p =>
            {
                var task = p.AddTask("Reading articles");
                ingestor.Progress += g =>
                {
                    task.MaxValue = Math.Max(1, g.FilesTotal);
                    task.Value = g.FilesDone;
                    task.Description = $"Reading articles ({g.Articles:N0} stored)";
                    extra?.Invoke(g);
                };
                report = ingestor.Ingest(paths, ctx.Stdin);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    public static int ExitCode(IngestReport report) =>
        report.Rejections.Count == 0 ? ExitCodes.Ok
        : report.Read == 0 ? ExitCodes.Failed
        : ExitCodes.SomeSkipped;
}
