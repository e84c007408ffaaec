using System.Globalization;
using System.Net;
using System.Text;
using Dossier.Core;

namespace Dossier.Reading;

/// <summary>
/// Reuters-21578 SGML files: each <c>REUTERS</c> element is one article. NEWID is its external id, DATE its
/// publication time, TITLE its title, DATELINE + BODY its source text (entities such as <c>&amp;lt;</c> and
/// <c>&amp;#3;</c> decoded; control characters are dropped by cleaning). Lines are hard-wrapped: a paragraph starts
/// on an indented line. The files are ISO-8859-1 where not ASCII (see <see cref="InputLoader"/>).
/// The SGML is scanned element by element (it is not XML: it holds control-character entities).
/// </summary>
public sealed class ReutersReader : IArticleReader
{
    private static readonly string[] DateFormats = ["d-MMM-yyyy HH:mm:ss.ff", "d-MMM-yyyy HH:mm:ss", "dd-MMM-yyyy HH:mm:ss.ff"];

    public string Name => "reuters";

    public bool CanRead(string path, string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return string.Equals(Path.GetExtension(path), ".sgm", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<REUTERS", StringComparison.Ordinal);
    }

    public IEnumerable<ReadResult> Read(InputText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var pos = 0;
        var found = 0;
        while (true)
        {
            var start = text.IndexOf("<REUTERS", pos, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = text.IndexOf("</REUTERS>", start, StringComparison.Ordinal);
            if (end < 0)
            {
                yield return ReadResult.Fail($"{input.Path}@{start}", RejectionReason.MalformedSgml, "REUTERS element without its end tag");
                break;
            }

            end += "</REUTERS>".Length;
            found++;
            yield return ReadElement(input.Path, text[start..end]);
            pos = end;
        }

        if (found == 0)
        {
            yield return ReadResult.Fail(input.Path, RejectionReason.MalformedSgml, "no REUTERS element in an SGML file");
        }
    }

    private static ReadResult ReadElement(string path, string element)
    {
        var openEnd = element.IndexOf('>', StringComparison.Ordinal);
        var newId = Attribute(element.AsSpan(0, openEnd), "NEWID");
        var where = newId is null ? path : $"{path}#{newId}";
        var title = Decode(Inner(element, "TITLE"));
        var dateline = Decode(Inner(element, "DATELINE"));
        var body = Decode(Inner(element, "BODY"));
        if (string.IsNullOrWhiteSpace(body))
        {
            // BRIEF items carry only a headline; UNPROC items carry raw text directly in TEXT.
            var raw = Inner(element, "TEXT");
            body = raw is not null && !raw.Contains("<TITLE>", StringComparison.Ordinal) ? Decode(raw) : title;
            dateline = string.IsNullOrWhiteSpace(body) || body == title ? null : dateline;
        }

        if (body is null || !body.Any(char.IsLetter))
        {
            return ReadResult.Fail(where, RejectionReason.NoText, "REUTERS element with neither body nor title");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (newId is not null)
        {
            metadata["newid"] = newId;
        }

        foreach (var list in (string[])["TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES"])
        {
            var inner = Inner(element, list);
            if (!string.IsNullOrEmpty(inner))
            {
                var items = Items(inner);
                if (items.Count > 0)
                {
                    metadata[list.ToLowerInvariant()] = string.Join(',', items);
                }
            }
        }

        var dateText = Inner(element, "DATE")?.Trim();
        DateTimeOffset? published = null;
        if (dateText is not null)
        {
            var t = dateText.Length > 23 ? dateText[..23] : dateText;
            if (DateTime.TryParseExact(t.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            {
                published = new DateTimeOffset(d, TimeSpan.Zero);
            }
        }

        return ReadResult.Ok(new RawDocument
        {
            SourcePath = where,
            Format = SourceFormat.Reuters,
            RawInput = element,
            SourceText = (dateline ?? string.Empty) + body,
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            Outlet = "Reuters",
            Published = published,
            ExternalId = newId,
            HardWrapped = true,
            Metadata = metadata,
        });
    }

    private static string? Inner(string element, string tag)
    {
        var open = element.IndexOf("<" + tag, StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var gt = element.IndexOf('>', open);
        var close = element.IndexOf("</" + tag + ">", gt + 1, StringComparison.Ordinal);
        return gt < 0 || close < 0 ? null : element[(gt + 1)..close];
    }

    private static List<string> Items(string inner)
    {
        var items = new List<string>();
        var pos = 0;
        while ((pos = inner.IndexOf("<D>", pos, StringComparison.Ordinal)) >= 0)
        {
            var end = inner.IndexOf("</D>", pos, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            items.Add(WebUtility.HtmlDecode(inner[(pos + 3)..end]));
            pos = end + 4;
        }

        return items;
    }

    private static string? Attribute(ReadOnlySpan<char> open, string name)
    {
        var key = name + "=\"";
        var i = open.IndexOf(key, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        var rest = open[(i + key.Length)..];
        var q = rest.IndexOf('"');
        return q < 0 ? null : rest[..q].ToString();
    }

    /// <summary>Decodes SGML character entities (&amp;lt; &amp;amp; &amp;#3;...).</summary>
    internal static string? Decode(string? s)
    {
        if (s is null)
        {
            return null;
        }

        if (s.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var amp = s.IndexOf('&', i);
            if (amp < 0)
            {
                sb.Append(s, i, s.Length - i);
                break;
            }

            sb.Append(s, i, amp - i);
            var semi = s.IndexOf(';', amp);
            if (semi > amp && semi - amp <= 10)
            {
                var decoded = WebUtility.HtmlDecode(s.Substring(amp, semi - amp + 1));
                if (!decoded.StartsWith('&') || semi - amp == 4)
                {
                    sb.Append(decoded);
                    i = semi + 1;
                    continue;
                }
            }

            sb.Append('&');
            i = amp + 1;
        }

        return sb.ToString();
    }
}
