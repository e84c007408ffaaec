using System.Text;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Tests.Support;

namespace Dossier.Tests.Reading;

public sealed class FormatReaderTests
{
    private const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel>
          <title>Valley Times</title>
          <link>https://valley.example/</link>
          <item>
            <title>Council approves tram line</title>
            <link>https://valley.example/tram</link>
            <guid>tram-1</guid>
            <pubDate>Tue, 11 Jun 2024 18:05:00 +0200</pubDate>
            <description>Short summary.</description>
            <content:encoded><![CDATA[<p>The council voted 23 to 14 on Tuesday.</p><p>Work starts in <b>spring</b>.</p>]]></content:encoded>
          </item>
          <item>
            <title>Bus fares frozen</title>
            <pubDate>Wed, 12 Jun 2024 08:00:00 GMT</pubDate>
            <description>&lt;p&gt;Bus fares will stay the same in 2025, the city said.&lt;/p&gt;</description>
          </item>
        </channel>
        </rss>
        """;

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Northern Ledger</title>
          <id>urn:ledger</id>
          <updated>2024-09-12T21:40:00+02:00</updated>
          <entry>
            <title>Budget talks stall</title>
            <id>urn:ledger:1</id>
            <link href="https://ledger.example/budget"/>
            <published>2024-09-12T21:40:00+02:00</published>
            <updated>2024-09-12T21:40:00+02:00</updated>
            <author><name>Petra Holm</name></author>
            <content type="html">&lt;p&gt;Coalition partners failed to agree on the budget.&lt;/p&gt;</content>
          </entry>
        </feed>
        """;

    [Fact]
    public void Should_read_rss_items_with_content_or_summary_and_the_feed_title_as_outlet()
    {
        // Given an RSS 2.0 feed with one content:encoded item and one summary-only item
        var input = new InputText("news.rss", Rss);

        // When read through the registry and cleaned
        var docs = ReaderRegistry.Default.Read(input).ToList();
        var articles = docs.Select(d => ArticleCleaner.Default.Clean(d.Document!)).ToList();

        // Then each item is an article, HTML stripped, with its date in UTC and the feed as outlet
        ReaderRegistry.Default.Pick("news.rss", Rss).Name.ShouldBe("feed");
        articles.Count.ShouldBe(2);
        articles[0].Text.ShouldBe("The council voted 23 to 14 on Tuesday.\n\nWork starts in spring.");
        articles[0].Title.ShouldBe("Council approves tram line");
        articles[0].Published.ShouldBe(new DateTimeOffset(2024, 6, 11, 16, 5, 0, TimeSpan.Zero));
        articles[0].Outlet.ShouldBe("Valley Times");
        articles[0].SourcePath.ShouldBe("news.rss#1");
        articles[0].Format.ShouldBe(SourceFormat.Feed);
        articles[1].Text.ShouldBe("Bus fares will stay the same in 2025, the city said.");
        articles[1].Metadata["feed_text"].ShouldBe("summary");
    }

