using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dossier.Cli.Bench;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier bench NAME</c>: runs a benchmark and prints its figures with peak memory. JSON schema: docs/json/bench.md.</summary>
public sealed class BenchCommand : IVerb
{
    public int Order => 900;

    public Command Build(CliContext context)
    {
        var cmd = new Command("bench", "Run a benchmark (speed and memory). Figures belong in docs/benchmarks.md with the command.");
        var benches = typeof(BenchCommand).Assembly.GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal);
        foreach (var b in benches)
        {
            var json = CommonOptions.Json();
            var corpus = new Option<string?>("--corpus") { Description = "Corpus path (default: ../shared/data/reuters21578 beside the repository)." };
            var size = new Option<int?>("--size") { Description = "Number of articles (for generated corpora)." };
            var opts = new Option<string[]>("--set") { Description = "Extra benchmark options as key=value.", AllowMultipleArgumentsPerToken = true };
            var sub = new Command(b.Name, b.Description) { json, corpus, size, opts };
            sub.SetAction(p =>
            {
                var scratch = Path.Combine(Path.GetTempPath(), $"dossier-bench-{Environment.ProcessId}");
                Directory.CreateDirectory(scratch);
                try
                {
                    var options = (p.GetValue(opts) ?? []).Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "true", StringComparer.Ordinal);
                    var sw = Stopwatch.StartNew();
                    var result = b.Run(new BenchContext(p.GetValue(corpus), p.GetValue(size), scratch, msg => context.Error.WriteLine(msg), options));
                    sw.Stop();
                    using var proc = Process.GetCurrentProcess();
                    var metrics = result.Metrics.Concat(
                    [
                        new BenchMetric("wall_time", sw.Elapsed.TotalSeconds, "s"),
                        new BenchMetric("peak_working_set", proc.PeakWorkingSet64 / (1024.0 * 1024.0), "MiB"),
                    ]).ToList();
                    var command = "dossier " + string.Join(' ', p.Tokens.Select(t => t.Value));
                    if (p.GetValue(json))
                    {
                        context.WriteJson(new
                        {
                            benchmark = result.Benchmark,
                            command,
                            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
                            metrics = metrics.Select(m => new { name = m.Name, value = m.Value, unit = m.Unit }),
                            notes = result.Notes,
                        });
                    }
                    else
                    {
                        var t = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.Benchmark)}[/]").AddColumns("Metric", "Value", "Unit");
                        foreach (var m in metrics)
                        {
                            t.AddRow(Markup.Escape(m.Name), m.Value.ToString("#,0.###", CultureInfo.InvariantCulture), Markup.Escape(m.Unit));
                        }

                        context.Console.Write(t);
                        foreach (var n in result.Notes)
                        {
                            context.Console.MarkupLine($"[grey]{Markup.Escape(n)}[/]");
                        }
                    }

                    return ExitCodes.Ok;
                }
                finally
                {
                    try
                    {
                        Directory.Delete(scratch, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                }
            });
            cmd.Subcommands.Add(sub);
        }

        return cmd;
    }
}
