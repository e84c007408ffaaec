using System.CommandLine;
using Dossier.Analysis;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier analyze PATH... [--json]</c>: ingest into a temporary store (or <c>--db</c>), run every capability,
/// print one analysis document. JSON schema: docs/json/analyze.md.
/// </summary>
public sealed class AnalyzeCommand : IVerb
{
    public int Order => 0;

    public Command Build(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (recursive), globs, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var maxSize = CommonOptions.MaxSize();
        var cmd = new Command("analyze", "Ingest articles and print the whole analysis: articles, copies, stories, entities, quotes, timeline, agreement, summary.")
        {
            paths, json, db, maxSize,
        };
        cmd.SetAction(p =>
        {
            var location = p.GetValue(db);
            string? temp = null;
            if (string.IsNullOrWhiteSpace(location) && Environment.GetEnvironmentVariable(StoreFactory.EnvironmentVariable) is null or "")
            {
                temp = Path.Combine(Path.GetTempPath(), $"dossier-analyze-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
                location = temp;
            }

            try
            {
                AnalysisDocument doc;
                Ingestion.IngestReport report;
                using (var store = temp is not null ? StoreFactory.OpenScratch(temp) : StoreFactory.Open(location))
                {
                    // A temporary store is nobody else's: the incremental stages run once, after the last batch.
                    using var run = new AnalysisRun(store, options: new AnalysisRunOptions { DeferIncremental = temp is not null, ThrowawayStore = temp is not null });
                    report = IngestRunner.Run(context, store, p.GetValue(paths)!, p.GetValue(maxSize), onBatch: run.OnBatchStored);
                    doc = run.Finish(report.ArticleIds).Document;
                }

                doc.Rejected.AddRange(report.Rejections.Select(r => new RejectedEntry { Path = r.Path, Reason = r.Reason.ToString(), Message = r.Message }));
                if (p.GetValue(json))
                {
                    context.WriteJson(doc);
                }
                else
                {
                    AnalysisView.Render(context.Console, doc);
                }

                return IngestRunner.ExitCode(report);
            }
            finally
            {
                if (temp is not null)
                {
                    foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" })
                    {
                        File.Delete(f);
                    }
                }
            }
        });
        return cmd;
    }
}

/// <summary>Renders an analysis document for people.</summary>
internal static class AnalysisView
{
    // A conflict side is shown in short: the whole claims are in --json and in the brief.
    private const int ConflictSideLength = 90;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static void Render(IAnsiConsole console, AnalysisDocument doc)
    {
        var articles = new Table().Border(TableBorder.Rounded).Title("[bold]Articles[/]").AddColumns("Id", "Published", "Outlet", "Dateline", "Title (or lead)");
        // An id is copied into `dossier diff A B` or `dossier show ID`: never broken over two lines.
        articles.Columns[0].NoWrap();
        foreach (var a in doc.Articles)
        {
            // An untitled article shows the headline made from its lead, in italics, rather than its file name.
            var title = a.Title is { Length: > 0 } t ? Markup.Escape(ListCommand.Truncate(t, 50))
                : a.Lead is { Length: > 0 } lead ? $"[italic]{Markup.Escape(ListCommand.Truncate(lead, 50))}[/]"
                : Markup.Escape(Path.GetFileName(a.SourcePath));
            articles.AddRow(a.Id, a.Published?[..10] ?? "-", Markup.Escape(a.Outlet ?? "-"), Markup.Escape(a.Dateline ?? "-"), title);
        }

        console.Write(articles);

        // People read outlets, not content hashes: a citation names each source once ("NWS, MPA").
        var outlets = doc.Articles.ToDictionary(a => a.Id, a => a.Outlet ?? a.Id, StringComparer.Ordinal);
        string Cite(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => outlets.GetValueOrDefault(id, id)).Distinct(StringComparer.Ordinal));
        string Label(string id) => outlets.TryGetValue(id, out var o) && o != id ? $"{id} ({o})" : id;

        // Each list looked up by story once (a corpus has thousands of stories).
        var summary = doc.Summary.ToLookup(x => x.Story, StringComparer.Ordinal);
        var conflictsOf = doc.Conflicts.ToLookup(x => x.Story, StringComparer.Ordinal);
        var exclusivesOf = doc.Exclusives.ToLookup(x => x.Story, StringComparer.Ordinal);
        foreach (var s in doc.Stories)
        {
            console.Write(new Rule($"[bold]Story {Markup.Escape(s.Id)}[/]: {Markup.Escape(s.Title)}").LeftJustified());
            // "10 articles from 8 outlets, 5 independent sources": copies and an outlet's own articles count once.
            var from = s.Outlets.Count == 0 ? "" : $" from {Count(s.Outlets.Count, "outlet")}";
            console.MarkupLine($"{Count(s.Articles.Count, "article")}{from}, {Count(s.IndependentSources, "independent source")}" + (s.Outlets.Count == 0 ? "" : $": {Markup.Escape(string.Join(", ", s.Outlets))}"));
            foreach (var line in summary[s.Id])
            {
                console.MarkupLine($" • {Markup.Escape(line.Text)} [grey][[{Markup.Escape(Cite(line.Articles))}]][/]");
            }

            // Where the sources differ (12 dead or 14?): each side in short, with who says it.
            var conflicts = conflictsOf[s.Id];
            if (conflicts.Any())
            {
                console.MarkupLine("[bold]Where sources differ[/]");
                foreach (var c in conflicts)
                {
                    var sides = c.Claims.Select(x => $"{Markup.Escape(ListCommand.Truncate(x.Text, ConflictSideLength))} [grey][[{Markup.Escape(Cite(x.Articles))}]][/]");
                    console.MarkupLine($" ≠ [italic]{Markup.Escape(c.Topic)}[/]: {string.Join(" [bold]vs[/] ", sides)}");
                }
            }

            var exclusives = exclusivesOf[s.Id].Count();
            if (exclusives > 0 && s.IndependentSources > 1)
            {
                console.MarkupLine($"[grey]{Count(exclusives, "fact")} reported by one source only (exclusives[[]] in --json).[/]");
            }
        }

        if (doc.Copies.Count > 0)
        {
            var t = new Table().Border(TableBorder.Rounded).Title("[bold]Copies and versions[/]").AddColumns("A", "B", "Kind", "Score");
            foreach (var c in doc.Copies)
            {
                t.AddRow(Markup.Escape(Label(c.A)), Markup.Escape(Label(c.B)), c.Kind, c.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(t);
        }

        console.MarkupLine(
            $"[grey]{doc.Articles.Count} articles, {doc.Stories.Count} stories, {doc.Entities.Count} entities, {doc.Quotes.Count} quotes, {doc.Timeline.Count} timeline entries, {doc.Conflicts.Count} conflicts, {doc.Rejected.Count} skipped inputs. Use --json for everything.[/]");
    }
}
