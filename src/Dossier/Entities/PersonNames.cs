using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Entities;

/// <summary>
/// Comparing person names across spellings: diacritics, hyphenation ("Kim Jong Un" = "Kim Jong-un"), initials
/// ("J. Kirby" = "John Kirby"), romanisation variants of other names ("Dzhavo" = "Djavo", from
/// <c>transliteration-variants.tsv</c>), and Korean romanisation compared syllable by syllable ("Jo Chun Yong" =
/// "Jo Chun Ryong", "Choe" = "Choi"). Names with different given names never match, whatever the surname.
/// </summary>
public static partial class PersonNames
{
    /// <summary>Lower-cased name parts without diacritics, split at spaces and hyphens; initials lose their period.</summary>
    public static string[] Parts(string name) => [.. SharedParts(name)];

    /// <summary>
    /// <see cref="Parts"/> and <see cref="Key"/> of a name, made once per thread for each name seen (the resolver
    /// compares every name with every earlier one): the array is shared, callers must not modify it.
    /// </summary>
    internal static string[] SharedParts(string name) => Known(name).Parts;

    /// <summary>The <see cref="Key"/> of the name's last space-separated word ("Adeyemi-Roth" in "Ada Adeyemi-Roth"), made once per thread per name.</summary>
    internal static string LastWordKey(string name)
    {
        var known = Known(name);
        if (known.LastWordKey is { } made)
        {
            return made;
        }

        var key = Key(name[(name.LastIndexOf(' ') + 1)..]);
        t_known![name] = known with { LastWordKey = key };
        return key;
    }

    private static (string[] Parts, string Key, string? LastWordKey) Known(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cache = t_known ??= new Dictionary<string, (string[] Parts, string Key, string? LastWordKey)>(StringComparer.Ordinal);
        if (cache.TryGetValue(name, out var known))
        {
            return known;
        }

        if (cache.Count >= MaxKnown)
        {
            cache.Clear();
        }

        var parts = ComputeParts(name);
        known = (parts, string.Join(' ', parts), null);
        cache[name] = known;
        return known;
    }

    private const int MaxKnown = 50_000;

    [ThreadStatic]
    private static Dictionary<string, (string[] Parts, string Key, string? LastWordKey)>? t_known;

    private static string[] ComputeParts(string name)
    {
        var plain = StripDiacritics(name).ToLowerInvariant().AsSpan();
        var parts = new List<string>(4);
        while (true)
        {
            var at = plain.IndexOfAny(Separators);
            var part = (at < 0 ? plain : plain[..at]).Trim(PartTrim);
            if (part.Length > 0)
            {
                parts.Add(part.ToString());
            }

            if (at < 0)
            {
                return [.. parts];
            }

            plain = plain[(at + 1)..];
        }
    }

    private static readonly SearchValues<char> Separators = SearchValues.Create(" -\u2010\u2011");

    private const string PartTrim = ".,'\u2019";

    /// <summary>A key equal for hyphenation and diacritic variants: parts joined by one space.</summary>
    public static string Key(string name) => Known(name).Key;

