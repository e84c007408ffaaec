using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Dossier.Core;

namespace Dossier.Corpora;

/// <summary>One token of an ECB+ document, with its character span in <see cref="EcbPlusDocument.Text"/>.</summary>
public readonly record struct EcbToken(int Id, int Sentence, int Number, string Text, int Start, int End);

/// <summary>An ECB+ markable: a mention (tokens) or, when it has no tokens, an instance (the coreference target).</summary>
/// <param name="Type">The element name (ACTION_OCCURRENCE, HUMAN_PART_PER, LOC_GEO, TIME_DATE...).</param>
/// <param name="TokenIds">Token ids of a mention; empty for an instance.</param>
/// <param name="InstanceId">instance_id of an instance (target) markable, else null.</param>
/// <param name="Descriptor">TAG_DESCRIPTOR of an instance, else null.</param>
public sealed record EcbMarkable(int Id, string Type, IReadOnlyList<int> TokenIds, string? InstanceId, string? Descriptor);

/// <summary>A coreference relation: source mention ids pointing at one target instance markable.</summary>
/// <param name="Kind">CROSS_DOC_COREF or INTRA_DOC_COREF.</param>
public sealed record EcbRelation(string Kind, IReadOnlyList<int> Sources, int Target, string? Note);

/// <summary>
/// One ECB+ document (Cybulska and Vossen 2014): tokens with sentence numbers, markables and coreference
/// relations. <c>T_Necb.xml</c> belongs to event 1 of topic T, <c>T_Necbplus.xml</c> to event 2 (the gold
/// "subtopic"). The text is the tokens joined with spaces, one sentence per line. In ECB+ (the "plus" half)
/// documents usually start with a URL line, a headline line and a date line; <see cref="ToArticle"/> moves
/// the URL out of the text and reads the headline and the date as the article's title and publication date.
/// </summary>
public sealed record EcbPlusDocument
{
    public required string Name { get; init; }

    public required int Topic { get; init; }

    /// <summary>"ecb" (event 1) or "ecbplus" (event 2).</summary>
    public required string Half { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<EcbToken> Tokens { get; init; }

    /// <summary>Sentence spans into <see cref="Text"/>, in order.</summary>
    public required IReadOnlyList<TextSpan> Sentences { get; init; }

    public required IReadOnlyList<EcbMarkable> Markables { get; init; }

    public required IReadOnlyList<EcbRelation> Relations { get; init; }

    /// <summary>The gold event label: topic number + half ("1ecb", "1ecbplus").</summary>
    public string GoldEvent => Topic.ToString(CultureInfo.InvariantCulture) + Half;

    /// <summary>The gold topic label.</summary>
    public string GoldTopic => Topic.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text of a sentence.</summary>
    public string SentenceText(int index) => Text[Sentences[index].Start..Sentences[index].End];

    /// <summary>
    /// The document as an article (id = document name without ".xml"). A leading URL sentence becomes
    /// <see cref="Article.Url"/> and is left out of the text; a following short headline sentence becomes the
    /// title, and a date sentence after it (e.g. "May 03 , 2013", "11 / 30 / 09") the publication date.
    /// Only the text is used: the gold markables never reach the article.
    /// </summary>
    public Article ToArticle()
    {
        var first = 0;
        string? url = null;
        string? title = null;
        DateTimeOffset? published = null;
        if (Sentences.Count > 1 && SentenceText(0).StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            url = SentenceText(0).Replace(" ", "", StringComparison.Ordinal);
            first = 1;

            // The header after the URL: a headline and a date line, in either order, before the body.
            for (var i = 1; i < Math.Min(Sentences.Count - 1, 4); i++)
            {
                var line = SentenceText(i);
                var words = line.Count(c => c == ' ') + 1;
                if (published is null && words <= 16 && EcbDates.TryParse(line, out var d))
                {
                    published = d;
                }
                else if (title is null && words <= 30)
                {
                    title = line;
                }
                else
                {
                    break;
                }
            }
        }

        var start = Sentences[first].Start;
        var (text, map) = new OffsetMap.Builder(Text).Copy(start, Text.Length - start).Build();
        var paragraphs = Sentences.Skip(first).Select(s => new TextSpan(s.Start - start, s.End - start)).ToList();
        var id = Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? Name[..^4] : Name;
        return new Article
        {
            Id = id,
            SourcePath = Name,
            Format = SourceFormat.Text,
            RawInput = Text,
            SourceText = Text,
            Text = text,
            Map = map,
            Title = title,
            Url = url,
            Published = published,
            PublishedKind = published is null ? DateKind.Unknown : DateKind.Given,
            Paragraphs = paragraphs,
        };
    }
}

/// <summary>Reads ECB+ XML files (a corpus folder with one sub-folder per topic, or single files).</summary>
public static class EcbPlusReader
{
    /// <summary>Every document under <paramref name="root"/>, ordered by topic, then document number, then half.</summary>
    public static IReadOnlyList<EcbPlusDocument> ReadCorpus(string root, Func<int, bool>? topicFilter = null)
    {
        if (!Directory.Exists(root))
        {
            throw new DossierException($"ECB+ folder '{root}' does not exist; expected a folder with one sub-folder per topic (1/1_1ecb.xml...).");
        }

        var files = Directory.EnumerateFiles(root, "*.xml", SearchOption.AllDirectories)
            .Select(f => (File: f, Key: ParseName(Path.GetFileName(f))))
            .Where(x => x.Key is not null && (topicFilter is null || topicFilter(x.Key.Value.Topic)))
            .OrderBy(x => x.Key!.Value.Topic).ThenBy(x => x.Key!.Value.Number).ThenBy(x => x.Key!.Value.Half, StringComparer.Ordinal)
            .Select(x => x.File)
            .ToList();
        if (files.Count == 0)
        {
            throw new DossierException($"ECB+ folder '{root}' has no documents named T_Necb.xml or T_Necbplus.xml.");
        }

        return files.Select(ReadFile).ToList();
    }

