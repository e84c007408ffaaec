using System.CommandLine;
using System.Globalization;
using Dossier.Store;
using Dossier.Workers;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier status --store postgres://...</c>: queue depth, workers alive, throughput. JSON schema: docs/json/status.md.</summary>
public sealed class StatusCommand : IVerb
{
    public int Order => 61;

    public Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var cmd = new Command("status", "Show the work queue of a PostgreSQL store: jobs by state, workers alive, articles/s.") { json, db };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var s = new WorkQueue(store).Status();
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    store = store.Location,
                    articles = s.Articles,
                    queue = new { depth = s.Depth, pending = s.Pending, leased = s.Leased, expired = s.Expired, done = s.Done, failed = s.Failed, unapplied = s.Unapplied },
                    throughput = new { last_minute = Math.Round(s.ArticlesPerSecondLastMinute, 1), overall = Math.Round(s.ArticlesPerSecondOverall, 1) },
                    workers_alive = s.Workers.Count(w => w.Alive),
                    workers = s.Workers.Select(w => new
                    {
                        id = w.Id,
                        host = w.Host,
                        pid = w.Pid,
                        started = w.Started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        heartbeat = w.Heartbeat.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        alive = w.Alive,
                        jobs = w.Jobs,
                        articles = w.Articles,
                    }),
                });
                return ExitCodes.Ok;
            }

            var q = new Table().Border(TableBorder.Rounded).Title("[bold]Queue[/]").AddColumns("Pending", "Leased", "Expired leases", "Done", "Failed", "Awaiting incremental stages");
            q.AddRow(N(s.Pending), N(s.Leased), N(s.Expired), N(s.Done), N(s.Failed), N(s.Unapplied));
            context.Console.Write(q);
            var w = new Table().Border(TableBorder.Rounded).Title("[bold]Workers[/]").AddColumns("Worker", "Alive", "Last heartbeat (UTC)", "Jobs", "Articles added");
            foreach (var x in s.Workers)
            {
                w.AddRow(
                    Markup.Escape(x.Id),
                    x.Alive ? "[green]yes[/]" : "[grey]no[/]",
                    x.Heartbeat.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    N(x.Jobs),
                    N(x.Articles));
            }

            context.Console.Write(w);
            context.Console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Articles:N0} articles in [blue]{Markup.Escape(store.Location)}[/]; {s.Workers.Count(x => x.Alive)} workers alive; {s.ArticlesPerSecondLastMinute:N1} articles/s over the last minute, {s.ArticlesPerSecondOverall:N1} overall."));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
