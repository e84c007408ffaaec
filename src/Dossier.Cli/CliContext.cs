using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Dossier.Cli;

/// <summary>Where a command writes: a Spectre console for people, plain writers for JSON and errors, a clock.</summary>
public sealed class CliContext
{
    public CliContext(IAnsiConsole console, TextWriter stdout, TextWriter stderr, TimeProvider time, bool interactive, Stream? stdin = null)
    {
        Console = console;
        Out = stdout;
        Error = stderr;
        Time = time;
        Interactive = interactive;
        Stdin = stdin;
    }

    /// <summary>Tables and text for people (stdout).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Raw standard output, for JSON.</summary>
    public TextWriter Out { get; }

    /// <summary>One-line errors and warnings.</summary>
    public TextWriter Error { get; }

    public TimeProvider Time { get; }

    /// <summary>True when stderr is a terminal: only then is a progress bar drawn.</summary>
    public bool Interactive { get; }

    public Stream? Stdin { get; }

    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public void WriteJson<T>(T value)
    {
        // Written in pieces as it is serialised: the analysis of a whole corpus is never held whole as one string
        // (Reuters-21578: about 90 MB of JSON, which as a string and its buffers took about 0.5 GB of large objects).
        using (var stream = new TextWriterStream(Out))
        {
            JsonSerializer.Serialize(stream, value, Json);
        }

        Out.WriteLine();
        Out.Flush();
    }

    /// <summary>Writes one error line: "dossier: message".</summary>
    public void Fail(string message)
    {
        Error.WriteLine($"dossier: {message}");
        Error.Flush();
    }
}

/// <summary>Process exit codes; documented in docs/cli.md.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line was wrong (unknown verb or option, missing argument).</summary>
    public const int Usage = 1;

    /// <summary>The work was done but some inputs were skipped (each named on stderr).</summary>
    public const int SomeSkipped = 2;

    /// <summary>The command failed: nothing usable was read, the store could not be opened, an id was not found.</summary>
    public const int Failed = 3;

    /// <summary>A quality or scoring threshold was not met (evaluation verbs with --min).</summary>
    public const int BelowThreshold = 4;
}
