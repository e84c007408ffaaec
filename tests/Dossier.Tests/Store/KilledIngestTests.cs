using System.Diagnostics;
using System.Globalization;
using Dossier.Store;
using Dossier.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dossier.Tests.Store;

/// <summary>
/// Issue 3 item 6: an ingest killed (SIGKILL) part way leaves the SQLite store consistent, and running it again
/// completes it without duplicates.
/// </summary>
public sealed class KilledIngestTests : IDisposable
{
    private const int Files = 5_000;
    private const int BatchSize = 500;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Should_leave_a_consistent_store_when_an_ingest_is_killed_and_complete_it_on_a_rerun()
    {
        // Given a large folder of articles and an ingest of it running in a child process
        var input = _dir.File("in");
        Directory.CreateDirectory(input);
        var random = new Random(42);
        for (var i = 0; i < Files; i++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 40 + random.Next(60)).Select(_ => ((char)('a' + random.Next(26))).ToString() + random.Next(1000).ToString(CultureInfo.InvariantCulture)));
            File.WriteAllText(Path.Combine(input, $"{i:D6}.txt"), $"date 2024-05-{1 + (i % 28):D2}\nCITY (AP) — Article {i} “quoted” — {words}.\n");
        }

        var db = _dir.File("store.db");
        long before;
        using (var child = CliProcess.Start("ingest", input, "--db", db))
        {
            // When it is killed once some batches are committed and before it is done
            var clock = Stopwatch.StartNew();
            before = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(120) && !child.HasExited)
            {
                before = CountArticles(db);
                if (before >= 2 * BatchSize)
                {
                    break;
                }

                Thread.Sleep(20);
            }

            child.HasExited.ShouldBeFalse($"the ingest finished before it could be killed; stderr: {child.Error}");
            child.Kill();
        }

        // Then the store opens, passes SQLite's and FTS5's integrity checks, and holds whole batches of whole articles
        IntegrityCheck(db).ShouldBe("ok");
        int stored;
        using (var store = StoreFactory.Open(db))
        {
            stored = (int)store.Count();
            stored.ShouldBeGreaterThanOrEqualTo(2 * BatchSize);
            stored.ShouldBeLessThan(Files, "the kill came after the last batch");
            (stored % BatchSize).ShouldBe(0, $"{stored} articles is not a whole number of {BatchSize}-article batches");
            foreach (var a in store.Enumerate())
            {
                a.SourceText.ShouldBe(File.ReadAllText(a.SourcePath));
                a.Text.ShouldStartWith("CITY (AP)");
                a.Text.ShouldEndWith(".");
                a.Map.ToSource(new Dossier.Core.TextSpan(0, 4)).ShouldBe(new Dossier.Core.TextSpan(a.SourceText.IndexOf("CITY", StringComparison.Ordinal), a.SourceText.IndexOf("CITY", StringComparison.Ordinal) + 4));
            }

            store.Search("quoted").Count.ShouldBe(Math.Min(stored, 20));
        }

        // When the same ingest runs again to the end
        var rerun = CliRunner.Run("ingest", input, "--db", db, "--json");

        // Then it adds exactly what was missing, and every file is stored once
        rerun.ExitCode.ShouldBe(0, rerun.Error);
        using var doc = System.Text.Json.JsonDocument.Parse(rerun.Out);
        doc.RootElement.GetProperty("added").GetInt32().ShouldBe(Files - stored);
        doc.RootElement.GetProperty("existing").GetInt32().ShouldBe(stored);
        using var final = StoreFactory.Open(db);
        final.Count().ShouldBe(Files);
        final.List().Select(i => i.SourcePath).Distinct().Count().ShouldBe(Files);
        IntegrityCheck(db).ShouldBe("ok");
    }

    private static long CountArticles(string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM articles";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created or migrated yet
        }
    }

    private static string IntegrityCheck(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        var result = (string)cmd.ExecuteScalar()!;
        cmd.CommandText = "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')";
        cmd.ExecuteNonQuery();
        return result;
    }
}
