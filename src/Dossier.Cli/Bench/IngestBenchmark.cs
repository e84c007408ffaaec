using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Dossier.Ingestion;
using Dossier.Reading;
using Dossier.Store;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench ingest</c>: articles/s, MB/s and memory for ingesting (read, clean, store in SQLite) the whole
/// Reuters-21578 corpus, a generated text corpus (JSON Lines built from Reuters bodies; <c>--size</c>, default
/// 100,000 articles), and generated HTML pages (<c>--set html=N</c>, default 3,000). Each into a fresh store.
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "Ingest throughput: Reuters-21578, a generated 100k-article text corpus, generated HTML pages, into fresh SQLite stores.";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);
        var metrics = new List<BenchMetric>();
        var notes = new List<string>();

        // 1. Reuters-21578 as it is.
        var reuters = Measure(context, "reuters", [corpus]);
        metrics.AddRange(reuters.Metrics("reuters"));
        notes.Add($"reuters: {reuters.Articles:N0} articles, {reuters.Rejected:N0} rejected, {reuters.Bytes / 1e6:F1} MB from {corpus}");

        // 2. A generated text corpus from Reuters bodies, as JSON Lines files of 10,000 articles.
        var bodies = LoadBodies(corpus);
        var size = context.Size ?? 100_000;
        var textDir = Path.Combine(context.Scratch, "text");
        GenerateJsonLines(textDir, bodies, size);
        var text = Measure(context, "text", [textDir]);
        metrics.AddRange(text.Metrics("text"));
        notes.Add($"text: {text.Articles:N0} generated articles ({text.Bytes / 1e6:F1} MB JSONL), {text.Rejected:N0} rejected");

        // 3. Generated HTML pages, one file each, with page furniture around Reuters bodies.
        var pages = context.Options.TryGetValue("html", out var h) ? int.Parse(h, CultureInfo.InvariantCulture) : 3_000;
        var htmlDir = Path.Combine(context.Scratch, "html");
        GenerateHtml(htmlDir, bodies, pages);
        var html = Measure(context, "html", [htmlDir]);
        metrics.AddRange(html.Metrics("html"));
        notes.Add($"html: {html.Articles:N0} generated pages ({html.Bytes / 1e6:F1} MB), {html.Rejected:N0} rejected");
        notes.Add($"parallelism {Environment.ProcessorCount}, batch {IngestOptions.Default.BatchSize}; times cover read + clean + store, not generation; load average at end {LoadAverage()}.");
        notes.Add("articles_per_cpu_s divides by this process's CPU time: on a shared machine it is the figure that does not depend on other load.");
        return new BenchResult("ingest", metrics, notes);
    }

    private sealed record Measured(int Articles, int Rejected, long Bytes, TimeSpan Elapsed, TimeSpan Cpu, long PeakManaged)
    {
        public IEnumerable<BenchMetric> Metrics(string name) =>
        [
            new($"{name}_articles", Articles, "articles"),
            new($"{name}_articles_per_s", Articles / Elapsed.TotalSeconds, "articles/s"),
            new($"{name}_mb_per_s", Bytes / 1e6 / Elapsed.TotalSeconds, "MB/s"),
            new($"{name}_seconds", Elapsed.TotalSeconds, "s"),
            new($"{name}_cpu_seconds", Cpu.TotalSeconds, "s"),
            new($"{name}_articles_per_cpu_s", Articles / Cpu.TotalSeconds, "articles/CPU-s"),
            new($"{name}_peak_managed_heap", PeakManaged / (1024.0 * 1024.0), "MiB"),
        ];
    }

    private static Measured Measure(BenchContext context, string name, string[] paths)
    {
        var db = Path.Combine(context.Scratch, name + ".db");
        GC.Collect();
        long peak = 0;
        long bytes = 0;
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        IngestReport report;
        using (var store = StoreFactory.Open(db))
        {
            var ingestor = new Ingestor(store);
            ingestor.Progress += p =>
            {
                bytes = p.Bytes;
                peak = Math.Max(peak, GC.GetTotalMemory(false));
            };
            report = ingestor.Ingest(paths);
        }

        sw.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        context.Log($"{name}: {report.Read:N0} articles in {sw.Elapsed.TotalSeconds:F1} s ({cpu.TotalSeconds:F1} CPU-s); load average {LoadAverage()}");
        foreach (var r in report.Rejections.Take(5))
        {
            context.Log($"  rejected {r}");
        }

        return new Measured(report.Read, report.Rejections.Count, bytes, sw.Elapsed, cpu, peak);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static List<(string Title, string Body)> LoadBodies(string corpus)
    {
        var list = new List<(string, string)>();
        foreach (var f in InputLoader.Expand([corpus]).Where(e => e.Rejection is null).Select(e => e.Path))
        {
            var (input, _) = InputLoader.Load(f);
            if (input is null)
            {
                continue;
            }

            foreach (var r in ReaderRegistry.Default.Read(input))
            {
                if (r.Document is { } d && d.SourceText.Length > 200)
                {
                    list.Add((d.Title ?? "Untitled", d.SourceText));
                }
            }
        }

        return list;
    }

    private static void GenerateJsonLines(string dir, List<(string Title, string Body)> bodies, int size)
    {
        Directory.CreateDirectory(dir);
        StreamWriter? w = null;
        for (var i = 0; i < size; i++)
        {
            if (i % 10_000 == 0)
            {
                w?.Dispose();
                w = new StreamWriter(Path.Combine(dir, $"part-{i / 10_000:D3}.jsonl"), false, new UTF8Encoding(false));
            }

            var (title, body) = bodies[i % bodies.Count];
            var line = new Dictionary<string, string>
            {
                ["id"] = $"gen-{i}",
                ["url"] = $"https://wire.example/{1987 + (i % 30)}/03/{1 + (i % 28)}/story-{i}",
                ["title"] = title,
                ["source"] = "Example Wire",
                ["published"] = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i).ToString("o", CultureInfo.InvariantCulture),
                ["text"] = body + $"\n    Story {i}.",
            };
            w!.WriteLine(JsonSerializer.Serialize(line));
        }

        w?.Dispose();
    }

    private static void GenerateHtml(string dir, List<(string Title, string Body)> bodies, int pages)
    {
        Directory.CreateDirectory(dir);
        for (var i = 0; i < pages; i++)
        {
            var (title, body) = bodies[(i * 7) % bodies.Count];
            var sb = new StringBuilder();
            var t = WebUtility.HtmlEncode(title);
            sb.Append(CultureInfo.InvariantCulture, $"""
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>{t} | Example Times</title>
                <meta property="og:title" content="{t}"><meta property="og:site_name" content="Example Times">
                <meta property="article:published_time" content="2024-03-{1 + (i % 28):D2}T10:00:00Z">
                <script type="application/ld+json">{"{"}"@type":"NewsArticle","headline":"story {i}","author":{"{"}"name":"Staff"{"}"}{"}"}</script>
                </head><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav></header>
                <main><article><h1>{t}</h1><div class="byline">By Staff Reporter</div>
                <div class="share-bar"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div><div class="story-body">
                """);
            foreach (var para in body.Split("\n    ", StringSplitOptions.RemoveEmptyEntries))
            {
                sb.Append("<p>").Append(WebUtility.HtmlEncode(para.Replace('\n', ' '))).Append("</p>\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"""
                <p>Story {i}.</p><div class="ad-slot">Advertisement</div></div>
                <aside class="related"><h3>Related</h3><ul><li><a href="#">Markets close higher</a></li><li><a href="#">Oil prices steady</a></li></ul></aside>
                <div class="newsletter-signup"><p>Sign up for our daily newsletter.</p></div></article></main>
                <footer><p>© 2024 Example Times. All rights reserved.</p></footer></body></html>
                """);
            File.WriteAllText(Path.Combine(dir, $"page-{i:D5}.html"), sb.ToString());
        }
    }
}
