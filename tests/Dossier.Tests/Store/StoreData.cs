using Dossier.Core;

namespace Dossier.Tests.Store;

/// <summary>Articles for store tests: small ones by text, and one with every field set.</summary>
internal static class StoreData
{
    public static Article Make(string text, string? id = null, string? title = null) => new()
    {
        Id = id ?? ContentHash.Of(text),
        SourcePath = "/in/" + (id ?? ContentHash.Of(text)) + ".txt",
        Format = SourceFormat.Text,
        RawInput = text,
        SourceText = text,
        Text = text,
        Map = OffsetMap.Identity(text.Length),
        Title = title ?? "Title of " + text[..Math.Min(12, text.Length)],
        Outlet = "AP",
        PublishedKind = DateKind.Unknown,
        Versions = [new ArticleVersion(0, new TextSpan(0, text.Length), null)],
    };

    /// <summary>An article with versions, captions, credits, metadata, a date and a map that drops a header.</summary>
    public static Article Full()
    {
        const string source = "date 2024-03-01\nSEOUL, South Korea (AP) — Rescuers searched «all night». Ünïcode ✓.\n\nTHIS IS BREAKING NEWS. Previous version of story below:\n\nSEOUL (AP) — A ferry sank.\n\nKim reported from Seoul.";
        var header = "date 2024-03-01\n".Length;
        var bodyEnd = source.IndexOf("\n\nKim reported", StringComparison.Ordinal);
        var (text, map) = new OffsetMap.Builder(source).Copy(header, bodyEnd - header).Build();
        var marker = text.IndexOf("THIS IS", StringComparison.Ordinal);
        var older = text.IndexOf("SEOUL (AP)", StringComparison.Ordinal);
        return new Article
        {
            Id = ContentHash.Of(source),
            SourcePath = "/data/seeds/001 ünï.txt",
            Format = SourceFormat.Html,
            RawInput = "<html><body>" + source + "</body></html>",
            SourceText = source,
            Text = text,
            Map = map,
            Title = "Ferry sinks — «rescue»",
            Byline = "By Jane Doe",
            Url = "https://example.com/ferry?x=1&y=2",
            Outlet = "AP",
            Dateline = "SEOUL, South Korea",
            Published = new DateTimeOffset(2024, 3, 1, 6, 30, 15, TimeSpan.FromHours(9)),
            PublishedKind = DateKind.Given,
            Contributors = ["Kim Tong-hyung", "Jane Doe"],
            CreditLines = ["Kim reported from Seoul."],
            Versions = [new ArticleVersion(0, new TextSpan(older, text.Length), "THIS IS BREAKING NEWS. Previous version of story below:"), new ArticleVersion(1, new TextSpan(0, marker), null)],
            Captions = [new TextSpan(0, 10), new TextSpan(20, 30)],
            Paragraphs = [new TextSpan(0, marker - 2), new TextSpan(older, text.Length)],
            Metadata = new Dictionary<string, string> { ["feed"] = "AP Top News", ["topics"] = "ferry;korea" },
        };
    }

    public static void ShouldEqual(Article actual, Article expected)
    {
        actual.Id.ShouldBe(expected.Id);
        actual.SourcePath.ShouldBe(expected.SourcePath);
        actual.Format.ShouldBe(expected.Format);
        actual.RawInput.ShouldBe(expected.RawInput);
        actual.SourceText.ShouldBe(expected.SourceText);
        actual.Text.ShouldBe(expected.Text);
        actual.Map.ToArray().ShouldBe(expected.Map.ToArray());
        actual.Title.ShouldBe(expected.Title);
        actual.Byline.ShouldBe(expected.Byline);
        actual.Url.ShouldBe(expected.Url);
        actual.Outlet.ShouldBe(expected.Outlet);
        actual.Dateline.ShouldBe(expected.Dateline);
        actual.Published.ShouldBe(expected.Published);
        actual.PublishedKind.ShouldBe(expected.PublishedKind);
        actual.Contributors.ShouldBe(expected.Contributors);
        actual.CreditLines.ShouldBe(expected.CreditLines);
        actual.Versions.ShouldBe(expected.Versions);
        actual.Captions.ShouldBe(expected.Captions);
        actual.Paragraphs.ShouldBe(expected.Paragraphs);
        actual.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).ShouldBe(expected.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }
}
