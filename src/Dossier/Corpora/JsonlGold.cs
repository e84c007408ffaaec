using System.Globalization;
using System.Text.Json;
using Dossier.Core;

namespace Dossier.Corpora;

/// <summary>One labelled article of a JSON Lines gold file.</summary>
public sealed record JsonlGoldItem(Article Article, string Story);

/// <summary>
/// Reads a JSON Lines file of labelled articles, one object a line: <c>text</c> (required), <c>story</c> (required
/// gold label, string or number), and optionally <c>id</c>, <c>title</c>, <c>published</c> (ISO 8601),
/// <c>outlet</c>, <c>url</c>. Lines without an id get "line-N".
/// </summary>
public static class JsonlGoldReader
{
    public static IReadOnlyList<JsonlGoldItem> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DossierException($"Gold file '{path}' does not exist.");
        }

        var items = new List<JsonlGoldItem>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new DossierException($"Gold file '{path}' line {n}: not JSON ({e.Message}).", e);
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DossierException($"Gold file '{path}' line {n}: expected a JSON object.");
                }

                var text = Str(root, "text") ?? Str(root, "body");
                var story = Str(root, "story");
                if (text is null || story is null)
                {
                    throw new DossierException($"Gold file '{path}' line {n}: needs a \"text\" and a \"story\" field.");
                }

                var id = Str(root, "id") ?? "line-" + n.ToString(CultureInfo.InvariantCulture);
                DateTimeOffset? published = DateTimeOffset.TryParse(Str(root, "published") ?? Str(root, "date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
                var article = new Article
                {
                    Id = id,
                    SourcePath = path + ":" + n.ToString(CultureInfo.InvariantCulture),
                    Format = SourceFormat.JsonLines,
                    RawInput = line,
                    SourceText = text,
                    Text = text,
                    Map = OffsetMap.Identity(text.Length),
                    Title = Str(root, "title"),
                    Outlet = Str(root, "outlet") ?? Str(root, "source"),
                    Url = Str(root, "url"),
                    Published = published,
                    PublishedKind = published is null ? DateKind.Unknown : DateKind.Given,
                };
                items.Add(new JsonlGoldItem(article, story));
            }
        }

        return items;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