    /// <summary>Parses "12_3ecbplus.xml" into topic 12, document 3, half "ecbplus"; null when the name does not match.</summary>
    public static (int Topic, int Number, string Half)? ParseName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
        var us = name.IndexOf('_', StringComparison.Ordinal);
        if (us <= 0)
        {
            return null;
        }

        var half = name.EndsWith("ecbplus", StringComparison.Ordinal) ? "ecbplus" : name.EndsWith("ecb", StringComparison.Ordinal) ? "ecb" : null;
        if (half is null
            || !int.TryParse(name.AsSpan(0, us), NumberStyles.None, CultureInfo.InvariantCulture, out var topic)
            || !int.TryParse(name.AsSpan(us + 1, name.Length - us - 1 - half.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return (topic, number, half);
    }

    public static EcbPlusDocument ReadFile(string path)
    {
        var name = Path.GetFileName(path);
        var key = ParseName(name) ?? throw new DossierException($"ECB+ file '{path}': name is not T_Necb.xml or T_Necbplus.xml.");
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, name, key.Topic, key.Half);
        }
        catch (XmlException e)
        {
            throw new DossierException($"ECB+ file '{path}': not well-formed XML ({e.Message}).", e);
        }
    }

    public static EcbPlusDocument Read(Stream stream, string name, int topic, string half)
    {
        var raw = new List<(int Id, int Sentence, int Number, string Text)>();
        var markables = new List<EcbMarkable>();
        var relations = new List<EcbRelation>();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = true });
        var section = "";
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.Name)
            {
                case "token":
                    var id = Int(reader.GetAttribute("t_id"));
                    var sentence = Int(reader.GetAttribute("sentence"));
                    var number = Int(reader.GetAttribute("number"));
                    string text;
                    if (reader.IsEmptyElement)
                    {
                        text = "";
                        reader.Read();
                    }
                    else
                    {
                        // Leaves the reader on the node after the end tag.
                        text = reader.ReadElementContentAsString();
                    }

                    raw.Add((id, sentence, number, text));
                    continue;
                case "Markables":
                case "Relations":
                    section = reader.Name;
                    reader.Read();
                    continue;
                case "Document":
                    reader.Read();
                    continue;
            }

            if (section == "Markables")
            {
                markables.Add(ReadMarkable(reader));
            }
            else if (section == "Relations")
            {
                relations.Add(ReadRelation(reader));
            }

            reader.Read();
        }

        var sb = new StringBuilder();
        var tokens = new List<EcbToken>(raw.Count);
        var sentences = new List<TextSpan>();
        var sentStart = 0;
        for (var i = 0; i < raw.Count; i++)
        {
            var t = raw[i];
            var newSentence = i == 0 || raw[i - 1].Sentence != t.Sentence;
            if (newSentence && i > 0)
            {
                sentences.Add(new TextSpan(sentStart, sb.Length));
                sb.Append('\n');
                sentStart = sb.Length;
            }
            else if (!newSentence)
            {
                sb.Append(' ');
            }

            var start = sb.Length;
            sb.Append(t.Text);
            tokens.Add(new EcbToken(t.Id, t.Sentence, t.Number, t.Text, start, sb.Length));
        }

        if (raw.Count > 0)
        {
            sentences.Add(new TextSpan(sentStart, sb.Length));
        }

        return new EcbPlusDocument
        {
            Name = name,
            Topic = topic,
            Half = half,
            Text = sb.ToString(),
            Tokens = tokens,
            Sentences = sentences,
            Markables = markables,
            Relations = relations,
        };
    }

    private static EcbMarkable ReadMarkable(XmlReader reader)
    {
        var type = reader.Name;
        var id = Int(reader.GetAttribute("m_id"));
        var instance = reader.GetAttribute("instance_id");
        var descriptor = reader.GetAttribute("TAG_DESCRIPTOR");
        var tokens = new List<int>();
        if (!reader.IsEmptyElement)
        {
            using var sub = reader.ReadSubtree();
            while (sub.Read())
            {
                if (sub.NodeType == XmlNodeType.Element && sub.Name == "token_anchor")
                {
                    tokens.Add(Int(sub.GetAttribute("t_id")));
                }
            }
        }

        return new EcbMarkable(id, type, tokens, instance, descriptor);
    }

    private static EcbRelation ReadRelation(XmlReader reader)
    {
        var kind = reader.Name;
        var note = reader.GetAttribute("note");
        var sources = new List<int>();
        var target = -1;
        if (!reader.IsEmptyElement)
        {
            using var sub = reader.ReadSubtree();
            while (sub.Read())
            {
                if (sub.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (sub.Name == "source")
                {
                    sources.Add(Int(sub.GetAttribute("m_id")));
                }
                else if (sub.Name == "target")
                {
                    target = Int(sub.GetAttribute("m_id"));
                }
            }
        }

        return new EcbRelation(kind, sources, target, note);
    }

    private static int Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
}

