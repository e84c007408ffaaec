using System.CommandLine;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier ingest PATH...</c>: read articles into the store. JSON schema: docs/json/ingest.md.</summary>
public sealed class IngestCommand : IVerb
{
    public int Order => 10;

    public Command Build(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (recursive), globs, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var maxSize = CommonOptions.MaxSize();
        var enqueue = new Option<bool>("--enqueue")
        {
            Description = "Do not read now: put one job per file on the PostgreSQL store's queue for 'dossier worker' processes (paths must be readable by them).",
        };
        var cmd = new Command("ingest", "Read articles (text, HTML, RSS/Atom, JSON Lines, Reuters SGML) into the store. Re-ingesting is a no-op.")
        {
            paths, json, db, maxSize, enqueue,
        };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            if (p.GetValue(enqueue))
            {
                return Enqueue(context, store, p.GetValue(paths)!, p.GetValue(json));
            }

            var report = IngestRunner.Run(context, store, p.GetValue(paths)!, p.GetValue(maxSize));
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    store = store.Location,
                    files = report.Files,
                    added = report.Added,
                    existing = report.Existing,
                    rejected = report.Rejections.Select(r => new { path = r.Path, reason = Snake(r.Reason.ToString()), message = r.Message }),
                    articles = report.ArticleIds,
                });
            }
            else
            {
                context.Console.MarkupLine(
                    $"[green]{report.Added:N0}[/] added, {report.Existing:N0} already stored, [yellow]{report.Rejections.Count:N0}[/] skipped, from {report.Files:N0} inputs into [blue]{Markup.Escape(store.Location)}[/].");
            }

            return IngestRunner.ExitCode(report);
        });
        return cmd;
    }

    /// <summary><c>--enqueue</c>: one ingest job per file on the store's work queue. JSON schema: docs/json/ingest.md.</summary>
    private static int Enqueue(CliContext context, IArticleStore store, IReadOnlyList<string> paths, bool json)
    {
        var (jobs, rejections) = new Workers.WorkQueue(store).Enqueue(paths);
        foreach (var r in rejections)
        {
            context.Fail(r.ToString());
        }

        if (json)
        {
            context.WriteJson(new
            {
                store = store.Location,
                enqueued = jobs.Count,
                jobs = jobs.Select(j => new { id = j.Id, path = j.Path }),
                rejected = rejections.Select(r => new { path = r.Path, reason = Snake(r.Reason.ToString()), message = r.Message }),
            });
        }
        else
        {
            context.Console.MarkupLine($"[green]{jobs.Count:N0}[/] files queued for workers, [yellow]{rejections.Count:N0}[/] skipped, in [blue]{Markup.Escape(store.Location)}[/]. Run 'dossier worker --store ...' to process them.");
        }

        return rejections.Count == 0 ? ExitCodes.Ok : jobs.Count == 0 ? ExitCodes.Failed : ExitCodes.SomeSkipped;
    }

    /// <summary>"MalformedJson" -> "malformed_json".</summary>
    internal static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
