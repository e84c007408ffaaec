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

    public static bool IsStopWord(string lower) => StopWords.Contains(lower);

    public static string Stem(string lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        if (lower.Length < 4)
        {
            return lower;
        }

        var s = _stemmer ??= new EnglishStemmer();
        s.SetCurrent(lower);
        s.Stem();
        return s.Current;
    }

    internal static IReadOnlySet<string> LoadList(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        var resource = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".Claims.Data." + name, StringComparison.Ordinal));
        if (resource is null)
        {
            Core.DossierThrow.Dossier_ModelMissing("Claims/Data/" + name);
        }

        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var t = line.Trim();
            if (t.Length > 0 && t[0] != '#')
            {
                set.Add(t);
            }
        }

        return set;
    }
}
