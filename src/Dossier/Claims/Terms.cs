using System.Reflection;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Dossier.Claims;

/// <summary>Content words of a claim: lower-cased, stop words dropped, Snowball-stemmed. Thread-safe.</summary>
public static class Terms
{
    [ThreadStatic]
    private static EnglishStemmer? _stemmer;

    public static IReadOnlySet<string> StopWords { get; } = LoadList("stopwords.txt");

    public static IReadOnlySet<string> Negations { get; } = LoadList("negations.txt");

    /// <summary>Words of page furniture: date lines, update stamps, time zones (Claims/Data/furniture.txt).</summary>
    public static IReadOnlySet<string> Furniture { get; } = LoadList("furniture.txt");

    /// <summary>Stem to the stem of its synonym group's first word (Claims/Data/synonyms.txt).</summary>
    public static IReadOnlyDictionary<string, string> Synonyms { get; } = LoadSynonyms();

    /// <summary>
    /// Keys of words that different outlets use for one event ("shot" / "gunned", "quake" / "temblor"), learned from
    /// ECB+ event coreference (Claims/Data/related.txt): a partial match for the aligner, both ways.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Related { get; } = LoadRelated();

    /// <summary>Romanisation digraphs and what they are compared as (Claims/Data/transliteration.txt), longest first.</summary>
    public static IReadOnlyList<(string From, string To)> Transliteration { get; } = LoadLines("transliteration.txt")
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(p => (p[0], p[1]))
        .OrderByDescending(p => p.Item1.Length)
        .ToList();

    /// <summary>A name part as it sounds, for comparing romanisations ("Dzhavo" and "Djavo" give "javo").</summary>
    public static string PhoneticKey(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var s = part.ToLowerInvariant();
        foreach (var (from, to) in Transliteration)
        {
            s = s.Replace(from, to, StringComparison.Ordinal);
        }

        return s;
    }

    /// <summary>Month and weekday names: slots a claim pins itself to.</summary>
    public static IReadOnlySet<string> CalendarWords { get; } = new HashSet<string>(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], StringComparer.Ordinal);

    /// <summary>The comparison key of a word: its stem, mapped to its synonym group.</summary>
    public static string Key(string lower)
    {
        var stem = Stem(lower);
        return Synonyms.TryGetValue(stem, out var group) ? group : stem;
    }

    public static bool IsStopWord(string lower) => StopWords.Contains(lower);

    public static string Stem(string lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        if (lower.Length < 4)
        {
            return lower;
        }

        // Stems are a pure function of the word: each thread keeps the ones it has seen (news reuses its words).
        var cache = _stems ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.TryGetValue(lower, out var known))
        {
            return known;
        }

        var s = _stemmer ??= new EnglishStemmer();
        s.SetCurrent(lower);
        s.Stem();
        if (cache.Count >= MaxCachedStems)
        {
            cache.Clear();
        }

        return cache[lower] = s.Current;
    }

    private const int MaxCachedStems = 200_000;

    [ThreadStatic]
    private static Dictionary<string, string>? _stems;

    private static Dictionary<string, string> LoadSynonyms()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in LoadLines("synonyms.txt"))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var head = Stem(words[0]);
            foreach (var w in words)
            {
                map.TryAdd(Stem(w), head);
            }
        }

        return map;
    }

    private static Dictionary<string, string[]> LoadRelated()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in LoadLines("related.txt"))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (a, b) = (Key(words[0]), Key(words[1]));
            if (a == b)
            {
                continue;
            }

            (map.TryGetValue(a, out var ra) ? ra : map[a] = new HashSet<string>(StringComparer.Ordinal)).Add(b);
            (map.TryGetValue(b, out var rb) ? rb : map[b] = new HashSet<string>(StringComparer.Ordinal)).Add(a);
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    internal static IReadOnlySet<string> LoadList(string name) => LoadLines(name).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

    internal static List<string> LoadLines(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        var resource = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".Claims.Data." + name, StringComparison.Ordinal));
        if (resource is null)
        {
            Core.DossierThrow.Dossier_ModelMissing("Claims/Data/" + name);
        }

        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var t = line.Trim();
            if (t.Length > 0 && t[0] != '#')
            {
                lines.Add(t);
            }
        }

        return lines;
    }
}
