using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Cli.Bench;

/// <summary>Reads the Reuters-21578 SGML files of a folder into cleaned articles, for benchmarks that time later stages.</summary>
internal static class BenchCorpus
{
    /// <summary>
    /// The Reuters-21578 folder: <paramref name="given"/> (<c>--corpus</c>) when set, else ../shared/data/reuters21578
    /// beside the repository, looked for upward from the running binary.
    /// </summary>
    public static string ReutersFolder(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Directory.Exists(given) || File.Exists(given)
                ? given
                : throw new DossierException($"{given}: corpus not found; pass --corpus PATH.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "reuters21578");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DossierException("Reuters-21578 not found beside the repository (../shared/data/reuters21578); pass --corpus.");
    }

    /// <summary>Every article of the folder's <c>.sgm</c> files, in file order, stopping once <paramref name="max"/> are read.</summary>
    public static List<Article> ReadReuters(string corpus, int? max = null)
    {
        var articles = new List<Article>();
        foreach (var (path, rejection) in InputLoader.Expand([corpus]))
        {
            if (rejection is not null || !path.EndsWith(".sgm", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var (input, _) = InputLoader.Load(path);
            if (input is null)
            {
                continue;
            }

            foreach (var r in ReaderRegistry.Default.Read(input))
            {
                if (r.Document is { } d)
                {
                    articles.Add(ArticleCleaner.Default.Clean(d));
                }
            }

            if (max is { } m && articles.Count >= m)
            {
                break;
            }
        }

        return articles;
    }
}
