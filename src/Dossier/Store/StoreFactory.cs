namespace Dossier.Store;

/// <summary>Opens a store from a location: a file path (SQLite) or a <c>postgres://</c> / <c>Host=...</c> connection string.</summary>
public static class StoreFactory
{
    /// <summary>The environment variable naming the default store.</summary>
    public const string EnvironmentVariable = "DOSSIER_STORE";

    /// <summary>The per-user default SQLite path: $XDG_DATA_HOME/dossier/dossier.db (or ~/.local/share/dossier/dossier.db).</summary>
    public static string DefaultSqlitePath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "dossier", "dossier.db");
    }

    /// <summary>Resolves the location: explicit value, then $DOSSIER_STORE, then the per-user default.</summary>
    public static string Resolve(string? location) =>
        !string.IsNullOrWhiteSpace(location) ? location
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
        : DefaultSqlitePath();

    /// <summary>True for a <c>postgres://</c> URL or an Npgsql <c>Host=...</c> connection string.</summary>
    public static bool IsPostgres(string location) => PostgresLocation.Matches(location);

    /// <summary>Opens (creating and migrating when needed) the store at a location resolved by <see cref="Resolve"/>.</summary>
    public static IArticleStore Open(string? location)
    {
        var where = Resolve(location);
        return IsPostgres(where) ? new PostgresArticleStore(where) : new SqliteArticleStore(where);
    }

    /// <summary>
    /// Opens a new throwaway SQLite file that this process alone writes and then deletes (see
    /// <see cref="SqliteStoreOptions.Scratch"/>): the temporary store of <c>dossier analyze</c>.
    /// </summary>
    public static IArticleStore OpenScratch(string path) => new SqliteArticleStore(path, new SqliteStoreOptions { Scratch = true });
}
