namespace Dossier.Claims;

/// <summary>How a number is bounded by the words before it ("more than 30": above 30).</summary>
public enum NumberBound
{
    /// <summary>No qualifier: the number itself.</summary>
    Exact,

    /// <summary>"at least 12": the reported count, more may come; compared as the number itself.</summary>
    Floor,

    /// <summary>"more than 30": a lower bound only.</summary>
    Above,

    /// <summary>"nearly 40", "up to 40": an upper bound only.</summary>
    Below,

    /// <summary>"about 40": a round figure.</summary>
    About,
}

/// <summary>
/// The quantity phrases of Claims/Data/quantities.txt: number qualifiers, vague quantities, and the words that make a
/// sentence a running total or about an earlier time. Thread-safe.
/// </summary>
public static class Quantities
{
    private static readonly List<(string Kind, string[] Words)> Phrases = Load();

    /// <summary>Qualifier phrases (floor, above, below, about), longest first.</summary>
    private static readonly List<(NumberBound Bound, string[] Words)> Qualifiers = Phrases
        .Where(p => p.Kind is "floor" or "above" or "below" or "about")
        .Select(p => (p.Kind switch { "floor" => NumberBound.Floor, "above" => NumberBound.Above, "below" => NumberBound.Below, _ => NumberBound.About }, p.Words))
        .OrderByDescending(p => p.Words.Length)
        .ToList();

    private static readonly HashSet<string> VagueWords = Phrases.Where(p => p.Kind == "vague").Select(p => p.Words[0]).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, string[][]> TotalPhrases = ByLastWord(Phrases.Where(p => p.Kind == "total").Select(p => p.Words));

    private static readonly Dictionary<string, string[][]> PastPhrases = ByLastWord(Phrases.Where(p => p.Kind == "past").Select(p => p.Words));

    private static readonly HashSet<string> PartWords = Phrases.Where(p => p.Kind == "part").Select(p => p.Words[0]).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Occasions = Phrases.Where(p => p.Kind == "occasion").Select(p => p.Words[0]).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> StatisticUnits = Phrases.Where(p => p.Kind == "statistic").Select(p => Terms.Stem(p.Words[0])).ToHashSet(StringComparer.Ordinal);

    /// <summary>A unit that is a player's tally in a game or season ("yards", "points", "catches"), by its stem.</summary>
    public static bool IsStatistic(string unitStem) => StatisticUnits.Contains(unitStem);

    /// <summary>Words a number may stand in ("hundreds of years") that make it no count.</summary>
    public static bool IsVague(string lower) => VagueWords.Contains(lower);

    /// <summary>The bound the words right before a number put on it (<paramref name="before"/>: lower-cased words, nearest last).</summary>
    public static NumberBound BoundOf(IReadOnlyList<string> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        foreach (var (bound, words) in Qualifiers)
        {
            if (EndsWith(before, before.Count, words))
            {
                return bound;
            }
        }

        return NumberBound.Exact;
    }

    /// <summary>
    /// True when a sentence (lower-cased words, numbers as "#") states a running total or a tally over several
    /// occasions ("so far", "a total of", "over five operations").
    /// </summary>
    public static bool IsTotal(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (ContainsAny(words, TotalPhrases))
        {
            return true;
        }

        for (var i = 1; i <= words.Count; i++)
        {
            // "in|over|during|across [the past|last] N <occasions>"
            if (i >= 3 && words[i - 2] == "#" && Occasions.Contains(words[i - 1]))
            {
                var k = i - 3;
                while (k > i - 6 && k > 0 && words[k] is "the" or "past" or "last" or "first" or "previous" or "its" or "his" or "her" or "their")
                {
                    k--;
                }

                if (words[k] is "in" or "over" or "during" or "across")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when a sentence (lower-cased words) counts a further or partial group ("three people also died").</summary>
    public static bool IsPart(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Any(PartWords.Contains);
    }

    /// <summary>True when a sentence (lower-cased words) is about an earlier time ("two years ago", "last year").</summary>
    public static bool IsPast(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return ContainsAny(words, PastPhrases);
    }

    /// <summary>Whether one of the phrases (keyed by their last word) occurs in the words.</summary>
    private static bool ContainsAny(IReadOnlyList<string> words, Dictionary<string, string[][]> phrases)
    {
        for (var i = 1; i <= words.Count; i++)
        {
            if (!phrases.TryGetValue(words[i - 1], out var ending))
            {
                continue;
            }

            foreach (var p in ending)
            {
                if (EndsWith(words, i, p))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, string[][]> ByLastWord(IEnumerable<string[]> phrases) => phrases
        .Where(p => p.Length > 0)
        .GroupBy(p => p[^1], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Whether two reported figures can both be true: their ranges (from their bounds) overlap, or they differ by under 3% (rounding, a converted unit).</summary>
    public static bool Compatible(double a, NumberBound ba, double b, NumberBound bb)
    {
        var (loA, hiA) = Range(a, ba);
        var (loB, hiB) = Range(b, bb);
        if (loA <= hiB && loB <= hiA)
        {
            return true;
        }

        return Math.Abs(a - b) <= 0.03 * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static (double Lo, double Hi) Range(double v, NumberBound b) => b switch
    {
        NumberBound.Above => (v, double.PositiveInfinity),
        NumberBound.Below => (0, v),
        NumberBound.About => (v * 0.85, v * 1.15),
        _ => (v, v),
    };

    /// <summary>Whether <paramref name="words"/>[..<paramref name="end"/>] ends with <paramref name="phrase"/>.</summary>
    private static bool EndsWith(IReadOnlyList<string> words, int end, string[] phrase)
    {
        if (end < phrase.Length)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(words[end - phrase.Length + k], phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(string Kind, string[] Words)> Load() => Terms.LoadLines("quantities.txt")
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(p => (p[0], p[1..]))
        .ToList();
}
