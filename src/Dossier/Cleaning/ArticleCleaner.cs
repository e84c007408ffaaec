using System.Globalization;
using System.Text.RegularExpressions;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Cleaning;

/// <summary>
/// Turns a <see cref="RawDocument"/> into an <see cref="Article"/>: cleaned text with a map back to the
/// source text, and the metadata the text itself carries. Stateless and thread-safe.
/// </summary>
public sealed partial class ArticleCleaner
{
    public static ArticleCleaner Default { get; } = new();

    public Article Clean(RawDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var source = doc.SourceText;
        var start = 0;
        DateTimeOffset? published = doc.Published;
        var kind = published is null ? DateKind.Unknown : DateKind.Given;

        var header = DateHeader().Match(source);
        if (header.Success)
        {
            if (published is null && DateTime.TryParseExact(header.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            {
                published = new DateTimeOffset(d, TimeSpan.Zero);
                kind = DateKind.Given;
            }

            start = header.Length;
        }

        var b = new OffsetMap.Builder(source);
        var i = start;
        while (i < source.Length && char.IsWhiteSpace(source[i]))
        {
            i++;
        }

        b.Copy(i, source.Length - i);
        var (text, map) = b.Build();
        text = text.TrimEnd();

        return new Article
        {
            Id = ContentHash.Of(doc.RawInput),
            SourcePath = doc.SourcePath,
            Format = doc.Format,
            RawInput = doc.RawInput,
            SourceText = source,
            Text = text,
            Map = map,
            Title = doc.Title,
            Byline = doc.Byline,
            Url = doc.Url,
            Outlet = doc.Outlet,
            Published = published,
            PublishedKind = kind,
            Versions = [new ArticleVersion(0, new TextSpan(0, text.Length), null)],
            Paragraphs = [new TextSpan(0, text.Length)],
            Metadata = doc.Metadata,
        };
    }

    [GeneratedRegex(@"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex DateHeader();
}
