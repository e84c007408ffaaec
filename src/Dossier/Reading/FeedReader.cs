using System.Globalization;
using Dossier.Core;
using Dossier.Reading.Html;

namespace Dossier.Reading;

/// <summary>
/// RSS 2.0 and Atom feed files (CodeHollow.FeedReader): one article per item with its content (or, failing that,
/// its summary), HTML stripped to paragraphs; the item date as publication time; the feed title as outlet.
/// </summary>
public sealed class FeedReader : IArticleReader
{
    private static readonly string[] Extensions = [".rss", ".atom", ".xml", ".rdf"];

    public string Name => "feed";

    public bool CanRead(string path, string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var t = head.TrimStart();
        var xml = t.StartsWith('<');
        var looksLikeFeed = xml && (head.Contains("<rss", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase));
        return looksLikeFeed || (Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase) && !head.Contains("<html", StringComparison.OrdinalIgnoreCase));
    }

    public IEnumerable<ReadResult> Read(InputText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CodeHollow.FeedReader.Feed feed;
        string? error = null;
        try
        {
            feed = CodeHollow.FeedReader.FeedReader.ReadFromString(input.Text);
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            feed = null!;
            error = e.Message;
        }

        if (error is not null || feed.Type == CodeHollow.FeedReader.FeedType.Unknown)
        {
            yield return ReadResult.Fail(input.Path, RejectionReason.MalformedFeed, $"malformed feed: {error ?? "neither RSS nor Atom"}");
            yield break;
        }

        var items = feed.Items?.ToList() ?? [];
        if (items.Count == 0)
        {
            yield return ReadResult.Fail(input.Path, RejectionReason.MalformedFeed, "feed has no items");
            yield break;
        }

        var outlet = string.IsNullOrWhiteSpace(feed.Title) ? null : HtmlText.Collapse(feed.Title);
        var n = 0;
        foreach (var item in items)
        {
            n++;
            var path = $"{input.Path}#{n}";
            var html = !string.IsNullOrWhiteSpace(item.Content) ? item.Content : item.Description;
            var text = string.IsNullOrWhiteSpace(html) ? string.Empty : HtmlText.FragmentToText(html);
            if (!text.Any(char.IsLetter))
            {
                yield return ReadResult.Fail(path, RejectionReason.NoText, "feed item has neither content nor summary");
                continue;
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["feed_type"] = feed.Type.ToString(),
                ["feed_item"] = n.ToString(CultureInfo.InvariantCulture),
                ["feed_text"] = !string.IsNullOrWhiteSpace(item.Content) ? "content" : "summary",
            };
            if (outlet is not null)
            {
                metadata["feed_title"] = outlet;
            }

            yield return ReadResult.Ok(new RawDocument
            {
                SourcePath = path,
                Format = SourceFormat.Feed,
                RawInput = item.SpecificItem?.Element?.ToString() ?? html ?? text,
                SourceText = text,
                Title = string.IsNullOrWhiteSpace(item.Title) ? null : HtmlText.FragmentToText(item.Title),
                Byline = Author(item),
                Url = string.IsNullOrWhiteSpace(item.Link) ? null : item.Link.Trim(),
                Outlet = outlet,
                Published = Date(item),
                ExternalId = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id,
                Metadata = metadata,
            });
        }
    }

    /// <summary>The item's author: RSS &lt;author&gt; or Atom &lt;author&gt;, else Dublin Core &lt;dc:creator&gt;.</summary>
    private static string? Author(CodeHollow.FeedReader.FeedItem item)
    {
        var author = item.Author;
        if (string.IsNullOrWhiteSpace(author))
        {
            author = item.SpecificItem?.Element?.Elements()
                .FirstOrDefault(e => e.Name.LocalName == "creator" && e.Name.NamespaceName == DublinCore)?.Value;
        }

        return string.IsNullOrWhiteSpace(author) ? null : HtmlText.Collapse(author);
    }

    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    private static DateTimeOffset? Date(CodeHollow.FeedReader.FeedItem item)
    {
        if (HtmlMetadata.ParseDate(item.PublishingDateString) is { } d)
        {
            return d;
        }

        return item.PublishingDate is { } p ? HtmlReader.ToUtc(p) : null;
    }
}
