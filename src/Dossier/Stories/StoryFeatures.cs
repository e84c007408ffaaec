using System.Globalization;
using System.Reflection;
using Dossier.Core;
using Dossier.Entities;
using Counts = System.Collections.Generic.Dictionary<string, Dossier.Stories.StoryFeatureExtractor.Counted>.AlternateLookup<System.ReadOnlySpan<char>>;

namespace Dossier.Stories;

/// <summary>What kind of evidence a story feature is; each kind has its own weight in <see cref="StoryOptions"/>.</summary>
public enum FeatureKind : byte
{
    /// <summary>A content word (lower case, light plural stemming).</summary>
    Term,

    /// <summary>A name: a capitalised word or run inside a sentence, or an <see cref="EntityLayer"/> mention.</summary>
    Name,

    /// <summary>A number other than a year ("33", "4.5").</summary>
    Number,

    /// <summary>A year mentioned or the year of publication ("2013").</summary>
    Year,
}

/// <summary>One raw feature of an article: its key (kind prefix + text) and its zone-weighted count.</summary>
/// <param name="Count">Occurrences.</param>
/// <param name="Zone">The highest zone weight among its occurrences (title, lead or body).</param>
public readonly record struct RawFeature(string Key, FeatureKind Kind, float Count, float Zone = 1f);

/// <summary>Where a story clusterer gets an article's names from: the NER layer when present, else capitalised words.</summary>
public interface INameSource
{
    /// <summary>Names in the article, as (start, end) spans of <see cref="Article.Text"/>; null to fall back to capitalised words.</summary>
    IReadOnlyList<(int Start, int End)>? Names(Article article);
}

/// <summary>Names from an <see cref="EntityLayer"/> found by a lookup (e.g. annotated articles); null when the article has none.</summary>
public sealed class EntityLayerNames(Func<Article, EntityLayer?> lookup) : INameSource
{
    public IReadOnlyList<(int Start, int End)>? Names(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var layer = lookup(article);
        return layer?.Mentions.Where(m => m.Kind == MentionKind.Name && m.End > m.Start && m.End <= article.Text.Length)
            .Select(m => (m.Start, m.End)).ToList();
    }
}

/// <summary>
/// Turns an article into story features: content words, names, numbers and years, counted with zone weights
/// (title, lead, body), and the dates that place it in time. Pure and thread-safe.
/// </summary>
public sealed class StoryFeatureExtractor
{
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private readonly StoryOptions _options;
    private readonly INameSource? _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stop;

    public StoryFeatureExtractor(StoryOptions? options = null, INameSource? names = null)
    {
        _options = options ?? StoryOptions.Default;
        _names = names;
        _stop = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>English function words and news boilerplate (Data/stopwords.txt).</summary>
    public static HashSet<string> StopWords { get; } = LoadStopWords();

    /// <summary>The features of an article with the years it mentions.</summary>
    public ArticleFeatures Extract(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);

        // One counting table per thread, reused: a feature's key is made as a string only the first time the article has it.
        var table = t_counts ??= new Dictionary<string, Counted>(StringComparer.Ordinal);
        table.Clear();
        var counts = table.GetAlternateLookup<ReadOnlySpan<char>>();
        var title = article.Title;
        var text = article.Text;
        var leadEnd = LeadEnd(article);
        if (!string.IsNullOrWhiteSpace(title) && !text.AsSpan(0, Math.Min(text.Length, title.Length + 40)).Contains(title.AsSpan(), StringComparison.Ordinal))
        {
            Scan(title, 0, title.Length, _options.TitleWeight, counts, null);
        }

        var names = _names?.Names(article);
        Scan(text, 0, text.Length, 1f, counts, names, leadEnd, _options.LeadWeight, title is null ? 0 : TitleEnd(text, title));
        if (article.Published is { } p)
        {
            Span<char> year = stackalloc char[12];
            year[0] = '%';
            p.Year.TryFormat(year[1..], out var written, default, CultureInfo.InvariantCulture);
            Add(counts, year[..(written + 1)], FeatureKind.Year, 1f);
        }

        var list = new RawFeature[table.Count];
        var i = 0;
        foreach (var (k, v) in table)
        {
            list[i++] = new RawFeature(k, v.Kind, v.Count, v.Zone);
        }

        if (table.Count > MaxKeptTable)
        {
            t_counts = null;
        }

        Array.Sort(list, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new ArticleFeatures(article.Id, list, article.Published, article.Outlet);
    }

    /// <summary>A feature's kind, occurrences and highest zone weight while an article is scanned.</summary>
    internal readonly record struct Counted(FeatureKind Kind, float Count, float Zone);

    /// <summary>A thread's counting table is dropped after an article with more features than this (clearing costs as much as the table is large).</summary>
    private const int MaxKeptTable = 1024;

    [ThreadStatic]
    private static Dictionary<string, Counted>? t_counts;

    private static int TitleEnd(string text, string title) =>
        text.StartsWith(title, StringComparison.Ordinal) ? title.Length : 0;

    private int LeadEnd(Article article)
    {
        var text = article.Text;
        var limit = Math.Min(text.Length, _options.LeadChars);
        var sentences = 0;
        for (var i = 0; i < limit; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && ++sentences >= _options.LeadSentences)
            {
                return i + 1;
            }

            if (text[i] == '\n' && i > 40 && ++sentences >= _options.LeadSentences)
            {
                return i;
            }
        }

        return limit;
    }

