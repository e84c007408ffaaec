using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Store;

namespace Dossier.Ingestion;

/// <summary>Options for one ingest run.</summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    public ReadOptions Read { get; init; } = ReadOptions.Default;

    /// <summary>Articles per store transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Parallel readers/cleaners (the store writer is one).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>What an ingest run did.</summary>
public sealed record IngestReport(int Files, int Added, int Existing, IReadOnlyList<Rejection> Rejections, IReadOnlyList<string> ArticleIds)
{
    public int Read => Added + Existing;
}

/// <summary>Progress of an ingest run: inputs done of inputs known, articles stored so far.</summary>
public readonly record struct IngestProgress(int FilesDone, int FilesTotal, int Articles, long Bytes);

/// <summary>
/// Reads inputs, cleans them into articles and stores them in batches: one transaction per batch, so a killed
/// run leaves every committed batch whole and nothing half-written. Re-ingesting the same input is a no-op.
/// </summary>
public sealed class Ingestor
{
    private readonly IArticleStore _store;
    private readonly ReaderRegistry _readers;
    private readonly ArticleCleaner _cleaner;
    private readonly IngestOptions _options;

    public Ingestor(IArticleStore store, IngestOptions? options = null, ReaderRegistry? readers = null, ArticleCleaner? cleaner = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? IngestOptions.Default;
        _readers = readers ?? ReaderRegistry.Default;
        _cleaner = cleaner ?? ArticleCleaner.Default;
    }

    /// <summary>Called for each rejected input as soon as it is known.</summary>
    public event Action<Rejection>? Rejected;

    /// <summary>Called after each stored batch.</summary>
    public event Action<IngestProgress>? Progress;

    /// <summary>Called after each stored batch with the articles it held (new and already stored).</summary>
    public event Action<IReadOnlyList<Article>, IngestOutcome>? BatchStored;

    public IngestReport Ingest(IEnumerable<string> paths, Stream? stdin = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var rejections = new List<Rejection>();
        var ids = new List<string>();
        var inputs = new List<string>();
        foreach (var (path, rejection) in InputLoader.Expand(paths, _options.Read))
        {
            if (rejection is not null)
            {
                Reject(rejections, rejection);
            }
            else
            {
                inputs.Add(path);
            }
        }

        int added = 0, existing = 0, filesDone = 0, stored = 0;
        long bytes = 0;
        var batch = new List<Article>(_options.BatchSize);

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var outcome = _store.AddBatch(batch);
            added += outcome.Added;
            existing += outcome.Existing;
            stored += batch.Count;
            ids.AddRange(batch.Select(a => a.Id));
            BatchStored?.Invoke(batch, outcome);
            batch = new List<Article>(_options.BatchSize);
            Progress?.Invoke(new IngestProgress(filesDone, inputs.Count, stored, bytes));
        }

        // Read and clean in parallel, in order; store from this thread.
        var results = inputs
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, _options.Parallelism))
            .WithCancellation(cancel)
            .Select(p => ReadOne(p, stdin));

        foreach (var (items, size) in results)
        {
            filesDone++;
            bytes += size;
            foreach (var item in items)
            {
                if (item.Rejection is not null)
                {
                    Reject(rejections, item.Rejection);
                }
                else if (item.Article is not null)
                {
                    batch.Add(item.Article);
                    if (batch.Count >= _options.BatchSize)
                    {
                        Flush();
                    }
                }
            }

            if (batch.Count == 0)
            {
                Progress?.Invoke(new IngestProgress(filesDone, inputs.Count, stored, bytes));
            }
        }

        Flush();
        return new IngestReport(inputs.Count, added, existing, rejections, ids);
    }

    private void Reject(List<Rejection> list, Rejection r)
    {
        list.Add(r);
        Rejected?.Invoke(r);
    }

    private (List<(Article? Article, Rejection? Rejection)> Items, long Size) ReadOne(string path, Stream? stdin)
    {
        var list = new List<(Article?, Rejection?)>();
        var (input, rejection) = InputLoader.Load(path, _options.Read, stdin);
        if (input is null)
        {
            list.Add((null, rejection));
            return (list, 0);
        }

        try
        {
            foreach (var r in _readers.Read(input))
            {
                if (r.Rejection is not null)
                {
                    list.Add((null, r.Rejection));
                    continue;
                }

                var article = _cleaner.Clean(r.Document!);
                if (string.IsNullOrWhiteSpace(article.Text))
                {
                    list.Add((null, new Rejection(r.Document!.SourcePath, RejectionReason.NoText, "no article text after cleaning")));
                    continue;
                }

                list.Add((article, null));
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or System.Xml.XmlException or System.Text.Json.JsonException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            list.Add((null, new Rejection(path, RejectionReason.UnknownFormat, $"could not be read: {e.Message}")));
        }

        return (list, input.Text.Length);
    }
}
