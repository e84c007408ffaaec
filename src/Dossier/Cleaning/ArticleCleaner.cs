using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Cleaning;

/// <summary>
/// Turns a <see cref="RawDocument"/> into an <see cref="Article"/>: cleaned text with a map back to the source text,
/// paragraphs, captions, versions, credit lines and the metadata the text itself carries. Rules are data
/// (<see cref="CleaningRules"/>); the steps are described in docs/article-model.md. Stateless and thread-safe.
/// </summary>
public sealed partial class ArticleCleaner
{
    private readonly CleaningRules _rules;

    public ArticleCleaner(CleaningRules? rules = null)
    {
        _rules = rules ?? CleaningRules.Default;
    }

    public static ArticleCleaner Default { get; } = new();

    public Article Clean(RawDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var source = doc.SourceText;
        var metadata = new Dictionary<string, string>(doc.Metadata, StringComparer.Ordinal);
        var start = 0;
        DateTimeOffset? published = doc.Published;
        var kind = published is null ? DateKind.Unknown : DateKind.Given;
        if (published is not null)
        {
            metadata.TryAdd("published_from", doc.Format.ToString().ToLowerInvariant());
        }

        var header = DateHeader().Match(source);
        if (header.Success)
        {
            if (published is null && DateTime.TryParseExact(header.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            {
                published = new DateTimeOffset(d, TimeSpan.Zero);
                kind = DateKind.Given;
                metadata["published_from"] = "date_header";
            }

            start = header.Length;
        }

        // 1. Paragraphs of the source, classified.
        var state = new State(source, _rules);
        foreach (var block in SplitBlocks(source, start, doc.HardWrapped))
        {
            state.Take(block);
        }

        // 2. Emit the cleaned text, newest version first as in the source.
        var b = new OffsetMap.Builder(source);
        var paragraphs = new List<TextSpan>();
        var captions = new List<TextSpan>();
        var spans = new List<(TextSpan Span, string? Marker)>();
        var lastEnd = -1;
        foreach (var segment in state.Segments)
        {
            var segStart = -1;
            foreach (var p in segment.Paragraphs)
            {
                if (lastEnd >= 0)
                {
                    b.Replace(lastEnd, Math.Max(0, p.Start - lastEnd), "\n\n");
                }

                var from = b.Length;
                EmitNormalized(b, source, p.Start, p.End);
                var span = new TextSpan(from, b.Length);
                paragraphs.Add(span);
                if (p.Caption)
                {
                    captions.Add(span);
                }

                segStart = segStart < 0 ? from : segStart;
                lastEnd = p.End;
            }

            if (segStart >= 0)
            {
                spans.Add((new TextSpan(segStart, b.Length), segment.Marker));
            }
        }

        var (text, map) = b.Build();
        var versions = new List<ArticleVersion>();
        for (var i = spans.Count - 1; i >= 0; i--)
        {
            versions.Add(new ArticleVersion(versions.Count, spans[i].Span, spans[i].Marker));
        }

        if (versions.Count == 0)
        {
            versions.Add(new ArticleVersion(0, new TextSpan(0, text.Length), null));
        }

        // 3. Metadata from the text. A plain text file's first line is its title when it reads as one; the dateline then
        // opens the paragraph after it.
        var title = doc.Title ?? (doc.Format == SourceFormat.Text ? TitleLine(text, paragraphs, captions) : null);
        var (dateline, datelineCredit, datelineDate, datelineSpan) = FindDateline(text, spans.Count > 0 ? spans[0].Span : new TextSpan(0, text.Length), paragraphs, captions,
            title is not null && doc.Title is null ? paragraphs[0] : null);
        if (datelineDate is not null)
        {
            metadata["dateline_date"] = datelineDate;
        }

        if (datelineSpan is { } ds)
        {
            metadata["dateline_span"] = string.Create(CultureInfo.InvariantCulture, $"{ds.Start}-{ds.End}");
        }

        var outlet = PickOutlet(doc, datelineCredit, state, metadata);
        if (datelineCredit is not null)
        {
            metadata["dateline_credit"] = _rules.OutletName(datelineCredit);
        }

        if (published is null && doc.Url is not null && UrlDate(doc.Url) is { } inferred)
        {
            published = inferred;
            kind = DateKind.Inferred;
            metadata["published_from"] = "url";
        }

        if (state.Notes.Count > 0)
        {
            metadata["corrections"] = string.Join("\n", state.Notes);
        }

        if (state.Separators > 0)
        {
            metadata["separators_removed"] = state.Separators.ToString(CultureInfo.InvariantCulture);
        }

        if (state.Duplicates > 0)
        {
            metadata["duplicates_removed"] = state.Duplicates.ToString(CultureInfo.InvariantCulture);
        }

        return new Article
        {
            Id = ContentHash.Of(doc.RawInput),
            SourcePath = doc.SourcePath,
            Format = doc.Format,
            RawInput = doc.RawInput,
            SourceText = source,
            Text = text,
            Map = map,
            Title = title,
            Byline = doc.Byline ?? state.Byline,
            Url = doc.Url,
            Outlet = outlet,
            Dateline = dateline,
            Published = published,
            PublishedKind = kind,
            Contributors = state.Contributors.Distinct(StringComparer.Ordinal).ToList(),
            CreditLines = state.CreditLines,
            Versions = versions,
            Captions = captions,
            Paragraphs = paragraphs,
            Metadata = metadata,
        };
    }

    /// <summary>Splits the source into trimmed paragraph spans: one per line, or (hard-wrapped) one per indented run.</summary>
    internal static List<(int Start, int End)> SplitBlocks(string s, int from, bool hardWrapped)
    {
        var blocks = new List<(int, int)>();
        var blockStart = -1;
        var i = from;
        while (i < s.Length)
        {
            var nl = s.IndexOf('\n', i);
            var lineEnd = nl < 0 ? s.Length : nl;
            var blank = s.AsSpan(i, lineEnd - i).IsWhiteSpace();
            var indented = i < s.Length && (s[i] == ' ' || s[i] == '\t');
            if (!hardWrapped || blank || indented)
            {
                Close(blocks, s, blockStart, i);
                blockStart = -1;
            }

            if (!blank && blockStart < 0)
            {
                blockStart = i;
            }

            if (!hardWrapped && blockStart >= 0)
            {
                Close(blocks, s, blockStart, lineEnd);
                blockStart = -1;
            }

            i = lineEnd + 1;
        }

        Close(blocks, s, blockStart, s.Length);
        return blocks;
    }

    private static void Close(List<(int, int)> blocks, string s, int start, int end)
    {
        if (start < 0)
        {
            return;
        }

        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            blocks.Add((start, end));
        }
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\u200b' || c == '\ufeff';

    /// <summary>Copies <c>source[start,end)</c> with characters normalised: quotes, spaces, deletions, NFC, NFKC forms.</summary>
    private void EmitNormalized(OffsetMap.Builder b, string s, int start, int end)
    {
        var run = start;
        var i = start;
        void Flush(int upTo)
        {
            if (upTo > run)
            {
                b.Copy(run, upTo - run);
            }
        }

        while (i < end)
        {
            var c = s[i];
            var next = i + 1 < end ? s[i + 1] : '\0';
            if (c < 0x80 && c != '\'' && c != '`' && !char.IsControl(c) && !(c == ' ' && IsRunSpace(next)) && !(next >= '\u0300' && IsMark(next)))
            {
                i++;
                continue;
            }

            if (IsRunSpace(c))
            {
                var j = i;
                while (j < end && IsRunSpace(s[j]))
                {
                    j++;
                }

                if (j - i == 1 && c == ' ')
                {
                    i = j;
                    continue;
                }

                Flush(i);
                b.Replace(i, j - i, " ");
                i = run = j;
                continue;
            }

            if ((c == '\'' || c == '`') && i + 1 < end && _rules.Sequences.TryGetValue(s.Substring(i, 2), out var seq))
            {
                Flush(i);
                b.Replace(i, 2, seq);
                i = run = i + 2;
                continue;
            }

            if (_rules.Characters.TryGetValue(c, out var mapped) || _rules.Compatibility.TryGetValue(c, out mapped))
            {
                Flush(i);
                b.Replace(i, 1, mapped);
                i = run = i + 1;
                continue;
            }

            if (_rules.Deleted.Contains(c) || char.IsControl(c))
            {
                Flush(i);
                b.Replace(i, 1, string.Empty);
                i = run = i + 1;
                continue;
            }

            if (IsMark(next))
            {
                var j = i + 1;
                while (j < end && IsMark(s[j]))
                {
                    j++;
                }

                if (_rules.Compose.TryGetValue(s[i..j], out var composed))
                {
                    Flush(i);
                    b.Replace(i, j - i, composed);
                    i = run = j;
                    continue;
                }

                i = j;
                continue;
            }

            i++;
        }

        Flush(end);
    }

    private static bool IsMark(char c) => c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private bool IsRunSpace(char c) => char.IsWhiteSpace(c) || (_rules.Characters.TryGetValue(c, out var m) && m == " ");

    /// <summary>
    /// The dateline opens the first paragraph of the newest version that is not a photo caption (a caption printed
    /// above the story comes first in some agency copy).
    /// </summary>
    private (string? Place, string? Credit, string? Date, TextSpan? Span) FindDateline(string text, TextSpan newest, List<TextSpan> paragraphs, List<TextSpan> captions, TextSpan? titleLine)
    {
        var at = newest.Start;
        foreach (var p in paragraphs)
        {
            if (p.Start >= newest.Start && p.Start < newest.End && !captions.Contains(p) && p != titleLine)
            {
                at = p.Start;
                break;
            }
        }

        var head = text.AsSpan(at, Math.Min(200, text.Length - at)).ToString();
        var m = _rules.Dateline.Match(head);
        if (!m.Success)
        {
            return (null, null, null, null);
        }

        var credit = m.Groups["credit"].Success ? m.Groups["credit"].Value : null;
        var date = m.Groups["date"].Success ? m.Groups["date"].Value : null;
        return (m.Groups["place"].Value, credit, date, new TextSpan(at + m.Index, at + m.Index + m.Length));
    }

    /// <summary>
    /// The first paragraph of a plain text file as its title: one line of 2-25 words that does not end as a sentence
    /// or a lead-in (no full stop, comma, colon or semicolon at its end; a question mark may end a headline), that is
    /// not a caption, a byline, a time stamp or a date line, and that has a paragraph after it. Null when it is the
    /// story's first sentence.
    /// </summary>
    internal static string? TitleLine(string text, List<TextSpan> paragraphs, List<TextSpan> captions)
    {
        if (paragraphs.Count < 2 || captions.Contains(paragraphs[0]))
        {
            return null;
        }

        var line = text.AsSpan(paragraphs[0].Start, paragraphs[0].End - paragraphs[0].Start).Trim();
        if (line.Length == 0 || line.Length > 200 || line.Contains('\n') || line[^1] is '.' or ',' or ':' or ';' or '…'
            || !char.IsLetterOrDigit(line[0]) && line[0] is not ('"' or '“' or '‘' or '\''))
        {
            return null;
        }

        // A date line ("Friday, March 08, 2013") is mostly figures: two or more words with digits and at most three of letters.
        int words = 0, figures = 0, letters = 0;
        foreach (var range in line.Split(' '))
        {
            var word = line[range];
            words++;
            figures += word.ContainsAnyInRange('0', '9') ? 1 : 0;
            letters += word.Length > 0 && char.IsLetter(word[0]) ? 1 : 0;
        }

        return words is >= 2 and <= 25 && !(figures >= 2 && letters <= 3)
            && !line.StartsWith("By ", StringComparison.Ordinal) && !DateOrTime().IsMatch(line) ? line.ToString() : null;
    }

    /// <summary>A clock time or a numeric date: a time stamp line ("21 July 2013 Last updated at 11:11 GMT", "9/10/2010 @ 1:19PM"), not a title.</summary>
    [GeneratedRegex(@"\b\d{1,2}\s?:\s?\d{2}\b|\b\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrTime();

    private string? PickOutlet(RawDocument doc, string? datelineCredit, State state, Dictionary<string, string> metadata)
    {
        (string? Name, string From)[] candidates =
        [
            (doc.Outlet, doc.Format switch { SourceFormat.Html => "site", SourceFormat.Feed => "feed", SourceFormat.JsonLines => "source", _ => "reader" }),
            (datelineCredit, "dateline"),
            (state.CreditOutlet, "credit_line"),
            (state.CaptionCredit, "credit"),
        ];
        foreach (var (name, from) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                metadata["outlet_from"] = from;
                return _rules.OutletName(name);
            }
        }

        return null;
    }

    private DateTimeOffset? UrlDate(string url)
    {
        var m = _rules.UrlDate.Match(url);
        if (!m.Success)
        {
            return null;
        }

        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        return mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateTimeOffset(y, mo, d, 0, 0, 0, TimeSpan.Zero) : null;
    }

    [GeneratedRegex(@"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex DateHeader();

    private sealed record Para(int Start, int End, bool Caption);

    private sealed class Segment(string? marker)
    {
        public string? Marker { get; } = marker;

        public List<Para> Paragraphs { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The classification pass over source paragraphs.</summary>
    private sealed class State(string source, CleaningRules rules)
    {
        public List<Segment> Segments { get; } = [new Segment(null)];

        public List<string> CreditLines { get; } = [];

        public List<string> Contributors { get; } = [];

        public List<string> Notes { get; } = [];

        public string? Byline { get; private set; }

        public string? CreditOutlet { get; private set; }

        public string? CaptionCredit { get; private set; }

        public int Separators { get; private set; }

        public int Duplicates { get; private set; }

        public void Take((int Start, int End) block)
        {
            var (start, end) = block;
            var text = source[start..end];
            if (rules.Separator.IsMatch(text))
            {
                Separators++;
                return;
            }

            foreach (var marker in rules.Markers)
            {
                var m = marker.Pattern.Match(text);
                if (!m.Success)
                {
                    continue;
                }

                if (marker.Action == MarkerAction.Note)
                {
                    Notes.Add(Collapse(text));
                    return;
                }

                // Text before the marker ends the current version; the marker opens the previous one.
                if (m.Index > 0)
                {
                    TakeParagraph(start, Trim(start, start + m.Index).End);
                }

                Segments.Add(new Segment(Collapse(m.Value)));
                var rest = Trim(start + m.Index + m.Length, end);
                if (rest.End > rest.Start)
                {
                    Take(rest);
                }

                return;
            }

            TakeParagraph(start, end);
        }

        private void TakeParagraph(int start, int end)
        {
            if (end <= start)
            {
                return;
            }

            var text = Collapse(source[start..end]);
            if (rules.IsCreditLine(text))
            {
                CreditLines.Add(text);
                Contributors.AddRange(rules.Contributors(text));
                var o = rules.CreditOutlet.Match(text);
                if (o.Success)
                {
                    CreditOutlet ??= o.Groups["outlet"].Value;
                }
                else if (text.StartsWith("Reuter", StringComparison.OrdinalIgnoreCase))
                {
                    CreditOutlet ??= "Reuters";
                }

                return;
            }

            var current = Segments[^1];
            if (Byline is null && current.Paragraphs.Count < 3 && text.Length < 120)
            {
                var by = rules.Byline.Match(text);
                if (by.Success)
                {
                    Byline = by.Groups["name"].Value;
                    return;
                }
            }

            var half = DoubledAt(start, end);
            if (half > 0)
            {
                end = Trim(start, half).End;
                text = Collapse(source[start..end]);
                Duplicates++;
            }

            if (!current.Seen.Add(text))
            {
                Duplicates++;
                return;
            }

            var caption = rules.IsCaption(text, half > 0);
            if (caption && CaptionCredit is null)
            {
                var credit = rules.CaptionCredit.Match(text).Value.Trim().TrimStart('(').TrimEnd(')');
                var slash = credit.IndexOf('/', StringComparison.Ordinal);
                CaptionCredit = slash > 0 ? credit[..slash] : credit;
            }

            current.Paragraphs.Add(new Para(start, end, caption));
        }

        /// <summary>Where the first copy ends when the paragraph is the same text printed twice in a row; else 0.</summary>
        private int DoubledAt(int start, int end)
        {
            var n = end - start;
            if (n < 40)
            {
                return 0;
            }

            var mid = start + (n / 2);
            for (var k = mid - 3; k <= mid + 3; k++)
            {
                if (k <= start || k >= end || !char.IsWhiteSpace(source[k]))
                {
                    continue;
                }

                var a = Trim(start, k);
                var b = Trim(k, end);
                if (a.End - a.Start == b.End - b.Start && source.AsSpan(a.Start, a.End - a.Start).SequenceEqual(source.AsSpan(b.Start, b.End - b.Start)))
                {
                    return k;
                }
            }

            return 0;
        }

        private (int Start, int End) Trim(int start, int end)
        {
            while (start < end && IsSpace(source[start]))
            {
                start++;
            }

            while (end > start && IsSpace(source[end - 1]))
            {
                end--;
            }

            return (start, end);
        }

        private static string Collapse(string s) => Reading.Html.HtmlText.Collapse(s);
    }
}
