using Dossier.Core;

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

    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    public static IArticleStore Open(string? location)
    {
        var where = Resolve(location);
        if (IsPostgres(where))
        {
            return OpenPostgres(where);
        }

        return new SqliteArticleStore(where);
    }

    /// <summary>Hook for the PostgreSQL backend (Store/Postgres). Set by its static registration.</summary>
    internal static Func<string, IArticleStore>? PostgresOpener { get; set; }

    private static IArticleStore OpenPostgres(string where)
    {
        if (PostgresOpener is null)
        {
            DossierThrow.Dossier_BadStoreLocation(where, "the PostgreSQL backend is not available in this build");
        }

        return PostgresOpener(where);
    }
}
