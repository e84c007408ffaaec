using System.Globalization;
using Dossier.Core;
using Npgsql;

namespace Dossier.Store;

/// <summary>
/// A PostgreSQL store location: a URL (<c>postgres://user:password@host:5432/db?sslmode=require</c>) or an
/// Npgsql keyword string (<c>Host=db1;Port=5432;Username=dossier;Password=...;Database=news</c>).
/// </summary>
public static class PostgresLocation
{
    /// <summary>True when <paramref name="location"/> names a PostgreSQL server rather than a SQLite file.</summary>
    public static bool Matches(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Npgsql connection string for a location in either form.</summary>
    public static string ToConnectionString(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        NpgsqlConnectionStringBuilder b;
        if (location.Contains("://", StringComparison.Ordinal))
        {
            Uri uri;
            try
            {
                uri = new Uri(location);
            }
            catch (UriFormatException e)
            {
                DossierThrow.Dossier_BadStoreLocation(Printable(location), "not a valid postgres:// URL (" + e.Message + ")");
                throw;
            }

            b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
            var db = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            if (db.Length > 0)
            {
                b.Database = db;
            }

            if (uri.UserInfo.Length > 0)
            {
                var parts = uri.UserInfo.Split(':', 2);
                b.Username = Uri.UnescapeDataString(parts[0]);
                if (parts.Length > 1)
                {
                    b.Password = Uri.UnescapeDataString(parts[1]);
                }
            }

            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                var key = Uri.UnescapeDataString(kv[0]);
                var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "true";
                try
                {
                    b[QueryKey(key)] = value;
                }
                catch (ArgumentException e)
                {
                    DossierThrow.Dossier_BadStoreLocation(Printable(location), $"unknown connection option '{key}' ({e.Message})");
                }
            }
        }
        else
        {
            try
            {
                b = new NpgsqlConnectionStringBuilder(location);
            }
            catch (ArgumentException e)
            {
                DossierThrow.Dossier_BadStoreLocation(Printable(location), e.Message);
                throw;
            }
        }

        // Workers hold one connection each plus one for the heartbeat; keep pools small.
        if (!location.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxPoolSize = 8;
        }

        return b.ConnectionString;
    }

    /// <summary>The location with any password removed, for messages and <c>Location</c>.</summary>
    public static string Printable(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            if (location.Contains("://", StringComparison.Ordinal))
            {
                var uri = new Uri(location);
                var user = uri.UserInfo.Split(':', 2)[0];
                var port = uri.IsDefaultPort || uri.Port < 0 ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
                return $"{uri.Scheme}://{(user.Length > 0 ? user + "@" : "")}{uri.Host}{port}{uri.AbsolutePath}";
            }

            var b = new NpgsqlConnectionStringBuilder(location) { Password = null };
            return $"postgres://{(b.Username is { Length: > 0 } u ? u + "@" : "")}{b.Host}:{b.Port.ToString(CultureInfo.InvariantCulture)}/{b.Database}";
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return "postgres://(unparsable location)";
        }
    }

    private static string QueryKey(string key) => key.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "application_name" => "Application Name",
        "connect_timeout" => "Timeout",
        _ => key,
    };
}