/// <summary>Dates as written on ECB+ date lines: "May 03 , 2013", "11 / 30 / 09 05 : 40 PM ET", "2013-05-03".</summary>
public static partial class EcbDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    [GeneratedRegex(@"\b\d{1,2}\s*:\s*\d{2}(?:\s*[AaPp]\.?\s*[Mm]\.?)?")]
    private static partial Regex ClockTime();

    public static bool TryParse(string line, out DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(line);
        date = default;
        // A clock time ("5: 59 PM", "10 : 45 AM") is no part of the date: its minutes are not a two-digit year.
        line = ClockTime().Replace(line, " ");
        var parts = line.Replace(",", " ", StringComparison.Ordinal).Replace("/", " / ", StringComparison.Ordinal).Replace("-", " - ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 16)
        {
            return false;
        }

        int? year = null, month = null, day = null;
        var numbers = new List<int>();
        foreach (var p in parts)
        {
            var lower = p.ToLowerInvariant();
            var m = Array.FindIndex(Months, x => lower.StartsWith(x, StringComparison.Ordinal) && lower.Length <= 9);
            if (m >= 0 && month is null)
            {
                month = m + 1;
                continue;
            }

            if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                if (n >= 1900 && n <= 2100 && year is null)
                {
                    year = n;
                }
                else
                {
                    numbers.Add(n);
                }
            }
        }

        if (month is not null)
        {
            day = numbers.FirstOrDefault(n => n >= 1 && n <= 31);
            if (year is null && numbers.Count > 1 && numbers[^1] < 100)
            {
                year = 2000 + numbers[^1];
            }
        }
        else if (numbers.Count >= 3 && line.Contains('/', StringComparison.Ordinal))
        {
            // US numeric form: M / D / YY or M / D / YYYY.
            month = numbers[0];
            day = numbers[1];
            year ??= numbers[2] < 100 ? 2000 + numbers[2] : numbers[2];
        }
        else if (year is not null && numbers.Count >= 2 && line.Contains('-', StringComparison.Ordinal))
        {
            month = numbers[0];
            day = numbers[1];
        }

        if (year is null || month is null || month < 1 || month > 12)
        {
            return false;
        }

        var d = day is >= 1 and <= 31 ? day.Value : 1;
        d = Math.Min(d, DateTime.DaysInMonth(year.Value, month.Value));
        date = new DateTimeOffset(year.Value, month.Value, d, 0, 0, 0, TimeSpan.Zero);
        return true;
    }
}