    private void Scan(string text, int from, int to, float weight, Counts counts, IReadOnlyList<(int Start, int End)>? names, int leadEnd = -1, float leadWeight = 1f, int titleEnd = 0)
    {
        // buf[0] holds a key's kind prefix ('%' or '#'); the word itself goes from buf[1].
        Span<char> buf = stackalloc char[65];
        var sentenceStart = true;
        var i = from;
        var runStart = -1;
        var runEnd = -1;
        var runWords = 0;
        var runWeight = weight;
        while (i < to)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '.' or '!' or '?' or '\n' or ':' or ';' || (c == '"' && sentenceStart))
                {
                    // An abbreviation like "U.S." or "Jr." does not end a sentence when a lower-case word follows; good enough here.
                    if (c != '.' || i + 1 >= to || char.IsWhiteSpace(text[i + 1]))
                    {
                        sentenceStart = true;
                        FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
                    }
                }
                else if (c is ',' or '(' or ')' or '“' or '”' or '"')
                {
                    FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
                }

                i++;
                continue;
            }

            var start = i;
            var allDigits = true;
            while (i < to && (char.IsLetterOrDigit(text[i]) || ((text[i] is '.' or ',') && i + 1 < to && char.IsDigit(text[i + 1]) && i > start && char.IsDigit(text[i - 1]))))
            {
                allDigits &= !char.IsLetter(text[i]);
                i++;
            }

            var len = i - start;
            var w = weight;
            if (leadEnd >= 0)
            {
                w = start < titleEnd ? _options.TitleWeight : start < leadEnd ? leadWeight : 1f;
            }

            var word = text.AsSpan(start, len);
            var initial = sentenceStart;
            sentenceStart = false;
            if (allDigits)
            {
                FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
                if (len <= 12)
                {
                    // The number without its thousands separators.
                    var n = 0;
                    foreach (var d in word)
                    {
                        if (d != ',')
                        {
                            buf[1 + n++] = d;
                        }
                    }

                    var digits = buf.Slice(1, n);
                    if (len == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100)
                    {
                        buf[0] = '%';
                        Add(counts, buf[..(n + 1)], FeatureKind.Year, w);
                    }
                    else if (digits.Length > 1 || (digits.Length == 1 && digits[0] != '0' && digits[0] != '1'))
                    {
                        buf[0] = '#';
                        Add(counts, buf[..(n + 1)], FeatureKind.Number, w);
                    }
                }

                continue;
            }

            if (len > buf.Length - 1)
            {
                FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
                continue;
            }

            var lower = buf.Slice(1, len);
            word.ToLowerInvariant(lower);
            var isStop = _stop.Contains(lower) || IsMonth(lower);
            var capital = char.IsUpper(word[0]);
            if (names is null)
            {
                if (capital && !isStop && !initial)
                {
                    if (runStart < 0)
                    {
                        runStart = start;
                        runWeight = w;
                    }

                    runEnd = i;
                    runWords++;
                }
                else if (capital && !isStop && initial)
                {
                    // A capitalised word starting a sentence may be a name; it starts a run only when another capitalised word follows.
                    FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
                    runStart = start;
                    runEnd = i;
                    runWords = 0;
                    runWeight = w;
                }
                else
                {
                    FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
                }
            }

            if (isStop || len < 3)
            {
                continue;
            }

            Add(counts, lower[..StemInPlace(lower)], FeatureKind.Term, w);
        }

        FlushRun(text, ref runStart, runEnd, ref runWords, runWeight, counts);
        if (names is not null)
        {
            foreach (var (s, e) in names)
            {
                if (s < from || e > to)
                {
                    continue;
                }

                var w = s < titleEnd ? _options.TitleWeight : s < leadEnd ? leadWeight : 1f;
                AddName(text.AsSpan(s, e - s), w, counts);
            }
        }
    }

    private void FlushRun(string text, ref int runStart, int runEnd, ref int runWords, float weight, Counts counts)
    {
        if (runStart >= 0 && runWords > 0)
        {
            AddName(text.AsSpan(runStart, runEnd - runStart), weight, counts);
        }

        runStart = -1;
        runWords = 0;
    }

    private void AddName(ReadOnlySpan<char> name, float weight, Counts counts)
    {
        // Keys are built in one buffer: '@' then the lower-case text.
        Span<char> key = name.Length < 256 ? stackalloc char[name.Length + 1] : new char[name.Length + 1];
        key[0] = '@';

        // Each word of a name counts (a surname alone refers back to the full name), and the whole name once more.
        var words = 0;
        foreach (var r in name.Split(' '))
        {
            var part = name[r].Trim("'’.");
            if (part.Length < 2)
            {
                continue;
            }

            var lw = key.Slice(1, part.Length);
            part.ToLowerInvariant(lw);
            if (lw.EndsWith("'s") || lw.EndsWith("’s"))
            {
                lw = lw[..^2];
            }

            if (_stop.Contains(lw) || IsMonth(lw))
            {
                continue;
            }

            Add(counts, key[..(lw.Length + 1)], FeatureKind.Name, weight);
            words++;
        }

        if (words > 1)
        {
            // The whole name in lower case, its words joined by single spaces.
            var n = 1;
            foreach (var r in name.Split(' '))
            {
                var part = name[r];
                if (part.IsEmpty)
                {
                    continue;
                }

                if (n > 1)
                {
                    key[n++] = ' ';
                }

                part.ToLowerInvariant(key.Slice(n, part.Length));
                n += part.Length;
            }

            Add(counts, key[..n], FeatureKind.Name, weight);
        }
    }

    private static bool IsMonth(ReadOnlySpan<char> lower)
    {
        // Month names and their three-letter forms are 3 to 9 letters long.
        if (lower.Length is < 3 or > 9)
        {
            return false;
        }

        foreach (var m in MonthNames)
        {
            if (lower.SequenceEqual(m) || (lower.Length == 3 && m.AsSpan().StartsWith(lower)))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(Counts counts, ReadOnlySpan<char> key, FeatureKind kind, float w)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out var exists);
        slot = exists ? slot with { Count = slot.Count + 1, Zone = Math.Max(slot.Zone, w) } : new Counted(kind, 1, w);
    }

    /// <summary><see cref="Stem"/> in place: the stem's length (an "-ies" plural's "y" written over its "i").</summary>
    private static int StemInPlace(Span<char> lower)
    {
        if (lower.Length > 4 && lower.EndsWith("ies") && !lower.EndsWith("eies"))
        {
            lower[^3] = 'y';
            return lower.Length - 2;
        }

        if (lower.Length > 3 && lower[^1] == 's' && lower[^2] is not ('s' or 'u' or 'i'))
        {
            return lower.Length - 1;
        }

        return lower.Length;
    }

    /// <summary>Light English plural stemming: "guards" → "guard", "injuries" → "injury"; "press", "bus", "crisis" stay.</summary>
    public static string Stem(ReadOnlySpan<char> lower)
    {
        if (lower.Length > 4 && lower.EndsWith("ies") && !lower.EndsWith("eies"))
        {
            return string.Concat(lower[..^3], "y");
        }

        if (lower.Length > 3 && lower[^1] == 's' && lower[^2] is not ('s' or 'u' or 'i'))
        {
            return lower[..^1].ToString();
        }

        return lower.ToString();
    }

    private static HashSet<string> LoadStopWords()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var asm = Assembly.GetExecutingAssembly();
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("Stories.Data.stopwords.txt", StringComparison.Ordinal));
        if (name is null)
        {
            DossierThrow.Dossier_ModelMissing("Stories/Data/stopwords.txt");
        }

        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        while (r.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }

        return set;
    }
}

/// <summary>The story features of one article: raw counts sorted by key, with its date and outlet.</summary>
public sealed record ArticleFeatures(string ArticleId, IReadOnlyList<RawFeature> Features, DateTimeOffset? Published, string? Outlet);
