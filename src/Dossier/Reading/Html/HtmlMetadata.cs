using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Dossier.Reading.Html;

/// <summary>What a page states about itself in meta tags and JSON-LD.</summary>
internal sealed record HtmlMetadata(string? Title, string? Byline, DateTimeOffset? Published, string? SiteName, string? Url, string? Source)
{
    private static readonly string[] ArticleTypes =
        ["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "WebPage", "LiveBlogPosting", "OpinionNewsArticle"];

    public static HtmlMetadata From(IHtmlDocument doc)
    {
        var ld = JsonLd(doc);
        // One pass over the meta elements: property / name / itemprop -> content (first wins).
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in doc.GetElementsByTagName("meta"))
        {
            var content = m.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            foreach (var attr in (string[])["property", "name", "itemprop"])
            {
                if (m.GetAttribute(attr) is { Length: > 0 } key)
                {
                    metas.TryAdd(key, content);
                }
            }
        }

        string? Meta(params string[] keys)
        {
            foreach (var k in keys)
            {
                if (metas.TryGetValue(k, out var v))
                {
                    return HtmlText.Collapse(v);
                }
            }

            return null;
        }

        var title = ld.Title ?? Meta("og:title", "twitter:title", "dc.title", "DC.title");
        var byline = ld.Byline ?? Meta("author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author");
        if (byline is not null && byline.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            byline = null;
        }

        byline ??= VisibleByline(doc);
        var publishedText = ld.Published
            ?? Meta("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "publish-date", "dc.date.issued", "DC.date.issued", "date", "sailthru.date", "parsely-pub-date")
            ?? doc.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        var site = Meta("og:site_name", "application-name", "publisher") ?? ld.Publisher;
        var url = doc.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta("og:url");
        var source = ld.Title is not null || ld.Published is not null ? "json-ld" : "meta";
        return new HtmlMetadata(title, byline is null ? null : StripBy(byline), ParseDate(publishedText), site, url, source);
    }

    public static DateTimeOffset? ParseDate(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        return DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var d)
            ? d.ToUniversalTime()
            : null;
    }

    private static string StripBy(string s)
    {
        var t = s.Trim();
        return t.StartsWith("By ", StringComparison.OrdinalIgnoreCase) ? t[3..].Trim() : t;
    }

    private static string? VisibleByline(IHtmlDocument doc)
    {
        var e = doc.QuerySelector("[rel='author'], [itemprop='author'], .byline, .author-name, .author");
        var t = e is null ? null : HtmlText.Collapse(e.TextContent);
        return string.IsNullOrEmpty(t) || t.Length > 120 ? null : t;
    }

    private static (string? Title, string? Byline, string? Published, string? Publisher) JsonLd(IHtmlDocument doc)
    {
        foreach (var script in doc.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                foreach (var item in Items(json.RootElement))
                {
                    if (!IsArticle(item))
                    {
                        continue;
                    }

                    return (Str(item, "headline") ?? Str(item, "name"), Names(item, "author"), Str(item, "datePublished") ?? Str(item, "dateCreated"), Names(item, "publisher"));
                }
            }
            catch (JsonException)
            {
                // A broken JSON-LD block is ignored: the meta tags still count.
            }
        }

        return (null, null, null, null);
    }

    private static IEnumerable<JsonElement> Items(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                foreach (var y in Items(x))
                {
                    yield return y;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            yield return e;
            if (e.TryGetProperty("@graph", out var g))
            {
                foreach (var y in Items(g))
                {
                    yield return y;
                }
            }
        }
    }

    private static bool IsArticle(JsonElement e)
    {
        if (!e.TryGetProperty("@type", out var t))
        {
            return false;
        }

        return t.ValueKind switch
        {
            JsonValueKind.String => ArticleTypes.Contains(t.GetString(), StringComparer.Ordinal),
            JsonValueKind.Array => t.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.String && ArticleTypes.Contains(x.GetString(), StringComparer.Ordinal)),
            _ => false,
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? HtmlText.Collapse(v.GetString()!)
            : null;

    private static string? Names(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        var names = new List<string>();
        void Add(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.String)
            {
                names.Add(x.GetString()!);
            }
            else if (x.ValueKind == JsonValueKind.Object && Str(x, "name") is { } n)
            {
                names.Add(n);
            }
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in v.EnumerateArray())
            {
                Add(x);
            }
        }
        else
        {
            Add(v);
        }

        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
