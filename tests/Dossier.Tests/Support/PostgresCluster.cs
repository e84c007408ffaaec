using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Dossier.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests that need a real server: <c>initdb</c> into a temporary folder,
/// <c>pg_ctl start</c> on 127.0.0.1 and a free port with trust authentication (about a second), stopped and
/// deleted on dispose. Run as user <c>postgres</c> when the tests run as root. Shared by every test in the
/// "postgres" collection; each test gets its own database from <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _dir;
    private readonly string _bin;
    private int _databases;

    public PostgresCluster()
    {
        if (Bin is null)
        {
            // Tests that need the cluster are skipped (or, under CI=true, fail in CreateDatabase).
            _bin = _dir = "";
            _stop = () => { };
            return;
        }

        _bin = Bin;
        _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dossier-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dir);
        Port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Exec("chown", ["postgres:", _dir], asPostgres: false);
        }

        var data = System.IO.Path.Combine(_dir, "data");
        Exec(System.IO.Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"], asRoot);
        var settings = string.Join(' ', new[]
        {
            "-c listen_addresses=127.0.0.1", $"-p {Port.ToString(CultureInfo.InvariantCulture)}", $"-k {_dir}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200",
        });
        Exec(System.IO.Path.Combine(_bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", System.IO.Path.Combine(_dir, "log"), "-w", "-t", "60", "start"], asRoot);
        _stop = () => Exec(System.IO.Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot);
    }

    private readonly Action _stop;

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? Bin { get; } = FindBin();

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (always run, and fail, under CI=true).</summary>
    public static string? SkipReason =>
        Bin is null && !Repo.IsCi ? "needs PostgreSQL server binaries (Debian package 'postgresql'; scripts/test installs it); runs and fails under CI=true" : null;

    public int Port { get; }

    /// <summary>A connection string for the server's maintenance database.</summary>
    public string AdminConnectionString => Connection("postgres");

    public string Connection(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Maximum Pool Size=8";

    /// <summary>Creates a fresh empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        if (Bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package 'postgresql' (scripts/test does).");
        }

        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        using var c = new NpgsqlConnection(AdminConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        cmd.ExecuteNonQuery();
        return Connection(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            _stop();
        }
        finally
        {
            try
            {
                if (_dir.Length > 0)
                {
                    Directory.Delete(_dir, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string? FindBin()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(System.IO.Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => System.IO.Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(System.IO.Path.Combine(d, "initdb")) && File.Exists(System.IO.Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void Exec(string file, IReadOnlyList<string> args, bool asPostgres)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr} {stdout.Result}");
        }
    }
}

/// <summary>Every test that needs the throwaway PostgreSQL cluster is in this collection.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;

/// <summary>A fact that needs PostgreSQL: skipped with a visible reason when the binaries are absent, except under CI=true.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests need PostgreSQL (the contract suite's PostgreSQL subclass).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>
/// A fact of an abstract suite run once per backend: skipped in classes marked <see cref="RequiresPostgresAttribute"/>
/// when PostgreSQL is absent (never under CI=true).
/// </summary>
[XunitTestCaseDiscoverer("Dossier.Tests.Support.StoreFactDiscoverer", "Dossier.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping them per class when the backend is missing.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        if (needsPostgres && PostgresCluster.SkipReason is { } reason)
        {
            yield return new SkippedTestCase(diagnostics, display, options, testMethod, reason);
        }
        else
        {
            yield return new XunitTestCase(diagnostics, display, options, testMethod);
        }
    }
}

/// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string reason)
        : base(diagnostics, display, options, testMethod)
    {
        _reason = reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("SkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Deserialize(data);
        _reason = data.GetValue<string>("SkipReason");
    }
}

/// <summary>A fact that needs PostgreSQL and a data set under ../shared: skipped with a reason when either is absent, except under CI=true.</summary>
public sealed class PostgresSharedFactAttribute : FactAttribute
{
    public PostgresSharedFactAttribute(string relativePath)
    {
        var full = System.IO.Path.Combine(Repo.Shared, relativePath);
        if (PostgresCluster.SkipReason is { } reason)
        {
            Skip = reason;
        }
        else if (!Repo.IsCi && !File.Exists(full) && !Directory.Exists(full))
        {
            Skip = $"needs ../shared/{relativePath} (not present here); runs and fails under CI=true";
        }
    }
}