    [Fact]
    public void Should_read_atom_entries()
    {
        // Given an Atom feed
        var docs = ReaderRegistry.Default.Read(new InputText("ledger.atom", Atom)).ToList();

        // Then its entry is read with author, link and date
        docs.Count.ShouldBe(1);
        var d = docs[0].Document!;
        d.SourceText.ShouldBe("Coalition partners failed to agree on the budget.");
        d.Byline.ShouldBe("Petra Holm");
        d.Url.ShouldBe("https://ledger.example/budget");
        d.Outlet.ShouldBe("Northern Ledger");
        d.Published.ShouldBe(new DateTimeOffset(2024, 9, 12, 19, 40, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Should_reject_a_malformed_feed_in_one_line()
    {
        // Given a truncated RSS file
        var docs = ReaderRegistry.Default.Read(new InputText("broken.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>X</title><item><title>a")).ToList();

        // Then one rejection names the file
        docs.Count.ShouldBe(1);
        docs[0].Rejection!.Reason.ShouldBe(RejectionReason.MalformedFeed);
        docs[0].Rejection!.ToString().ShouldStartWith("broken.rss: malformed feed");
    }

    [Fact]
    public void Should_read_json_lines_and_reject_only_the_bad_line()
    {
        // Given three lines, the second broken
        var text = """
            {"id":"a1","url":"https://x.example/a","title":"A","source":"Example Wire","published":"2024-01-02T03:04:05Z","text":"First article text."}
            {"id":"a2","text": "unterminated
            {"id":"a3","text":"Third article text.","published":"2024-01-03"}
            """;

        // When read
        var results = ReaderRegistry.Default.Read(new InputText("batch.jsonl", text)).ToList();

        // Then two articles and one rejection naming file:line
        results.Count.ShouldBe(3);
        results[0].Document!.Title.ShouldBe("A");
        results[0].Document!.Outlet.ShouldBe("Example Wire");
        results[0].Document!.ExternalId.ShouldBe("a1");
        results[0].Document!.Published.ShouldBe(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        results[0].Document!.RawInput.ShouldStartWith("{\"id\":\"a1\"");
        results[1].Rejection!.Path.ShouldBe("batch.jsonl:2");
        results[1].Rejection!.Reason.ShouldBe(RejectionReason.MalformedJson);
        results[2].Document!.SourceText.ShouldBe("Third article text.");
        results[2].Document!.SourcePath.ShouldBe("batch.jsonl#3");
    }

    [Fact]
    public void Should_reject_a_json_line_without_text()
    {
        var results = new JsonLinesReader().Read(new InputText("x.jsonl", "{\"id\":\"1\",\"title\":\"no body\"}")).ToList();
        results.Single().Rejection!.ToString().ShouldBe("x.jsonl:1: JSON line has no \"text\"");
    }

    [Fact]
    public void Should_read_reuters_sgml_elements_with_entities_decoded()
    {
        // Given one Reuters-21578 element with entities and control-character entities
        var sgml = """
            <!DOCTYPE lewis SYSTEM "lewis.dtd">
            <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="7">
            <DATE>26-FEB-1987 15:01:01.79</DATE>
            <TOPICS><D>cocoa</D></TOPICS>
            <PLACES><D>el-salvador</D><D>usa</D></PLACES>
            <TEXT>&#2;
            <TITLE>BAHIA &lt;COCOA> REVIEW</TITLE>
            <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
            the Bahia cocoa zone, &lt;Comissaria Smith> said.
                Arrivals were 155,221 bags.
             Reuter
            &#3;</BODY></TEXT>
            </REUTERS>
            """;

        // When read and cleaned
        var doc = ReaderRegistry.Default.Read(new InputText("reut2-x.sgm", sgml)).Single().Document!;
        var a = ArticleCleaner.Default.Clean(doc);

        // Then it is one article with NEWID, date, title, dateline, unwrapped paragraphs and the signature moved out
        doc.ExternalId.ShouldBe("7");
        doc.SourcePath.ShouldBe("reut2-x.sgm#7");
        a.Title.ShouldBe("BAHIA <COCOA> REVIEW");
        a.Published.ShouldBe(new DateTimeOffset(1987, 2, 26, 15, 1, 1, TimeSpan.Zero).AddMilliseconds(790));
        a.Outlet.ShouldBe("Reuters");
        a.Dateline.ShouldBe("SALVADOR");
        a.Text.ShouldBe("SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, <Comissaria Smith> said.\n\nArrivals were 155,221 bags.");
        a.CreditLines.ShouldBe(["Reuter"]);
        a.Metadata["topics"].ShouldBe("cocoa");
        a.Metadata["places"].ShouldBe("el-salvador,usa");
    }

    [SharedFact("data/reuters21578")]
    public void Should_read_the_whole_reuters_corpus_including_its_latin1_file()
    {
        // Given the corpus file with ISO-8859-1 bytes
        var path = Path.Combine(Repo.Data("reuters21578"), "reut2-017.sgm");

        // When loaded and read
        var (input, rejection) = InputLoader.Load(path);
        rejection.ShouldBeNull();
        var results = ReaderRegistry.Default.Read(input!).ToList();

        // Then all 1,000 elements are articles
        results.Count(r => r.Document is not null).ShouldBe(1000);
        input!.Text.ShouldContain("ü");
    }

    [Fact]
    public void Should_keep_plain_text_last_as_the_fallback()
    {
        ReaderRegistry.Default.Readers[^1].Name.ShouldBe("text");
        ReaderRegistry.Default.Readers.Select(r => r.Name).ShouldBe(["reuters", "feed", "html", "jsonl", "text"]);
        ReaderRegistry.Default.Pick("notes.txt", "Some words.").Name.ShouldBe("text");
        ReaderRegistry.Default.Pick("page", "<!DOCTYPE html><html><body>x</body></html>").Name.ShouldBe("html");
        ReaderRegistry.Default.Pick("-", "{\"text\":\"x\"}").Name.ShouldBe("jsonl");
    }

    [Fact]
    public void Should_expand_folders_recursively_globs_and_stdin()
    {
        // Given a nested folder
        using var dir = new TempDir();
        dir.Write("a.txt", "one");
        dir.Write("sub/b.txt", "two");
        dir.Write("sub/deeper/c.html", "<html></html>");
        dir.Write("sub/.hidden", "x");

        // When expanded
        var folder = InputLoader.Expand([dir.Path]).Select(e => Path.GetRelativePath(dir.Path, e.Path)).ToList();
        var glob = InputLoader.Expand([Path.Combine(dir.Path, "sub", "*.txt")]).Select(e => Path.GetFileName(e.Path)).ToList();
        var deep = InputLoader.Expand([Path.Combine(dir.Path, "**", "*.html")]).Select(e => Path.GetFileName(e.Path)).ToList();
        var none = InputLoader.Expand([Path.Combine(dir.Path, "*.xyz")]).Single();
        var stdin = InputLoader.Expand(["-"]).Single();

        // Then folders are walked recursively (hidden files skipped), globs match, "-" is standard input
        folder.ShouldBe(["a.txt", Path.Combine("sub", "b.txt"), Path.Combine("sub", "deeper", "c.html")]);
        glob.ShouldBe(["b.txt"]);
        deep.ShouldBe(["c.html"]);
        none.Rejection!.Reason.ShouldBe(RejectionReason.Unreadable);
        stdin.Path.ShouldBe("-");
        var (input, _) = InputLoader.Load("-", null, new MemoryStream(Encoding.UTF8.GetBytes("from stdin")));
        input!.Text.ShouldBe("from stdin");
    }

    [Fact]
    public void Should_reject_bad_bytes_with_a_typed_reason()
    {
        InputLoader.Decode("e.txt", []).Rejection!.Reason.ShouldBe(RejectionReason.Empty);
        InputLoader.Decode("w.txt", "  \n\t "u8).Rejection!.Reason.ShouldBe(RejectionReason.Empty);
        InputLoader.Decode("b.bin", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x01 }).Rejection!.Reason.ShouldBe(RejectionReason.Binary);
        InputLoader.Decode("l.txt", new byte[] { 0x61, 0xFC, 0x62 }).Rejection!.ToString().ShouldBe("l.txt: invalid UTF-8 at byte 1");
        InputLoader.Decode("u.txt", new byte[] { 0xFF, 0xFE, 0x61, 0x00 }).Rejection!.Reason.ShouldBe(RejectionReason.InvalidUtf8);
        InputLoader.Decode("big.txt", new byte[100], ReadOptions.Default with { MaxBytes = 10 }).Rejection!.Reason.ShouldBe(RejectionReason.TooLarge);
        InputLoader.Decode("ok.txt", "\uFEFFhello"u8).Input!.Text.ShouldBe("\uFEFFhello".TrimStart('\uFEFF'));
    }
}
