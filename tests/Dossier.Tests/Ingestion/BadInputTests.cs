using System.Text;
using System.Text.Json;
using Dossier.Ingestion;
using Dossier.Reading;
using Dossier.Store;
using Dossier.Tests.Support;

namespace Dossier.Tests.Ingestion;

public sealed class BadInputTests
{
    private const string Good1 = "date 2024-02-01 OSLO (AP) — The ferry left on time.\n\nPassengers cheered.";
    private const string Good2 = "BERGEN — The storm passed overnight without damage.";

    private static void WriteBadBatch(TempDir dir)
    {
        dir.Write("bad/binary.bin", new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x01 });
        dir.Write("bad/latin1.txt", new byte[] { 0x43, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x70, 0x65, 0x6E });
        dir.Write("bad/empty.txt", Array.Empty<byte>());
        dir.Write("bad/huge.txt", new string('x', 5000) + " words");
        dir.Write("bad/nobody.html", "<!DOCTYPE html><html><head><title>t</title></head><body><script>x()</script></body></html>");
        dir.Write("bad/broken.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>a");
        dir.Write("bad/lines.jsonl", "{\"text\":\"A good line about the harbour.\"}\n{not json}\n");
        dir.Write("bad/good3.txt", "TROMSO — Northern lights drew crowds.");
    }

    [Fact]
    public void Should_skip_bad_inputs_with_one_rejection_each_and_keep_stored_articles_intact()
    {
        // Given a store holding two good articles
        using var dir = new TempDir();
        dir.Write("good/one.txt", Good1);
        dir.Write("good/two.txt", Good2);
        var db = dir.File("store.db");
        var options = IngestOptions.Default with { Read = ReadOptions.Default with { MaxBytes = 4096 } };
        List<string> before;
        using (var store = StoreFactory.Open(db))
        {
            var first = new Ingestor(store, options).Ingest([dir.File("good")]);
            first.Added.ShouldBe(2);
            first.Rejections.ShouldBeEmpty();
            before = store.Enumerate().Select(a => JsonSerializer.Serialize(ArticleRow.From(a))).ToList();
        }

        // When a batch mixing every kind of bad input with good ones is ingested, plus an unreadable path
        WriteBadBatch(dir);
        IngestReport report;
        using (var store = StoreFactory.Open(db))
        {
            report = new Ingestor(store, options).Ingest([dir.File("bad"), dir.File("good"), dir.File("missing.txt")]);
        }

        // Then each bad input is one rejection naming it, the good ones are stored, old rows are unchanged
        var reasons = report.Rejections.ToDictionary(r => Path.GetFileName(r.Path), r => r.Reason);
        reasons["binary.bin"].ShouldBe(RejectionReason.Binary);
        reasons["latin1.txt"].ShouldBe(RejectionReason.InvalidUtf8);
        reasons["empty.txt"].ShouldBe(RejectionReason.Empty);
        reasons["huge.txt"].ShouldBe(RejectionReason.TooLarge);
        reasons["nobody.html"].ShouldBe(RejectionReason.MalformedHtml);
        reasons["broken.rss"].ShouldBe(RejectionReason.MalformedFeed);
        reasons["lines.jsonl:2"].ShouldBe(RejectionReason.MalformedJson);
        reasons["missing.txt"].ShouldBe(RejectionReason.Unreadable);
        report.Rejections.Count.ShouldBe(8);
        report.Added.ShouldBe(2, "good3.txt and the good JSON line");
        report.Existing.ShouldBe(2, "the two files already stored");
        using (var store = StoreFactory.Open(db))
        {
            store.Count().ShouldBe(4);
            var after = store.Enumerate().Take(2).Select(a => JsonSerializer.Serialize(ArticleRow.From(a))).ToList();
            after.ShouldBe(before);

            // And re-ingesting the same inputs is a no-op
            var again = new Ingestor(store, options).Ingest([dir.File("bad"), dir.File("good")]);
            again.Added.ShouldBe(0);
            again.Existing.ShouldBe(4);
            store.Count().ShouldBe(4);
        }
    }

    [Fact]
    public void Should_exit_2_with_one_line_per_skipped_input_and_3_when_nothing_is_read()
    {
        // Given a folder of bad inputs with one good file
        using var dir = new TempDir();
        WriteBadBatch(dir);
        var db = dir.File("cli.db");

        // When ingested through the CLI with a small size limit
        var mixed = CliRunner.Run("ingest", dir.File("bad"), "--db", db, "--max-size", "4096", "--json");

        // Then exit code 2, one stderr line per skipped input naming the file and the reason
        mixed.ExitCode.ShouldBe(2);
        var lines = mixed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(7);
        lines.ShouldContain(l => l.Contains("binary.bin: binary file", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("latin1.txt: invalid UTF-8 at byte 3", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("empty.txt: empty file", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("huge.txt: file of 5,006 bytes is over the size limit", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("nobody.html: HTML page with no body text", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("broken.rss: malformed feed", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("lines.jsonl:2: malformed JSON", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(mixed.Out);
        json.RootElement.GetProperty("added").GetInt32().ShouldBe(2);
        json.RootElement.GetProperty("rejected").GetArrayLength().ShouldBe(7);

        // And a batch with nothing readable exits 3; a clean batch exits 0
        CliRunner.Run("ingest", dir.File("bad/empty.txt"), dir.File("nope"), "--db", db).ExitCode.ShouldBe(3);
        CliRunner.Run("ingest", dir.File("bad/good3.txt"), "--db", db).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Should_read_standard_input_through_the_cli()
    {
        // Given text on standard input
        using var dir = new TempDir();
        var stdin = new MemoryStream(Encoding.UTF8.GetBytes("ROME — The museum reopened on Sunday."));

        // When "-" is ingested
        var r = CliRunner.RunWithInput(stdin, "ingest", "-", "--db", dir.File("s.db"), "--json");

        // Then one article is stored from "-"
        r.ExitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(r.Out);
        json.RootElement.GetProperty("added").GetInt32().ShouldBe(1);
    }
}