    public static string StripDiacritics(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!s.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return s;
        }

        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c < 0x80)
            {
                b.Append(c);
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var at = Accented.IndexOf(c, StringComparison.Ordinal);
            b.Append(at >= 0 ? Plain[at] : c);
        }

        return b.ToString();
    }

    // Latin letters with diacritics and their plain letters (invariant globalization has no Unicode decomposition).
    private const string Accented = "àáâãäåāăąçćčďđèéêëēĕėęěğģìíîïīĭįıķĺļľłñńņňòóôõöøōŏőŕřśşšţťùúûüūŭůűųýÿźżžÀÁÂÃÄÅĀĂĄÇĆČĎĐÈÉÊËĒĔĖĘĚĞĢÌÍÎÏĪĬĮİĶĹĻĽŁÑŃŅŇÒÓÔÕÖØŌŎŐŔŘŚŞŠŢŤÙÚÛÜŪŬŮŰŲÝŸŹŻŽ";
    private const string Plain = "aaaaaaaaacccddeeeeeeeeeggiiiiiiiikllllnnnnooooooooorrsssttuuuuuuuuuyyzzzAAAAAAAAACCCDDEEEEEEEEEGGIIIIIIIIKLLLLNNNNOOOOOOOOORRSSSTTUUUUUUUUUYYZZZ";

    /// <summary>Whether a name reads as Korean: a listed surname first, then one or two given-name syllable groups.</summary>
    public static bool IsKorean(string name, EntityLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        lexicon ??= EntityLexicon.Default;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 3 || !lexicon.KoreanSurnames.Contains(words[0]))
        {
            return false;
        }

        var parts = SharedParts(name);
        return parts.Length is >= 2 and <= 4 && parts.Skip(1).All(IsKoreanSyllable);
    }

    public static bool IsKoreanSyllable(string s) => KoreanSyllable().IsMatch(s.ToLowerInvariant());

    /// <summary>A romanisation-insensitive key for one Korean syllable.</summary>
    public static string SyllableKey(string syllable)
    {
        ArgumentNullException.ThrowIfNull(syllable);
        var s = syllable.ToLowerInvariant().Replace("rh", "r", StringComparison.Ordinal);
        if (s.EndsWith("rk", StringComparison.Ordinal))
        {
            s = s[..^2] + "k";
        }

        if (s.Length > 1 && s[0] is 'r' or 'l' or 'n' && s[1] is 'y' or 'i' or 'e')
        {
            s = s[1..];
        }

        s = s.Replace("ch", "j", StringComparison.Ordinal)
            .Replace("ee", "i", StringComparison.Ordinal)
            .Replace("oo", "u", StringComparison.Ordinal)
            .Replace("eo", "o", StringComparison.Ordinal)
            .Replace("oi", "oe", StringComparison.Ordinal)
            .Replace("yi", "i", StringComparison.Ordinal);
        if (s.Length > 0)
        {
            s = s[0] switch
            {
                'k' => "g" + s[1..],
                'p' => "b" + s[1..],
                't' => "d" + s[1..],
                _ => s,
            };
        }

        return s;
    }

    /// <summary>Whether two full names (two or more parts each) can name the same person.</summary>
    public static bool SamePerson(string a, string b, EntityLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pa = SharedParts(a);
        var pb = SharedParts(b);
        if (pa.Length < 2 || pb.Length < 2)
        {
            return false;
        }

        if (pa.SequenceEqual(pb))
        {
            return true;
        }

        if (IsKorean(a, lexicon) && IsKorean(b, lexicon))
        {
            return pa.Length == pb.Length && pa.Zip(pb).All(x => SyllableKey(x.First) == SyllableKey(x.Second));
        }

        // Western order: same last name, compatible first names (equal or an initial), middle names optional;
        // romanisation variants folded ("Ilan Dzhavo" = "Ilan Djavo", "Dmitriy" = "Dmitry").
        lexicon ??= EntityLexicon.Default;
        pa = [.. pa.Select(lexicon.FoldVariants)];
        pb = [.. pb.Select(lexicon.FoldVariants)];
        if (pa[^1] != pb[^1] || !Compatible(pa[0], pb[0]))
        {
            return false;
        }

        var ma = pa[1..^1];
        var mb = pb[1..^1];
        if (ma.Length == 0 || mb.Length == 0)
        {
            return true;
        }

        return ma.Length == mb.Length && ma.Zip(mb).All(x => Compatible(x.First, x.Second));
    }

    private static bool Compatible(string x, string y) =>
        x == y || (x.Length == 1 && y.StartsWith(x, StringComparison.Ordinal)) || (y.Length == 1 && x.StartsWith(y, StringComparison.Ordinal));

    [GeneratedRegex("^(?:kk|tt|pp|ss|jj|ch|sh|ph|th|kh|[bcdghjkmnprstwly])?(?:wae|woe|yae|yeo|wa|wo|we|wi|ya|yo|yu|ye|eu|ui|ae|oe|oi|eo|oo|ee|a|e|i|o|u)(?:ng|n|m|l|k|p|t|r|g|b|l)?$")]
    private static partial Regex KoreanSyllable();
}
