using Dossier.Cli;
using Spectre.Console.Testing;

namespace Dossier.Tests.Support;

/// <summary>Runs the dossier CLI in-process with captured output and a fixed clock.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error, string Console);

    public static Result Run(params string[] args) => RunWithInput(null, args);

    public static Result RunWithInput(Stream? stdin, params string[] args)
    {
        var console = new TestConsole().Width(120);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var time = new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ctx = new CliContext(console, stdout, stderr, time, interactive: false, stdin);
        var code = Program.Run(args, ctx);
        return new Result(code, stdout.ToString(), stderr.ToString(), console.Output);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
