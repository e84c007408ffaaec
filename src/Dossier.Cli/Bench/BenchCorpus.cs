using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Cli.Bench;

/// <summary>Reads the Reuters-21578 SGML files of a folder into cleaned articles, for benchmarks that time later stages.</summary>
internal static class BenchCorpus
{
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
