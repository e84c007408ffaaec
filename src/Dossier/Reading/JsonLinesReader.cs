using System.Globalization;
using System.Text.Json;
using Dossier.Core;
using Dossier.Reading.Html;

namespace Dossier.Reading;

/// <summary>
/// JSON Lines: one article per line with fields <c>id, url, title, source, published, text</c> (only <c>text</c> is
/// required). A bad line is one rejection naming <c>file:line</c>; the other lines are still read.
/// </summary>
public sealed class JsonLinesReader : IArticleReader
{
    private static readonly string[] Extensions = [".jsonl", ".ndjson", ".jsonlines"];

    public string Name => "jsonl";

    public bool CanRead(string path, string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
            || (head.TrimStart().StartsWith('{') && head.Contains("\"text\"", StringComparison.Ordinal));
    }

    public IEnumerable<ReadResult> Read(InputText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var lineNo = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            var line = text[pos..end].TrimEnd('\r');
            pos = end + 1;
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ReadLine(input.Path, lineNo, line);
        }
    }

    private static ReadResult ReadLine(string path, int lineNo, string line)
    {
        var where = $"{path}:{lineNo}";
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ReadResult.Fail(where, RejectionReason.MalformedJson, "JSON line is not an object");
            }

            var text = Str(root, "text");
            if (text is null || !text.Any(char.IsLetter))
            {
                return ReadResult.Fail(where, RejectionReason.MalformedJson, "JSON line has no \"text\"");
            }

            DateTimeOffset? published = null;
            var publishedText = Str(root, "published");
            if (publishedText is not null)
            {
                published = HtmlMetadata.ParseDate(publishedText);
                if (published is null)
                {
                    return ReadResult.Fail(where, RejectionReason.MalformedJson, $"\"published\" is not a date: '{publishedText}'");
                }
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["line"] = lineNo.ToString(CultureInfo.InvariantCulture) };
            var id = Str(root, "id");
            if (id is not null)
            {
                metadata["external_id"] = id;
            }

            return ReadResult.Ok(new RawDocument
            {
                SourcePath = $"{path}#{lineNo}",
                Format = SourceFormat.JsonLines,
                RawInput = line,
                SourceText = text,
                Title = Str(root, "title"),
                Url = Str(root, "url"),
                Outlet = Str(root, "source"),
                Published = published,
                ExternalId = id,
                Metadata = metadata,
            });
        }
        catch (JsonException e)
        {
            return ReadResult.Fail(where, RejectionReason.MalformedJson, $"malformed JSON: {FirstSentence(e.Message)}");
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(v.GetString()) => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string FirstSentence(string m)
    {
        var i = m.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? m : m[..(i + 1)];
    }
}
