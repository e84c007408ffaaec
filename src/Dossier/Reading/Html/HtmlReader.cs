using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dossier.Core;

namespace Dossier.Reading.Html;

/// <summary>
/// HTML news pages. AngleSharp parses the page once; title, byline, publication time, site and canonical URL come
/// from JSON-LD and meta tags; page furniture (share bars, related links, newsletter boxes, ads, figures, copyright
/// lines: <c>Reading/Data/boilerplate.json</c>) is removed; SmartReader picks the main text from what is left, and
/// its paragraphs become <see cref="RawDocument.SourceText"/> (blank-line separated).
/// </summary>
public sealed class HtmlReader : IArticleReader
{
    private static readonly string[] Extensions = [".html", ".htm", ".xhtml", ".shtml"];

    private readonly BoilerplateRules _rules;

    public HtmlReader(BoilerplateRules? rules = null)
    {
        _rules = rules ?? BoilerplateRules.Default;
    }

    public string Name => "html";

    public bool CanRead(string path, string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var t = head.TrimStart();
        return t.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (t.StartsWith('<') && head.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }

    public IEnumerable<ReadResult> Read(InputText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        yield return ReadPage(input.Path, input.Text);
    }

    /// <summary>Reads one page (also used for the extraction scorer).</summary>
    public ReadResult ReadPage(string path, string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var doc = new HtmlParser().ParseDocument(html);
        var meta = HtmlMetadata.From(doc);
        var visibleTitle = doc.QuerySelector("h1")?.TextContent is { } h1 ? HtmlText.Collapse(h1) : null;
        RemoveBoilerplate(doc);

        var url = meta.Url is { } u && Uri.TryCreate(u, UriKind.Absolute, out _) ? u : "https://localhost/" + Uri.EscapeDataString(Path.GetFileName(path));
        List<string>? paragraphs = null;
        SmartReader.Article? article = null;
        try
        {
            using var reader = new SmartReader.Reader(url, doc) { Debug = false, Logging = SmartReader.ReportLevel.Issue, DisableJSONLD = true };
            reader.AddCustomOperationEnd(e => paragraphs = HtmlText.Paragraphs(e));
            article = reader.GetArticle();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            paragraphs = null;
        }

        if (paragraphs is null || paragraphs.Count == 0)
        {
            // SmartReader found no candidate (a short page): take the article, main or body element as it is.
            INode? root = doc.QuerySelector("article") ?? doc.QuerySelector("main") ?? (INode?)doc.Body;
            paragraphs = root is null ? [] : HtmlText.Paragraphs(root);
        }

        var title = meta.Title ?? NullIfEmpty(article?.Title) ?? visibleTitle ?? NullIfEmpty(doc.Title);
        var byline = meta.Byline ?? NullIfEmpty(article?.Byline) ?? NullIfEmpty(article?.Author);
        var kept = paragraphs.Where(p => !_rules.IsBoilerplateParagraph(p) && !IsTitleOrByline(p, title, byline)).ToList();
        if (!kept.Any(p => p.Any(char.IsLetter)))
        {
            return ReadResult.Fail(path, RejectionReason.MalformedHtml, "HTML page with no body text (malformed or not an article)");
        }

        var published = meta.Published ?? ToUtc(article?.PublicationDate);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["html_metadata"] = meta.Source ?? "meta" };
        if (meta.Published is null && published is not null)
        {
            metadata["published_from"] = "smartreader";
        }

        var site = meta.SiteName ?? NullIfEmpty(article?.SiteName);
        var text = string.Join("\n\n", kept);
        return ReadResult.Ok(new RawDocument
        {
            SourcePath = path,
            Format = SourceFormat.Html,
            RawInput = html,
            SourceText = text,
            Title = title,
            Byline = byline,
            Url = meta.Url,
            Outlet = site,
            Published = published,
            Metadata = metadata,
        });
    }

    /// <summary>SmartReader reports dates in local time; Dossier keeps UTC.</summary>
    internal static DateTimeOffset? ToUtc(DateTime? d) => d switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } u => new DateTimeOffset(u, TimeSpan.Zero),
        { } l => new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Local)).ToUniversalTime(),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : HtmlText.Collapse(s);

    private static bool IsTitleOrByline(string p, string? title, string? byline) =>
        (title is not null && string.Equals(p, title, StringComparison.Ordinal))
        || (byline is not null && p.Length < 200 && (string.Equals(p, byline, StringComparison.OrdinalIgnoreCase) || string.Equals(p, "By " + byline, StringComparison.OrdinalIgnoreCase)));

    private void RemoveBoilerplate(IHtmlDocument doc)
    {
        var body = doc.Body;
        if (body is null)
        {
            return;
        }

        var total = Math.Max(1, body.TextContent.Length);
        var limit = _rules.MaxRemovedShare * total;
        foreach (var e in body.QuerySelectorAll("*").ToList())
        {
            if (e.Parent is null || !_rules.IsBoilerplateElement(e))
            {
                continue;
            }

            if (!_rules.IsRemovedTag(e.LocalName) && e.TextContent.Length >= limit)
            {
                continue;
            }

            e.Remove();
        }
    }
}
