using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Dossier.Tests.Support;

namespace Dossier.Tests.Samples;

/// <summary>
/// The bundled sample corpus (samples/) and its truth (tests/cases/samples.json, format in docs/samples.md).
/// Other capabilities' tests use it to find a sample article's text and its entry in an analysis document.
/// </summary>
public sealed class SampleCorpus
{
    private static readonly Lazy<SampleCorpus> Instance = new(() => new SampleCorpus(Path.Combine(Repo.Cases, "samples.json"), Repo.Samples));

    private readonly Dictionary<string, JsonElement> _articles;

    public SampleCorpus(string truthPath, string samplesRoot)
    {
        SamplesRoot = samplesRoot;
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(truthPath));
        Truth = doc.RootElement.Clone();
        _articles = Truth.GetProperty("articles").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The repository's corpus and truth.</summary>
    public static SampleCorpus Default => Instance.Value;

    /// <summary>The samples folder.</summary>
    public string SamplesRoot { get; }

    /// <summary>The whole of samples.json.</summary>
    public JsonElement Truth { get; }

    /// <summary>Article keys, in the order samples.json lists them.</summary>
    public IReadOnlyList<string> Keys => [.. _articles.Keys];

    public JsonElement Article(string key) =>
        _articles.TryGetValue(key, out var a) ? a : throw new KeyNotFoundException($"samples.json has no article '{key}'");

    /// <summary>The article's file, relative to samples/ with '/' separators.</summary>
    public string File(string key) => Article(key).GetProperty("file").GetString()!;

    /// <summary>The item id inside a multi-article file (feed guid or entry id, JSON Lines id), or null.</summary>
    public string? Item(string key) => Article(key).TryGetProperty("item", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;

    public string FullPath(string key) => Path.Combine(SamplesRoot, File(key).Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// The article's text as written: the whole file for text and HTML; for a feed item or entry the text of its
    /// elements (XML-decoded); for a JSON line its <c>text</c> field. Every text samples.json quotes lies in here.
    /// </summary>
    public string WrittenText(string key)
    {
        var path = FullPath(key);
        var item = Item(key);
        var raw = System.IO.File.ReadAllText(path);
        if (item is null)
        {
            return raw;
        }

        if (path.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            foreach (var line in raw.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var o = JsonDocument.Parse(line);
                if (o.RootElement.GetProperty("id").GetString() == item)
                {
                    return o.RootElement.GetProperty("text").GetString()!;
                }
            }
        }
        else
        {
            var x = XDocument.Parse(raw);
            var found = x.Descendants()
                .Where(e => e.Name.LocalName is "item" or "entry")
                .FirstOrDefault(e => e.Elements().Any(c => c.Name.LocalName is "guid" or "id" && c.Value.Trim() == item));
            if (found is not null)
            {
                return string.Join("\n", found.Elements().Select(e => e.Value));
            }
        }

        throw new KeyNotFoundException($"{File(key)} has no item '{item}'");
    }

    /// <summary>
    /// Finds the analysis entry of a sample article by its source path: the file, then (for multi-article files)
    /// the part after '#', which is the item id or its 1-based position (#1 is the first item); a file read as one article
    /// matches its only entry. Returns the entry's index in <paramref name="entries"/>, or -1.
    /// </summary>
    public int IndexOf<T>(string key, IReadOnlyList<T> entries, Func<T, string> sourcePath)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var file = File(key);
        var ofFile = Enumerable.Range(0, entries.Count).Where(i => RelativeFile(sourcePath(entries[i])) == file).ToList();
        if (ofFile.Count == 1)
        {
            return ofFile[0];
        }

        var index = Article(key).TryGetProperty("index", out var n) ? n.GetInt32() : 0;
        // Readers name items of multi-article files "file#N" with N counted from 1.
        string?[] wanted = [Item(key), (index + 1).ToString(CultureInfo.InvariantCulture)];
        foreach (var w in wanted)
        {
            foreach (var i in ofFile)
            {
                if (w is not null && Suffix(sourcePath(entries[i])) == w)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>A source path (absolute or relative, with an optional #item) as a file relative to samples/.</summary>
    public string RelativeFile(string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        var hash = sourcePath.IndexOf('#', StringComparison.Ordinal);
        var path = hash >= 0 ? sourcePath[..hash] : sourcePath;
        return Path.GetRelativePath(SamplesRoot, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string? Suffix(string sourcePath)
    {
        var hash = sourcePath.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? sourcePath[(hash + 1)..] : null;
    }
}
