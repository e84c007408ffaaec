using System.Collections.Frozen;
using System.Reflection;

namespace Dossier.Text;

/// <summary>How an abbreviation that ends in a period behaves at a possible sentence end.</summary>
public enum AbbreviationKind : byte
{
    /// <summary>Not an abbreviation.</summary>
    None = 0,

    /// <summary>Comes before a name (Mr., Gen., Adm.): never ends a sentence.</summary>
    Title = 1,

    /// <summary>A month before a day number (Jan. 5): ends a sentence only before a sentence opener.</summary>
    Month = 2,

    /// <summary>May end a sentence (U.S., Inc.): ends one before a usual sentence opener.</summary>
    Other = 3,
}

/// <summary>One abbreviation from <c>Text/Data/abbreviations.tsv</c> with the example sentence a test splits.</summary>
public sealed record AbbreviationEntry(string Abbreviation, AbbreviationKind Kind, string Example);

/// <summary>The language data the tokeniser and sentence splitter use, loaded from <c>Text/Data/</c>.</summary>
public sealed class TextLexicon
{
    private readonly FrozenDictionary<string, AbbreviationKind> _abbreviations;
    private readonly FrozenSet<string> _openers;

    public TextLexicon(IEnumerable<AbbreviationEntry> abbreviations, IEnumerable<string> sentenceOpeners)
    {
        ArgumentNullException.ThrowIfNull(abbreviations);
        ArgumentNullException.ThrowIfNull(sentenceOpeners);
        Entries = [.. abbreviations];
        var d = new Dictionary<string, AbbreviationKind>(StringComparer.Ordinal);
        foreach (var e in Entries)
        {
            d.TryAdd(e.Abbreviation, e.Kind);
        }

        _abbreviations = d.ToFrozenDictionary(StringComparer.Ordinal);
        _openers = sentenceOpeners.ToFrozenSet(StringComparer.Ordinal);
        AbbreviationLookup = _abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        OpenerLookup = _openers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The built-in lexicon from the embedded data files.</summary>
    public static TextLexicon Default { get; } = LoadDefault();

    public IReadOnlyList<AbbreviationEntry> Entries { get; }

    public IReadOnlyCollection<string> SentenceOpeners => _openers;

    internal FrozenDictionary<string, AbbreviationKind>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OpenerLookup { get; }

    public AbbreviationKind Abbreviation(ReadOnlySpan<char> word) =>
        AbbreviationLookup.TryGetValue(word, out var k) ? k : AbbreviationKind.None;

    public bool IsSentenceOpener(ReadOnlySpan<char> word) => OpenerLookup.Contains(word);

    /// <summary>Reads the non-comment, non-empty lines of an embedded data file under <c>Dossier/&lt;folder&gt;/Data/</c>.</summary>
    internal static IEnumerable<string> DataLines(string resourceSuffix)
    {
        var asm = typeof(TextLexicon).Assembly;
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(resourceSuffix, StringComparison.Ordinal));
        if (name is null)
        {
            Core.DossierThrow.Dossier_ModelMissing(resourceSuffix);
        }

        return ReadLines(asm, name);
    }

    private static IEnumerable<string> ReadLines(Assembly asm, string name)
    {
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        while (r.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return line;
        }
    }

    private static TextLexicon LoadDefault()
    {
        var entries = new List<AbbreviationEntry>();
        foreach (var line in DataLines("Text.Data.abbreviations.tsv"))
        {
            var f = line.Split('\t');
            var kind = f[1] switch
            {
                "title" => AbbreviationKind.Title,
                "month" => AbbreviationKind.Month,
                _ => AbbreviationKind.Other,
            };
            entries.Add(new AbbreviationEntry(f[0], kind, f.Length > 2 ? f[2] : ""));
        }

        var openers = DataLines("Text.Data.sentence-openers.txt").Select(l => l.Trim()).Where(l => l.Length > 0);
        return new TextLexicon(entries, openers);
    }
}
