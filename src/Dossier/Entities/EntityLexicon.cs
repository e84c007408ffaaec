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
        OrgSuffixes = Words("org-suffixes.txt", lower: false);
        KoreanSurnames = Words("korean-surnames.txt", lower: false);
        ActorVerbs = Words("actor-verbs.txt", lower: true);
        Outlets = Words("outlets.txt", lower: false);
        CreditPatterns = [.. Lines("credit-patterns.txt").Select(l => l.Trim().ToLowerInvariant())];
        var aliases = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in Lines("aliases.tsv"))
        {
            var f = l.Split('\t');
            aliases[f[0]] = (f[1], f[2]);
        }

        Aliases = aliases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Metonyms = Lines("metonyms.tsv").Select(l => l.Split('\t')).ToFrozenDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
    }

    public static EntityLexicon Default { get; } = new();

    /// <summary>Lower-case role nouns (one or two words).</summary>
    public FrozenSet<string> Roles { get; }

    public FrozenSet<string> PersonTitles { get; }

    public FrozenSet<string> OrgSuffixes { get; }

    public FrozenSet<string> KoreanSurnames { get; }

    public FrozenSet<string> ActorVerbs { get; }

    /// <summary>News agencies and photo services credited in parentheses.</summary>
    public FrozenSet<string> Outlets { get; }

    public IReadOnlyList<string> CreditPatterns { get; }

    /// <summary>Surface form -> (canonical name, type), case-insensitive.</summary>
    public FrozenDictionary<string, (string Name, string Type)> Aliases { get; }

    /// <summary>Capital or seat of government -> the country it stands for as an actor.</summary>
    public FrozenDictionary<string, string> Metonyms { get; }

    private static FrozenSet<string> Words(string file, bool lower) =>
        Lines(file).Select(l => lower ? l.Trim().ToLowerInvariant() : l.Trim()).Where(l => l.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    private static IEnumerable<string> Lines(string file) => TextLexicon.DataLines("Entities.Data." + file);
}
