using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Ingestion;
using Dossier.Store;
using Dossier.Stories;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench stories --size N</c>: online story clustering of N generated articles. Each generated story
/// takes a Reuters-21578 body as its event; its articles are rewrites of it (sentences dropped and reordered, a
/// sentence from another story, numbers changed, the headline reworded) spread over a few days; about
/// <c>open</c> stories (default 2,000) run at any time, so the stream is time-ordered like a news feed. Reports
/// throughput, the cost per article in successive slices (to show it does not grow with the number of stories),
/// and B-cubed F1 against the generated labels.
/// </summary>
public sealed partial class StoriesBenchmark : IBenchmark
{
    public string Name => "stories";

    public string Description => "Online story clustering of generated articles (Reuters-21578 bodies); --size N (default 10000); --set open=2000 perday=3000 (other keys: StoryOptions names, e.g. OnlineQueryFeatures=12); --set analyze=1: the stories work of dossier analyze on Reuters-21578 (limit=N: AnalyzeRebuildLimit).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.GetValueOrDefault("analyze") == "1")
        {
            return RunAnalyze(context);
        }

        var size = context.Size ?? 10_000;
        var open = int.Parse(context.Options.GetValueOrDefault("open", "2000"), CultureInfo.InvariantCulture);
        var perDay = int.Parse(context.Options.GetValueOrDefault("perday", "3000"), CultureInfo.InvariantCulture);
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);

        var bodies = ReadBodies(corpus);
        context.Log($"stories bench: {bodies.Count:N0} Reuters bodies from {corpus}; generating {size:N0} articles, {open:N0} open stories, {perDay:N0} articles a day");
        var gen = new Generator(bodies, open, perDay, seed: 42);
        // Other keys are StoryOptions properties (e.g. OnlineQueryFeatures=12), to compare settings in one build.
        var storyOptions = StoryOptionsParser.Apply(
            StoryOptions.Default,
            context.Options.Where(kv => kv.Key is not ("open" or "perday" or "analyze" or "limit")).Select(kv => kv.Key + "=" + kv.Value));
        var extractor = new StoryFeatureExtractor(storyOptions);
        var clusterer = new OnlineStoryClusterer(storyOptions);
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        var slices = 10;
        var sliceSize = Math.Max(1, size / slices);
        var notes = new List<string>();
        var total = Stopwatch.StartNew();
        var slice = Stopwatch.StartNew();
        var extractTicks = 0L;
        var lastCandidates = 0L;
        var sliceCpu = Environment.CpuUsage.TotalTime;
        var metrics = new List<BenchMetric>();
        for (var i = 0; i < size; i++)
        {
            var (article, label) = gen.Next(i);
            gold[article.Id] = label;
            var t0 = Stopwatch.GetTimestamp();
            var f = extractor.Extract(article);
            extractTicks += Stopwatch.GetTimestamp() - t0;
            clusterer.Add(f);
            if ((i + 1) % sliceSize == 0)
            {
                var us = slice.Elapsed.TotalMicroseconds / sliceSize;
                var cpu = Environment.CpuUsage.TotalTime;
                var cpuUs = (cpu - sliceCpu).TotalMicroseconds / sliceSize;
                sliceCpu = cpu;
                var cand = (clusterer.CandidatesScored - lastCandidates) / (double)sliceSize;
                lastCandidates = clusterer.CandidatesScored;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"articles {i + 1,9:N0}  stories so far {clusterer.Clusters.Count,8:N0}  open {clusterer.OpenClusters,6:N0}  {us,7:0.0} µs/article  {cpuUs,7:0.0} CPU-µs/article  {cand,5:0.0} candidates/article"));
                slice.Restart();
            }
        }

        total.Stop();
        var predicted = StoryBatch.Assignment(clusterer);
        var scores = ClusterScores.Score(predicted, gold);
        metrics.Add(new BenchMetric("articles", size, "articles"));
        metrics.Add(new BenchMetric("clustering_time", total.Elapsed.TotalSeconds, "s"));
        metrics.Add(new BenchMetric("throughput", size / total.Elapsed.TotalSeconds, "articles/s"));
        metrics.Add(new BenchMetric("per_article", total.Elapsed.TotalMicroseconds / size, "µs"));
        metrics.Add(new BenchMetric("feature_extraction_share", extractTicks / (double)Stopwatch.Frequency / total.Elapsed.TotalSeconds * 100, "%"));
        metrics.Add(new BenchMetric("stories", clusterer.Clusters.Count(c => c.Members.Count > 0), "stories"));
        metrics.Add(new BenchMetric("gold_stories", gold.Values.Distinct().Count(), "stories"));
        metrics.Add(new BenchMetric("open_stories_at_end", clusterer.OpenClusters, "stories"));
        metrics.Add(new BenchMetric("vocabulary", clusterer.Vocabulary, "features"));
        metrics.Add(new BenchMetric("candidates_per_article", clusterer.CandidatesScored / (double)size, "stories"));
        metrics.Add(new BenchMetric("bcubed_f1", scores.BCubedF1, "F1"));
        metrics.Add(new BenchMetric("managed_heap_after", GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0), "MiB"));
        using (var proc = Process.GetCurrentProcess())
        {
            metrics.Add(new BenchMetric("cpu_time", proc.TotalProcessorTime.TotalSeconds, "s"));
        }

        GC.KeepAlive(clusterer);
        GC.KeepAlive(gold);
        notes.Insert(0, "per slice: wall time and process CPU time per article (generation + features + clustering) and stories scored per article:");
        return new BenchResult("stories", metrics, notes);
    }

    /// <summary>
    /// The stories work of <c>dossier analyze</c> on Reuters-21578 (<c>--corpus</c> for another folder): ingest into a
    /// fresh SQLite store (not timed), then as <c>analyze</c> does with a throwaway store the copies and stories
    /// incremental stages once over every article, then the stories section. Process CPU seconds of the two stories
    /// steps, the stories section's allocation and collections, and a fingerprint of the stories written (ids, titles,
    /// articles) to check that a speed-up keeps the output. <c>DOSSIER_ALLOC_PROFILE=FILE</c>: allocation samples by type
    /// of the part after the ingest.
    /// </summary>
    private static BenchResult RunAnalyze(BenchContext context)
    {
        var corpus = BenchCorpus.ReutersFolder(context.Corpus);
        var db = Path.Combine(context.Scratch, "stories-analyze.db");
        using var store = new SqliteArticleStore(db);
        var options = context.Options.TryGetValue("limit", out var limit)
            ? StoryOptions.Default with { AnalyzeRebuildLimit = int.Parse(limit, CultureInfo.InvariantCulture) }
            : StoryOptions.Default;
        var pipeline = new DossierPipelineBuilder().Use(new Dossier.Copies.CopiesStage()).Use(new StoryStage(options)).Use(new StoriesSection(options)).Build();
        using var analysis = new AnalysisRun(store, pipeline, new AnalysisRunOptions { DeferIncremental = true, ThrowawayStore = true });
        var ingestor = new Ingestor(store);
        ingestor.BatchStored += analysis.OnBatchStored;
        var report = ingestor.Ingest([corpus]);
        var marks = new List<(string Stage, double Cpu, long Allocated, int Gen0, int Gen2)>();
        void Mark(string stage) => marks.Add((stage, Environment.CpuUsage.TotalTime.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(2)));
        // DOSSIER_ALLOC_PROFILE=file: allocation samples by type of this part only (the ingest before it is not sampled).
        var sampler = AllocationSampler.StartIfAsked();
        var run = analysis.Finish(report.ArticleIds, Mark);
        Mark("end");
        sampler?.Write();
        sampler?.Dispose();
        double Spent(string stage)
        {
            var i = marks.FindIndex(m => m.Stage == stage);
            return i < 0 ? 0 : marks[i + 1].Cpu - marks[i].Cpu;
        }

        // The stories section's allocation and collections (each mark is taken as a step starts; the next step's mark ends it).
        var si = marks.FindIndex(m => m.Stage == "stories");
        var (allocated, gen0, gen2) = si < 0 ? (0L, 0, 0) : (marks[si + 1].Allocated - marks[si].Allocated, marks[si + 1].Gen0 - marks[si].Gen0, marks[si + 1].Gen2 - marks[si].Gen2);

        static string Fingerprint(IEnumerable<(string Id, string Title, IEnumerable<string> Articles)> stories)
        {
            var text = new StringBuilder();
            foreach (var (id, title, articles) in stories)
            {
                text.Append(id).Append('\t').Append(title).Append('\t').AppendJoin(',', articles).Append('\n');
            }

            return ContentHash.Of(text.ToString());
        }

        var incremental = Spent("stories (incremental)");
        var section = Spent("stories");
        context.Log(string.Create(CultureInfo.InvariantCulture, $"stories incremental {incremental:0.00} CPU-s, stories section {section:0.00} CPU-s, {run.Document.Stories.Count:N0} stories"));
        return new BenchResult("stories", [
            new BenchMetric("articles", run.Articles.Count, "articles"),
            new BenchMetric("stories", run.Document.Stories.Count, "stories"),
            new BenchMetric("stories_incremental_cpu", incremental, "CPU-s"),
            new BenchMetric("stories_section_cpu", section, "CPU-s"),
            new BenchMetric("stories_section_allocated", allocated / (1024.0 * 1024.0), "MiB"),
            new BenchMetric("stories_section_gcs", gen0, "collections (gen0 and above)"),
            new BenchMetric("stories_section_gen2", gen2, "collections"),
            new BenchMetric("copies_incremental_cpu", Spent("copies (incremental)"), "CPU-s"),
        ],
        [
            "process CPU seconds of each step (the copies stage runs first, as in analyze, and is not part of the stories work)",
            "fingerprint of stories[] (ids, titles, articles): " + Fingerprint(run.Document.Stories.Select(s => (s.Id, s.Title, (IEnumerable<string>)s.Articles))),
            "fingerprint of the stored stories: " + Fingerprint(store.GetStories().Select(s => (s.Id, s.Title, (IEnumerable<string>)s.Articles))),
        ]);
    }

    /// <summary>BODY texts (and TITLE, DATE) of Reuters-21578 SGML files: a minimal reader for the benchmark.</summary>
    internal static List<(string Title, string Body)> ReadBodies(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DossierException($"Reuters-21578 folder '{folder}' does not exist; pass --corpus DIR with the reut2-*.sgm files.");
        }

        var latin1 = Encoding.Latin1;
        var list = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.sgm").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file, latin1);
            foreach (Match m in ReutersRegex().Matches(text))
            {
                var body = System.Net.WebUtility.HtmlDecode(m.Groups["body"].Value).Replace(" Reuter\n&#3;", "", StringComparison.Ordinal).Trim();
                body = body.EndsWith("Reuter", StringComparison.Ordinal) ? body[..^6].TrimEnd() : body;
                if (body.Length >= 300)
                {
                    list.Add((System.Net.WebUtility.HtmlDecode(m.Groups["title"].Value).Trim(), body));
                }
            }
        }

        if (list.Count == 0)
        {
            throw new DossierException($"Reuters-21578 folder '{folder}' has no <REUTERS> items with a BODY of 300+ characters.");
        }

        return list;
    }

    [GeneratedRegex(@"<REUTERS[^>]*>.*?(?:<TITLE>(?<title>.*?)</TITLE>.*?)?<BODY>(?<body>.*?)</BODY>.*?</REUTERS>", RegexOptions.Singleline)]
    private static partial Regex ReutersRegex();

    /// <summary>A time-ordered stream of rewritten articles about <c>open</c> concurrent stories.</summary>
    private sealed class Generator
    {
        private readonly List<(string Title, string Body)> _bodies;
        private readonly Random _random;
        private readonly int _perDay;
        private readonly (int Body, int Left, int Story)[] _active;
        private int _stories;
        private readonly DateTimeOffset _start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Generator(List<(string Title, string Body)> bodies, int open, int perDay, int seed)
        {
            _bodies = bodies;
            _random = new Random(seed);
            _perDay = perDay;
            _active = new (int, int, int)[open];
            for (var i = 0; i < open; i++)
            {
                _active[i] = NewStory();
            }
        }

        private (int Body, int Left, int Story) NewStory() =>
            (_random.Next(_bodies.Count), 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 5), _stories++);

        public (Article Article, string Label) Next(int n)
        {
            var slot = _random.Next(_active.Length);
            var (body, left, story) = _active[slot];
            _active[slot] = left <= 1 ? NewStory() : (body, left - 1, story);
            var (title, text) = _bodies[body];
            var sentences = text.Split(". ", StringSplitOptions.RemoveEmptyEntries).ToList();
            var kept = sentences.Where((_, i) => i == 0 || _random.NextDouble() < 0.7).ToList();
            if (kept.Count > 2)
            {
                var a = 1 + _random.Next(kept.Count - 1);
                var b = 1 + _random.Next(kept.Count - 1);
                (kept[a], kept[b]) = (kept[b], kept[a]);
            }

            var other = _bodies[_random.Next(_bodies.Count)].Body.Split(". ", StringSplitOptions.RemoveEmptyEntries);
            kept.Add(other[_random.Next(other.Length)]);
            var sb = new StringBuilder();
            foreach (var s in kept)
            {
                sb.Append(s.Trim()).Append(". ");
            }

            var t = sb.ToString().TrimEnd();
            var published = _start.AddDays(n / (double)_perDay);
            var id = ContentHash.Of(n.ToString(CultureInfo.InvariantCulture) + t);
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var head = words.Length > 3 && _random.NextDouble() < 0.5 ? string.Join(' ', words.Take(words.Length - 1)) : title;
            var article = new Article
            {
                Id = id,
                SourcePath = "generated",
                Format = SourceFormat.Text,
                RawInput = t,
                SourceText = t,
                Text = t,
                Map = OffsetMap.Identity(t.Length),
                Title = head,
                Published = published,
                PublishedKind = DateKind.Given,
            };
            return (article, story.ToString(CultureInfo.InvariantCulture));
        }
    }
}
