using System.Collections.Concurrent;
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

        int added = 0, existing = 0, stored = 0;

        // A producer reads files (in parallel, a window at a time) and cleans their articles (in parallel, a batch
        // at a time), in input order; this thread stores each batch while the next one is being prepared. Memory is
        // bounded by the window's raw documents plus a few batches, whatever the corpus size.
        using var queue = new BlockingCollection<Work>(boundedCapacity: 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(() => Produce(inputs, stdin, queue, stop.Token), stop.Token);
        try
        {
            foreach (var work in queue.GetConsumingEnumerable(stop.Token))
            {
                foreach (var r in work.Rejections)
                {
                    Reject(rejections, r);
                }

                if (work.Articles.Count > 0)
                {
                    // The batch and what the incremental stages derive from it commit together: a killed run never
                    // leaves stored articles that the copies and stories stages have not seen.
                    IngestOutcome outcome = null!;
                    _store.InTransaction(() =>
                    {
                        outcome = _store.AddBatch(work.Articles);
                        BatchStored?.Invoke(work.Articles, outcome);
                    });
                    added += outcome.Added;
                    existing += outcome.Existing;
                    stored += work.Articles.Count;
                    ids.AddRange(work.Articles.Select(a => a.Id));
                }

                Progress?.Invoke(new IngestProgress(work.FilesDone, inputs.Count, stored, work.Bytes));
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException e) when (stop.IsCancellationRequested && e.InnerExceptions.All(x => x is OperationCanceledException))
            {
                // The consumer failed or the run was cancelled; its exception is the one that matters.
            }
        }

        cancel.ThrowIfCancellationRequested();
        return new IngestReport(inputs.Count, added, existing, rejections, ids);
    }

    /// <summary>A batch ready to store: articles and rejections in input order, and how far the run has got.</summary>
    private sealed record Work(List<Article> Articles, List<Rejection> Rejections, int FilesDone, long Bytes);

    private void Produce(List<string> inputs, Stream? stdin, BlockingCollection<Work> queue, CancellationToken cancel)
    {
        try
        {
            var parallelism = Math.Max(1, _options.Parallelism);
            var window = parallelism * 8;
            var pending = new List<(RawDocument? Doc, Rejection? Rejection)>();
            int filesDone = 0;
            long bytes = 0;
            for (var i = 0; i < inputs.Count; i += window)
            {
                var read = inputs.Skip(i).Take(window).ToList()
                    .AsParallel()
                    .AsOrdered()
                    .WithDegreeOfParallelism(parallelism)
                    .WithCancellation(cancel)
                    .Select(p => ReadOne(p, stdin))
                    .ToList();
                foreach (var (items, size) in read)
                {
                    filesDone++;
                    bytes += size;
                    pending.AddRange(items);
                    if (pending.Count >= _options.BatchSize)
                    {
                        queue.Add(CleanBatch(pending, parallelism, filesDone, bytes, cancel), cancel);
                        pending = [];
                    }
                }

                if (pending.Count > 0 && i + window >= inputs.Count)
                {
                    queue.Add(CleanBatch(pending, parallelism, filesDone, bytes, cancel), cancel);
                    pending = [];
                }
                else
                {
                    queue.Add(new Work([], [], filesDone, bytes), cancel);
                }
            }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private Work CleanBatch(List<(RawDocument? Doc, Rejection? Rejection)> items, int parallelism, int filesDone, long bytes, CancellationToken cancel)
    {
        var cleaned = items
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(parallelism)
            .WithCancellation(cancel)
            .Select(CleanOne)
            .ToList();
        var articles = new List<Article>(cleaned.Count);
        var rejections = new List<Rejection>();
        foreach (var (article, rejection) in cleaned)
        {
            if (rejection is not null)
            {
                rejections.Add(rejection);
            }
            else if (article is not null)
            {
                articles.Add(article);
            }
        }

        return new Work(articles, rejections, filesDone, bytes);
    }

    private (Article? Article, Rejection? Rejection) CleanOne((RawDocument? Doc, Rejection? Rejection) item)
    {
        if (item.Doc is null)
        {
            return (null, item.Rejection);
        }

        try
        {
            var article = _cleaner.Clean(item.Doc);
            return string.IsNullOrWhiteSpace(article.Text)
                ? (null, new Rejection(item.Doc.SourcePath, RejectionReason.NoText, "no article text after cleaning"))
                : (article, null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return (null, new Rejection(item.Doc.SourcePath, RejectionReason.UnknownFormat, $"could not be cleaned: {e.Message}"));
        }
    }

    private void Reject(List<Rejection> list, Rejection r)
    {
        list.Add(r);
        Rejected?.Invoke(r);
    }

    private (List<(RawDocument? Doc, Rejection? Rejection)> Items, long Size) ReadOne(string path, Stream? stdin)
    {
        var list = new List<(RawDocument?, Rejection?)>();
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
                list.Add((r.Document, r.Rejection));
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or System.Xml.XmlException or System.Text.Json.JsonException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            list.Add((null, new Rejection(path, RejectionReason.UnknownFormat, $"could not be read: {e.Message}")));
        }

        return (list, input.Text.Length);
    }
}
