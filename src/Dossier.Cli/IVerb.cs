using System.CommandLine;

namespace Dossier.Cli;

/// <summary>One <c>dossier</c> verb. Every class implementing this in the CLI assembly is registered: adding a verb is adding a file.</summary>
public interface IVerb
{
    /// <summary>Sort key in help output.</summary>
    int Order { get; }

    Command Build(CliContext context);
}

/// <summary>Options several verbs share.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write JSON (schema in docs/json/) instead of tables." };

    public static Option<string?> Store() => new("--db", "--store")
    {
        Description = "Store location: a SQLite file path or a postgres:// connection string (default: $DOSSIER_STORE, else ~/.local/share/dossier/dossier.db).",
    };

    public static Option<long> MaxSize() => new("--max-size")
    {
        Description = "Reject input files larger than this many bytes (default 33554432 = 32 MiB).",
        DefaultValueFactory = _ => Dossier.Reading.ReadOptions.Default.MaxBytes,
    };
}
