using System.Buffers;
using System.Collections.Frozen;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>The word lists behind the entity rules, loaded from <c>Entities/Data/</c>.</summary>
public sealed class EntityLexicon
{
    private EntityLexicon()
    {
        Roles = Words("roles.txt", lower: true);
        PersonTitles = Words("person-titles.txt", lower: false);
        Honorifics = Words("honorifics.txt", lower: false);
        NotRoleWords = Words("not-role-words.txt", lower: false);
        OrgTitleWords = Words("org-title-words.txt", lower: false);
        var placeWords = Lines("place-words.txt").Select(l => l.Split('\t')).ToList();
        PlaceFirstWords = placeWords.Where(f => f[0] == "first").Select(f => f[1]).ToFrozenSet(StringComparer.Ordinal);
        PlaceLastWords = placeWords.Where(f => f[0] == "last").Select(f => f[1]).ToFrozenSet(StringComparer.Ordinal);
        StreetWords = placeWords.Where(f => f[0] == "last" && f.Length > 2 && f[2] == "street").Select(f => f[1]).ToFrozenSet(StringComparer.Ordinal);
        PlaceCues = [.. Lines("place-cues.txt").Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).OrderByDescending(l => l.Length)];
        OrgSuffixes = Words("org-suffixes.txt", lower: false);
        OrgCues = [.. Lines("org-cues.txt").Select(l => l.Trim()).Where(l => l.Length > 0).OrderByDescending(l => l.Length)];
        CompanySuffixes = Words("company-suffixes.txt", lower: true);
        KoreanSurnames = Words("korean-surnames.txt", lower: false);
        ActorVerbs = Words("actor-verbs.txt", lower: true);
        Outlets = Words("outlets.txt", lower: false);
        CreditPatterns = [.. Lines("credit-patterns.txt").Select(l => l.Trim().ToLowerInvariant())];
        CreditSearch = SearchValues.Create([.. CreditPatterns], StringComparison.Ordinal);
        RoleLookup = Roles.GetAlternateLookup<ReadOnlySpan<char>>();
        PlaceFirstWordLookup = PlaceFirstWords.GetAlternateLookup<ReadOnlySpan<char>>();
        PlaceLastWordLookup = PlaceLastWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var aliases = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in Lines("aliases.tsv"))
        {
            var f = l.Split('\t');
            aliases[f[0]] = (f[1], f[2]);
        }

        Aliases = aliases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Transliterations = [.. Lines("transliteration-variants.tsv").Select(l => l.Split('\t')).Select(f => (f[0], f[1])).OrderByDescending(v => v.Item1.Length)];
        _variantsByFirst = Transliterations.Where(v => v.Variant.Length > 0).GroupBy(v => v.Variant[0]).ToDictionary(g => g.Key, g => g.ToArray());
        Metonyms = Lines("metonyms.tsv").Select(l => l.Split('\t')).ToFrozenDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
    }

    public static EntityLexicon Default { get; } = new();

    /// <summary>Lower-case role nouns (one or two words).</summary>
    public FrozenSet<string> Roles { get; }

    public FrozenSet<string> PersonTitles { get; }

    /// <summary>Capitalised words that never begin a role phrase ("As", "Indeed"): capitalised only as a sentence's first word.</summary>
    public FrozenSet<string> NotRoleWords { get; }

    /// <summary>Courtesy titles ("Mr.", "Ms."): stripped from a name like <see cref="PersonTitles"/>, never a role.</summary>
    public FrozenSet<string> Honorifics { get; }

    /// <summary>First words of place names ("Port", "Mount").</summary>
    public FrozenSet<string> PlaceFirstWords { get; }

    /// <summary>Last words of place names ("River", "Street").</summary>
    public FrozenSet<string> PlaceLastWords { get; }

    /// <summary>The <see cref="PlaceLastWords"/> that end street names ("Street", "Avenue"), which also name shops and products.</summary>
    public FrozenSet<string> StreetWords { get; }

    /// <summary>Lower-case words right before a place name ("town of", "capital").</summary>
    public IReadOnlyList<string> PlaceCues { get; }

    /// <summary>Person titles that also begin organisation names ("General Motors").</summary>
    public FrozenSet<string> OrgTitleWords { get; }

    public FrozenSet<string> OrgSuffixes { get; }

    /// <summary>Lower-case nouns right before an organisation's name or ending an apposition after it ("mercenary group", "think tank").</summary>
    public IReadOnlyList<string> OrgCues { get; }

    /// <summary>Legal-form words (inc, corp, co, llc...) dropped from organisation names when they are compared.</summary>
    public FrozenSet<string> CompanySuffixes { get; }

    public FrozenSet<string> KoreanSurnames { get; }

    public FrozenSet<string> ActorVerbs { get; }

    /// <summary>News agencies and photo services credited in parentheses.</summary>
    public FrozenSet<string> Outlets { get; }

    public IReadOnlyList<string> CreditPatterns { get; }

    /// <summary><see cref="CreditPatterns"/>, searched for all at once.</summary>
    internal SearchValues<string> CreditSearch { get; }

    /// <summary><see cref="Roles"/>, looked up by a span of text.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RoleLookup { get; }

    /// <summary><see cref="PlaceFirstWords"/>, looked up by a span of text.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceFirstWordLookup { get; }

    /// <summary><see cref="PlaceLastWords"/>, looked up by a span of text.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceLastWordLookup { get; }

    /// <summary>Surface form -> (canonical name, type), case-insensitive.</summary>
    public FrozenDictionary<string, (string Name, string Type)> Aliases { get; }

    /// <summary>Romanisation variants (variant, folded form), longest variant first.</summary>
    public IReadOnlyList<(string Variant, string Folded)> Transliterations { get; }

    /// <summary>
    /// A name part with romanisation variants folded ("dzhavo" and "djavo" -> "javo"; "dmitriy" -> "dmitri"), and a
    /// final "y" read as "i" ("dmitry" -> "dmitri").
    /// </summary>
    public string FoldVariants(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        System.Text.StringBuilder? b = null;
        for (var i = 0; i < part.Length;)
        {
            // The longest variant starting here, if any (the variants that start with this character, in list order).
            var matched = false;
            if (_variantsByFirst.TryGetValue(part[i], out var candidates))
            {
                foreach (var (variant, folded) in candidates)
                {
                    if (part.AsSpan(i).StartsWith(variant, StringComparison.Ordinal))
                    {
                        (b ??= new System.Text.StringBuilder(part.Length).Append(part, 0, i)).Append(folded);
                        i += variant.Length;
                        matched = true;
                        break;
                    }
                }
            }

            if (!matched)
            {
                b?.Append(part[i]);
                i++;
            }
        }

        if (b is null)
        {
            // Nothing folded: the part itself, with a final "y" read as "i".
            return part.Length > 2 && part[^1] == 'y' ? string.Concat(part.AsSpan(0, part.Length - 1), "i") : part;
        }

        if (b.Length > 2 && b[^1] == 'y')
        {
            b[^1] = 'i';
        }

        return b.ToString();
    }

    /// <summary><see cref="Transliterations"/> by their first character, longest first.</summary>
    private readonly Dictionary<char, (string Variant, string Folded)[]> _variantsByFirst;

    /// <summary>Capital or seat of government -> the country it stands for as an actor.</summary>
    public FrozenDictionary<string, string> Metonyms { get; }

    /// <summary>
    /// The key a non-person name is compared by: lower-case parts without a leading "the" and, for organisations,
    /// without trailing legal-form words ("The Apple Inc." -> "apple").
    /// </summary>
    public string ThingKey(string name, bool organization)
    {
        // The name's shared parts (not copied), the kept range found by index: the whole name's key is the cached one.
        var parts = PersonNames.SharedParts(name);
        var first = 0;
        var end = parts.Length;
        if (end > 1 && parts[0] == "the")
        {
            first = 1;
        }

        while (organization && end - first > 1 && CompanySuffixes.Contains(parts[end - 1]))
        {
            end--;
        }

        return first == 0 && end == parts.Length ? PersonNames.Key(name) : string.Join(' ', parts, first, end - first);
    }

    /// <summary>
    /// The initials of a name of two or more capitalised words, function words skipped ("United States Air Force" ->
    /// "USAF", "Bank of England" -> "BE"); null for a shorter name.
    /// </summary>
    public static string? Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The first letters of the words split at spaces and hyphens, small words left out; null unless two or more
        // words, all capitalised. Built in place: the resolver asks this of every earlier name for each acronym.
        Span<char> letters = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var count = 0;
        var rest = name.AsSpan();
        while (rest.Length > 0)
        {
            var at = rest.IndexOfAny(' ', '-');
            var word = at < 0 ? rest : rest[..at];
            rest = at < 0 ? [] : rest[(at + 1)..];
            if (word.Length == 0 || word is "of" or "the" or "and" or "for" or "&" or "The")
            {
                continue;
            }

            if (!char.IsUpper(word[0]))
            {
                return null;
            }

            letters[count++] = word[0];
        }

        return count < 2 ? null : new string(letters[..count]);
    }

    /// <summary>Whether a name is an acronym: two to six capital letters, optionally with periods ("GM", "U.A.W.").</summary>
    public static bool IsAcronym(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = name.Replace(".", "", StringComparison.Ordinal);
        return letters.Length is >= 2 and <= 6 && letters.All(char.IsAsciiLetterUpper);
    }

    private static FrozenSet<string> Words(string file, bool lower) =>
        Lines(file).Select(l => lower ? l.Trim().ToLowerInvariant() : l.Trim()).Where(l => l.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    private static IEnumerable<string> Lines(string file) => TextLexicon.DataLines("Entities.Data." + file);
}
