using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Core;

namespace Dossier.Store;

/// <summary>The flat row every backend stores for an article; lists travel as one JSON column.</summary>
public sealed class ArticleRow
{
    public string Id { get; set; } = "";

    public long Seq { get; set; }

    public string SourcePath { get; set; } = "";

    public string Format { get; set; } = "";

    public string RawInput { get; set; } = "";

    public string SourceText { get; set; } = "";

    public string Text { get; set; } = "";

    public byte[] Map { get; set; } = [];

    public string? Title { get; set; }

    public string? Byline { get; set; }

    public string? Url { get; set; }

    public string? Outlet { get; set; }

    public string? Dateline { get; set; }

    public string? Published { get; set; }

    public string PublishedKind { get; set; } = "";

    public string Extras { get; set; } = "{}";

    public static ArticleRow From(Article a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var extras = new ExtrasDto
        {
            Contributors = a.Contributors,
            CreditLines = a.CreditLines,
            Versions = a.Versions.Select(v => new VersionDto(v.Index, v.Span.Start, v.Span.End, v.Marker)).ToList(),
            Captions = a.Captions.Select(s => new[] { s.Start, s.End }).ToList(),
            Paragraphs = a.Paragraphs.Select(s => new[] { s.Start, s.End }).ToList(),
            Metadata = a.Metadata,
        };
        return new ArticleRow
        {
            Id = a.Id,
            SourcePath = a.SourcePath,
            Format = a.Format.ToString(),
            RawInput = a.RawInput,
            SourceText = a.SourceText,
            Text = a.Text,
            Map = MemoryMarshal.AsBytes(a.Map.ToArray().AsSpan()).ToArray(),
            Title = a.Title,
            Byline = a.Byline,
            Url = a.Url,
            Outlet = a.Outlet,
            Dateline = a.Dateline,
            Published = a.Published?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            PublishedKind = a.PublishedKind.ToString(),
            Extras = JsonSerializer.Serialize(extras, StoreJson.Default.ExtrasDto),
        };
    }

    public Article ToArticle()
    {
        var extras = JsonSerializer.Deserialize(Extras, StoreJson.Default.ExtrasDto) ?? new ExtrasDto();
        return new Article
        {
            Id = Id,
            SourcePath = SourcePath,
            Format = Enum.Parse<SourceFormat>(Format),
            RawInput = RawInput,
            SourceText = SourceText,
            Text = Text,
            Map = OffsetMap.FromArray(MemoryMarshal.Cast<byte, int>(Map.AsSpan()).ToArray()),
            Title = Title,
            Byline = Byline,
            Url = Url,
            Outlet = Outlet,
            Dateline = Dateline,
            Published = ParseDate(Published),
            PublishedKind = Enum.Parse<DateKind>(PublishedKind),
            Contributors = extras.Contributors ?? [],
            CreditLines = extras.CreditLines ?? [],
            Versions = extras.Versions?.Select(v => new ArticleVersion(v.Index, new TextSpan(v.Start, v.End), v.Marker)).ToList() ?? [],
            Captions = extras.Captions?.Select(s => new TextSpan(s[0], s[1])).ToList() ?? [],
            Paragraphs = extras.Paragraphs?.Select(s => new TextSpan(s[0], s[1])).ToList() ?? [],
            Metadata = extras.Metadata ?? new Dictionary<string, string>(),
        };
    }

    public ArticleInfo ToInfo() => new(
        Id, SourcePath, Enum.Parse<SourceFormat>(Format), Outlet, ParseDate(Published), Enum.Parse<DateKind>(PublishedKind), Dateline, Title, Text.Length, Seq);

    internal static DateTimeOffset? ParseDate(string? s) =>
        s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal sealed class ExtrasDto
    {
        public IReadOnlyList<string>? Contributors { get; set; }

        public IReadOnlyList<string>? CreditLines { get; set; }

        public List<VersionDto>? Versions { get; set; }

        public List<int[]>? Captions { get; set; }

        public List<int[]>? Paragraphs { get; set; }

        public IReadOnlyDictionary<string, string>? Metadata { get; set; }
    }

    internal sealed record VersionDto(int Index, int Start, int End, string? Marker);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArticleRow.ExtrasDto))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
