using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Workers;

/// <summary>
/// Reads and cleans one job's file into articles, outside any transaction, as <see cref="Ingestion.Ingestor"/>
/// does for one input (same loader, readers, cleaner and rejection rules), so a worker can store the articles
/// of many jobs with one statement.
/// </summary>
internal static class JobReader
{
    public static (List<Article> Articles, List<Rejection> Rejections) Read(string path, ReadOptions options)
    {
        var articles = new List<Article>();
        var rejections = new List<Rejection>();
        var (input, rejection) = InputLoader.Load(path, options);
        if (input is null)
        {
            rejections.Add(rejection!);
            return (articles, rejections);
        }

        try
        {
            foreach (var r in ReaderRegistry.Default.Read(input))
            {
                if (r.Rejection is not null)
                {
                    rejections.Add(r.Rejection);
                    continue;
                }

                var article = ArticleCleaner.Default.Clean(r.Document!);
                if (string.IsNullOrWhiteSpace(article.Text))
                {
                    rejections.Add(new Rejection(r.Document!.SourcePath, RejectionReason.NoText, "no article text after cleaning"));
                    continue;
                }

                articles.Add(article);
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or System.Xml.XmlException or System.Text.Json.JsonException)
        {
            rejections.Add(new Rejection(path, RejectionReason.UnknownFormat, $"could not be read: {e.Message}"));
        }

        return (articles, rejections);
    }
}
