using System.Diagnostics;
using System.Globalization;
using Dossier.Copies;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench copies</c>: three measurements on Reuters-21578 bodies, chosen with <c>--set mode=</c>.
/// <list type="bullet">
/// <item><c>quality</c> (default): a labelled corpus of copies made by known edits (seed <c>--set seed=N</c>,
/// edits <c>--set edits=tuned|tuned-earlier|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8</c>), precision and recall per relation kind and per edit.</item>
/// <item><c>lsh</c>: exact all-pairs with word 5-gram Jaccard &gt;= 0.8 (prefix filtering), against the pairs the
/// index finds; hashing speed.</item>
/// <item><c>scale</c>: <c>--size N</c> generated articles indexed incrementally, all near-duplicate pairs found.</item>
/// <item><c>stage</c>: the copies stage of <c>dossier analyze</c> alone on all of Reuters-21578 (ingested without other
/// stages), its CPU seconds and a digest of the relations it stores.</item>
/// </list>
/// </summary>
public sealed class CopiesBenchmark : IBenchmark
{
    public string Name => "copies";

    public string Description => "Copies: precision/recall on a labelled Reuters corpus (mode=quality), LSH recall and speed vs exact pairs (mode=lsh), scale (mode=scale --size N), the analyze stage's CPU (mode=stage).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = BenchCorpus.ReutersFolder(context.Corpus);
        var mode = context.Options.GetValueOrDefault("mode", "quality");
        var sw = Stopwatch.StartNew();
        var stories = ReutersCorpus.Read(folder);
        context.Log($"read {stories.Count} Reuters bodies in {sw.Elapsed.TotalSeconds:0.0}s");
        var metrics = new List<BenchMetric>();
        var notes = new List<string>();
        if (mode is "lsh" or "all")
        {
            LshRecall(stories, metrics, notes, context.Log);
        }

        if (mode is "quality" or "all")
        {
            var seed = int.Parse(context.Options.GetValueOrDefault("seed", "2"), CultureInfo.InvariantCulture);
            var edits = context.Options.GetValueOrDefault("edits", "tuned");
            Quality(stories, seed, edits, context.Size ?? 3000, metrics, notes, context.Log);
        }

        if (mode == "scale")
        {
            Scale(stories, context.Size ?? 10_000, metrics, notes, context.Log);
        }

        if (mode == "stage")
        {
            Stage(folder, context.Scratch, metrics, notes, context.Log);
        }

        return new BenchResult("copies/" + mode, metrics, notes);
    }

    // ---------------------------------------------------------------- LSH vs exact pairs

    private static void LshRecall(IReadOnlyList<ReutersStory> stories, List<BenchMetric> metrics, List<string> notes, Action<string> log)
    {
        var sw = Stopwatch.StartNew();
        var profiles = new CopyProfile[stories.Count];
        Parallel.For(0, stories.Count, i => profiles[i] = CopyProfile.Build(stories[i].Body));
        var tokenizeSeconds = sw.Elapsed.TotalSeconds;
        var sets = profiles.Select(p => p.Shingles).ToArray();

        // Ground truth: every pair with exact Jaccard >= 0.8, by prefix filtering (exact, not sampled).
        sw.Restart();
        var truth = ExactPairs(sets, 0.8);
        var exactSeconds = sw.Elapsed.TotalSeconds;
        log($"exact pairs >= 0.8: {truth.Count} in {exactSeconds:0.00}s");

        // Hashing: one-permutation MinHash + band keys from the shingle sets (what datasketch's update() loop does).
        var o = SignatureOptions.Default;
        var bands = new ulong[sets.Length][];
        sw.Restart();
        for (var i = 0; i < sets.Length; i++)
        {
            bands[i] = sets[i].Length == 0 ? [] : CopySignature.BandKeysOf(sets[i], o);
        }

        var hashSeconds = sw.Elapsed.TotalSeconds;

        // Index + query + exact verification, one document at a time (the product's incremental path).
        sw.Restart();
        var index = new CopyIndex();
        var found = new HashSet<(int, int)>();
        var exactOf = new int[sets.Length];
        var candidates = 0L;
        for (var i = 0; i < sets.Length; i++)
        {
            var sig = new CopySignature(profiles[i].ExactHash, profiles[i].WordCount, bands[i], []);
            exactOf[i] = i;
            foreach (var c in index.Query(sig))
            {
                candidates++;
                if (c.Exact)
                {
                    exactOf[i] = exactOf[c.Ordinal];
                    continue;
                }

                if (CopyProfile.Jaccard(sets[c.Ordinal], sets[i]) >= 0.8)
                {
                    found.Add((c.Ordinal, i));
                }
            }

            index.Add(sig);
        }

        var indexSeconds = sw.Elapsed.TotalSeconds;

        // Exact copies share one shingle set: a pair found for one member holds for all members.
        var members = Enumerable.Range(0, sets.Length).GroupBy(i => exactOf[i]).ToDictionary(g => g.Key, g => g.ToList());
        var expanded = new HashSet<(int, int)>();
        foreach (var (a, b) in found)
        {
            foreach (var x in members[exactOf[a]])
            {
                foreach (var y in members[exactOf[b]])
                {
                    expanded.Add((Math.Min(x, y), Math.Max(x, y)));
                }
            }
        }

        foreach (var g in members.Values.Where(g => g.Count > 1 && sets[g[0]].Length > 0))
        {
            for (var x = 0; x < g.Count; x++)
            {
                for (var y = x + 1; y < g.Count; y++)
                {
                    expanded.Add((g[x], g[y]));
                }
            }
        }

        var hit = truth.Count(expanded.Contains);
        var recall = truth.Count == 0 ? 1 : hit / (double)truth.Count;
        var falsePairs = expanded.Count(p => !truth.Contains(p));
        metrics.Add(new BenchMetric("lsh_documents", sets.Length, "docs"));
        metrics.Add(new BenchMetric("lsh_exact_pairs_jaccard_ge_0.8", truth.Count, "pairs"));
        metrics.Add(new BenchMetric("lsh_found_pairs", hit, "pairs"));
        metrics.Add(new BenchMetric("lsh_recall", recall, "ratio"));
        metrics.Add(new BenchMetric("lsh_reported_pairs_not_in_truth", falsePairs, "pairs"));
        metrics.Add(new BenchMetric("lsh_hashing_rate", sets.Length / hashSeconds, "docs/s"));
        metrics.Add(new BenchMetric("lsh_tokenize_shingle_rate_2cores", sets.Length / tokenizeSeconds, "docs/s"));
        metrics.Add(new BenchMetric("lsh_index_query_verify_time", indexSeconds, "s"));
        metrics.Add(new BenchMetric("lsh_candidates_verified", candidates, "pairs"));
        metrics.Add(new BenchMetric("exact_allpairs_time", exactSeconds, "s"));
        notes.Add($"LSH: one-permutation MinHash, {o.Bins} bins, {o.Bands} bands x {o.Rows} rows, verified by exact Jaccard. Reference (issue): datasketch MinHashLSH 128 perms, threshold 0.8: 6,600 docs/s, 96.4% of 493 pairs.");
    }

    /// <summary>All pairs with Jaccard &gt;= t by prefix filtering: rare shingles first; two sets that reach t share a prefix shingle.</summary>
    internal static HashSet<(int, int)> ExactPairs(ulong[][] sets, double t)
    {
        var df = new Dictionary<ulong, int>();
        foreach (var s in sets)
        {
            foreach (var h in s)
            {
                df[h] = df.GetValueOrDefault(h) + 1;
            }
        }

        var postings = new Dictionary<ulong, List<int>>();
        var pairs = new HashSet<(int, int)>();
        var seen = new HashSet<int>();
        for (var i = 0; i < sets.Length; i++)
        {
            var s = sets[i];
            if (s.Length == 0)
            {
                continue;
            }

            var ordered = s.OrderBy(h => df[h]).ThenBy(h => h).ToArray();
            var prefix = s.Length - (int)Math.Ceiling(t * s.Length) + 1;
            seen.Clear();
            for (var k = 0; k < prefix; k++)
            {
                if (postings.TryGetValue(ordered[k], out var l))
                {
                    foreach (var j in l)
                    {
                        if (seen.Add(j) && CopyProfile.Jaccard(sets[j], s) >= t)
                        {
                            pairs.Add((j, i));
                        }
                    }
                }
            }

            for (var k = 0; k < prefix; k++)
            {
                if (!postings.TryGetValue(ordered[k], out var l))
                {
                    postings[ordered[k]] = l = [];
                }

                l.Add(i);
            }
        }

        return pairs;
    }

    // ---------------------------------------------------------------- labelled corpus

    private sealed record Doc(string Text, int Base, string Edit);

    private static void Quality(IReadOnlyList<ReutersStory> stories, int seed, string editSet, int size, List<BenchMetric> metrics, List<string> notes, Action<string> log)
    {
        var rng = new Random(seed);
        var (near, version, rewrite) = editSet switch
        {
            "tuned" => (CopyEdits.TunedNear, CopyEdits.TunedVersion, CopyEdits.TunedRewrite),
            "tuned-earlier" => (CopyEdits.EarlierTunedNear, CopyEdits.EarlierTunedVersion, CopyEdits.TunedRewrite),
            "heldout" => (CopyEdits.HeldOutNear, CopyEdits.HeldOutVersion, CopyEdits.HeldOutRewrite),
            "heldout2" => (CopyEdits.HeldOut2Near, CopyEdits.HeldOut2Version, CopyEdits.HeldOut2Rewrite),
            "heldout3" => (CopyEdits.HeldOut3Near, CopyEdits.HeldOut3Version, CopyEdits.HeldOut3Rewrite),
            "heldout4" => (CopyEdits.HeldOut4Near, CopyEdits.HeldOut4Version, CopyEdits.HeldOut4Rewrite),
            "heldout5" => (CopyEdits.HeldOut5Near, CopyEdits.HeldOut5Version, CopyEdits.HeldOut5Rewrite),
            "heldout6" => (CopyEdits.HeldOut6Near, CopyEdits.HeldOut6Version, CopyEdits.HeldOut6Rewrite),
            "heldout7" => (CopyEdits.HeldOut7Near, CopyEdits.HeldOut7Version, CopyEdits.HeldOut7Rewrite),
            "heldout8" => (CopyEdits.HeldOut8Near, CopyEdits.HeldOut8Version, CopyEdits.HeldOut8Rewrite),
            _ => throw new ArgumentException($"Unknown edit set '{editSet}': tuned, tuned-earlier, heldout, heldout2, heldout3, heldout4, heldout5, heldout6, heldout7 or heldout8."),
        };

        // Base stories: distinct titles and texts, long enough to edit, in a seeded order.
        var titles = stories.GroupBy(s => NormTitle(s.Title), StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var pool = stories.Where(s => titles.Contains(NormTitle(s.Title)))
            .Select(s => (Story: s, Edit: EditableStory.Parse(s.Body)))
            .Where(x => x.Edit.Paragraphs.Count >= 3 && x.Edit.Words is >= 80 and <= 1200)
            .OrderBy(_ => rng.Next())
            .ToList();
        var bases = pool.Take(size).ToList();
        var donors = pool.Skip(size).Select(x => x.Edit).ToList();
        log($"{pool.Count} editable stories; {bases.Count} bases, {donors.Count} donors of new text");

        var docs = new List<Doc>();
        var copies = new List<Doc>();
        Dictionary<EditableStory, HashSet<string>>? donorNames = null;
        for (var i = 0; i < bases.Count; i++)
        {
            docs.Add(new Doc(bases[i].Story.Body, i, "base"));
            var r = rng.NextDouble();
            string? edit = r < 0.25 ? near[rng.Next(near.Length)]
                : r < 0.45 ? version[rng.Next(version.Length)]
                : r < 0.65 ? rewrite[rng.Next(rewrite.Length)]
                : r < 0.70 ? "exact/reflow"
                : null;
            if (edit is null || donors.Count == 0)
            {
                continue;
            }

            // New text comes from a donor story at least as long as the base; a follow-up's from one naming the same
            // people, companies or places (the donor sharing most names, two at least; else another edit).
            var donor = donors[rng.Next(donors.Count)];
            for (var t = 0; t < 20 && donor.Words < bases[i].Edit.Words; t++)
            {
                donor = donors[rng.Next(donors.Count)];
            }

            if (CopyEdits.UsesRelatedText(edit))
            {
                var names = CopyEdits.NamesOf(bases[i].Edit);
                donorNames ??= donors.ToDictionary(d => d, CopyEdits.NamesOf);
                // A follow-up is another story: not Reuters' own re-issue of the base (sharing half of the shorter
                // one's word 5-grams, as below), whose "new" lead would be the base's lead again.
                var baseShingles = CopyProfile.Build(bases[i].Story.Body).Shingles;
                var followUp = donors.Select(d => (Donor: d, Shared: donorNames[d].Count(names.Contains))).Where(x => x.Shared >= 2)
                    .OrderByDescending(x => x.Shared).Select(x => x.Donor)
                    .FirstOrDefault(d => !Reissue(baseShingles, CopyProfile.Build(d.Render()).Shingles));
                if (followUp is null)
                {
                    edit = version[0];
                }
                else
                {
                    donor = followUp;
                }
            }

            var copy = CopyEdits.Apply(edit, bases[i].Edit, donor, rng);
            if (CopyEdits.UsesNewText(edit))
            {
                // Each donor gives new text once: two copies sharing a donor's passage would be related in a way
                // the truth does not know.
                donors.Remove(donor);
            }

            copies.Add(new Doc(copy.Render(), i, edit));
        }

        if (Environment.GetEnvironmentVariable("DOSSIER_COPIES_EDITS") is { Length: > 0 } editsPath)
        {
            // Diagnostic: three examples of each edit, base and copy, written before anything is detected.
            File.WriteAllLines(editsPath, copies.GroupBy(c => c.Edit).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Take(3)).Select(c => $"=== {c.Edit}\n--- base\n{bases[c.Base].Story.Body}\n--- copy\n{c.Text}\n"));
            log("edit examples written to " + editsPath + "; nothing detected");
            return;
        }

        // Copies come after their bases, shuffled.
        docs = [.. docs.OrderBy(_ => rng.Next()), .. copies.OrderBy(_ => rng.Next())];
        var truth = new Dictionary<(int, int), (string Kind, string Edit)>();
        var baseDoc = new Dictionary<int, int>();
        for (var d = 0; d < docs.Count; d++)
        {
            if (docs[d].Edit == "base")
            {
                baseDoc[docs[d].Base] = d;
            }
        }

        // An edit that happened to change only case, spacing or punctuation (a heading recased, a stray full stop
        // cut) made an exact copy: the truth follows the definition, checked here independently of the detector.
        var madeExact = 0;
        for (var d = 0; d < docs.Count; d++)
        {
            if (docs[d].Edit != "base")
            {
                var kind = docs[d].Edit.Split('/')[0];
                if (kind != "exact" && SameWords(docs[baseDoc[docs[d].Base]].Text, docs[d].Text))
                {
                    kind = "exact";
                    madeExact++;
                }

                truth[(baseDoc[docs[d].Base], d)] = (kind, docs[d].Edit);
            }
        }

        var sw = Stopwatch.StartNew();
        var profiles = new CopyDoc[docs.Count];
        Parallel.For(0, docs.Count, i => profiles[i] = CopyDoc.Of(docs[i].Text));
        var detectSeconds = sw.Elapsed.TotalSeconds;

        // Reuters' own duplicates among the bases (exact Jaccard >= 0.8): exact or near by definition.
        var baseIds = Enumerable.Range(0, docs.Count).Where(d => docs[d].Edit == "base").ToArray();
        foreach (var (x, y) in ExactPairs([.. baseIds.Select(d => profiles[d].Profile.Shingles)], 0.8))
        {
            var (a, b) = (baseIds[x], baseIds[y]);
            var kind = profiles[a].Profile.ExactHash == profiles[b].Profile.ExactHash ? "exact" : "near";
            truth[(Math.Min(a, b), Math.Max(a, b))] = (kind, "reuters/" + kind);
        }

        sw.Restart();
        var detector = new CopyDetector(i => profiles[i]);
        var predicted = new Dictionary<(int, int), string>();
        var evidence = new Dictionary<(int, int), CopyEvidence>();
        foreach (var p in profiles)
        {
            foreach (var c in detector.Process(p).Copies)
            {
                predicted[(Math.Min(c.A, c.B), Math.Max(c.A, c.B))] = CopyComparer.Name(c.Match.Kind);
                evidence[(Math.Min(c.A, c.B), Math.Max(c.A, c.B))] = c.Match.Evidence;
            }
        }

        var seconds = sw.Elapsed.TotalSeconds + detectSeconds;

        // A base with exact duplicates among the bases (Reuters' own) is indexed once: a copy of it is related to the
        // first of them. That relation is the labelled one (same texts), so it answers the label of the base's copy.
        var firstOfExact = new Dictionary<ulong, int>();
        var aliasCredited = 0;
        foreach (var d in baseIds.Order())
        {
            firstOfExact.TryAdd(profiles[d].Profile.ExactHash, d);
        }

        foreach (var ((a, b), _) in truth.Where(t => !t.Value.Edit.StartsWith("reuters/", StringComparison.Ordinal)).ToList())
        {
            if (!predicted.ContainsKey((a, b)) && firstOfExact.TryGetValue(profiles[a].Profile.ExactHash, out var first) && first != a
                && predicted.Remove((Math.Min(first, b), Math.Max(first, b)), out var kind))
            {
                predicted[(a, b)] = kind;
                evidence[(a, b)] = evidence[(Math.Min(first, b), Math.Max(first, b))];
                aliasCredited++;
            }
        }

        // Reuters' own re-issues and updates among the bases: two bases sharing half or more of the shorter one's
        // shingles verbatim are related in a way no label says; relations between their families are not judged.
        // Nor are those between the families of Reuters' labelled duplicates (a rewrite of one is a rewrite of both).
        var natural = truth.Where(t => t.Value.Edit.StartsWith("reuters/", StringComparison.Ordinal))
            .Select(t => (Math.Min(docs[t.Key.Item1].Base, docs[t.Key.Item2].Base), Math.Max(docs[t.Key.Item1].Base, docs[t.Key.Item2].Base)))
            .ToHashSet();
        var labelledDuplicates = natural.Count;
        foreach (var (x, y) in predicted.Keys.Where(k => docs[k.Item1].Edit == "base" && docs[k.Item2].Edit == "base" && !truth.ContainsKey(k)))
        {
            var (sa, sb) = (profiles[x].Profile.Shingles, profiles[y].Profile.Shingles);
            if (CopyProfile.Intersect(sa, sb) >= 0.5 * Math.Min(sa.Length, sb.Length))
            {
                natural.Add((Math.Min(docs[x].Base, docs[y].Base), Math.Max(docs[x].Base, docs[y].Base)));
            }
        }

        bool Unjudged((int, int) k) => !truth.ContainsKey(k)
            && natural.Contains((Math.Min(docs[k.Item1].Base, docs[k.Item2].Base), Math.Max(docs[k.Item1].Base, docs[k.Item2].Base)));
        var unjudged = predicted.Keys.Where(Unjudged).ToList();
        foreach (var k in unjudged)
        {
            predicted.Remove(k);
        }

        metrics.Add(new BenchMetric("reuters_reissue_pairs_found", natural.Count - labelledDuplicates, "pairs"));
        metrics.Add(new BenchMetric("unjudged_relations", unjudged.Count, "pairs"));
        metrics.Add(new BenchMetric("exact_duplicate_relations_credited", aliasCredited, "pairs"));
        metrics.Add(new BenchMetric("edits_that_made_exact_copies", madeExact, "pairs"));
        metrics.Add(new BenchMetric("quality_documents", docs.Count, "docs"));
        metrics.Add(new BenchMetric("quality_truth_pairs", truth.Count, "pairs"));
        metrics.Add(new BenchMetric("quality_detect_time", seconds, "s"));
        foreach (var kind in new[] { "exact", "near", "version", "rewrite" })
        {
            var tp = truth.Count(t => t.Value.Kind == kind && predicted.TryGetValue(t.Key, out var k) && k == kind);
            var total = truth.Count(t => t.Value.Kind == kind);
            var said = predicted.Count(p => p.Value == kind);
            metrics.Add(new BenchMetric($"{kind}_precision", said == 0 ? 1 : tp / (double)said, "ratio"));
            metrics.Add(new BenchMetric($"{kind}_recall", total == 0 ? 1 : tp / (double)total, "ratio"));
            metrics.Add(new BenchMetric($"{kind}_truth", total, "pairs"));
        }

        var related = truth.Count(t => predicted.ContainsKey(t.Key));
        metrics.Add(new BenchMetric("any_relation_recall", truth.Count == 0 ? 1 : related / (double)truth.Count, "ratio"));
        metrics.Add(new BenchMetric("any_relation_precision", predicted.Count == 0 ? 1 : predicted.Keys.Count(truth.ContainsKey) / (double)predicted.Count, "ratio"));
        foreach (var g in truth.GroupBy(t => t.Value.Edit).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ok = g.Count(t => predicted.TryGetValue(t.Key, out var k) && k == t.Value.Kind);
            var confusion = string.Join(", ", g.GroupBy(t => predicted.GetValueOrDefault(t.Key, "none")).Select(x => $"{x.Key} {x.Count()}"));
            notes.Add($"{g.Key}: {ok}/{g.Count()} right kind ({confusion})");
        }

        notes.Add("unlabelled relations: " + string.Join(", ", predicted.Where(p => !truth.ContainsKey(p.Key)).GroupBy(p => p.Value).Select(g => $"{g.Key} {g.Count()}")));
        foreach (var fp in predicted.Where(p => !truth.ContainsKey(p.Key)).Take(8))
        {
            var ev = evidence[fp.Key];
            notes.Add($"unlabelled relation {fp.Value} (j {ev.Jaccard}, cov {ev.CoverageA}/{ev.CoverageB}, {ev.SharedSentences}+{ev.RewordedSentences} matched, {docs[fp.Key.Item1].Edit}/{docs[fp.Key.Item2].Edit}): {Clip(docs[fp.Key.Item1].Text)} || {Clip(docs[fp.Key.Item2].Text)}");
        }

        if (Environment.GetEnvironmentVariable("DOSSIER_COPIES_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, predicted.Where(p => !truth.ContainsKey(p.Key)).Take(12)
                .Select(p => $"=== {p.Value} {evidence[p.Key]}\n--- A\n{docs[p.Key.Item1].Text}\n--- B\n{docs[p.Key.Item2].Text}\n"));
        }

        if (Environment.GetEnvironmentVariable("DOSSIER_COPIES_FEATURES") is { Length: > 0 } featuresPath)
        {
            var judged = truth.Keys.Union(predicted.Keys).Distinct()
                .Select(k => (k.Item1, k.Item2, truth.TryGetValue(k, out var t) ? t.Kind : "none", truth.TryGetValue(k, out var e) ? e.Edit : docs[k.Item1].Edit + "/" + docs[k.Item2].Edit, predicted.GetValueOrDefault(k, "none")));
            CopiesFeatures.Write(featuresPath, profiles, [.. judged]);
            File.WriteAllText(featuresPath + ".docs.json", System.Text.Json.JsonSerializer.Serialize(docs.Select(x => new { x.Base, x.Edit, x.Text })));
        }

        notes.Add($"seed {seed}, edits {editSet}; thresholds tuned on seed 1 with tuned edits.");
    }

    private static bool Reissue(ulong[] x, ulong[] y) => CopyProfile.Intersect(x, y) >= 0.5 * Math.Min(x.Length, y.Length);

    /// <summary>The same words, case, spacing and punctuation aside ("U.S." is "us", "1,750" is "1750").</summary>
    private static bool SameWords(string x, string y)
    {
        static IEnumerable<string> Words(string t) =>
            new string([.. t.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c))])
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        return Words(x).SequenceEqual(Words(y), StringComparer.Ordinal);
    }

    private static string Clip(string s) => s.Length <= 80 ? s.ReplaceLineEndings(" ") : s[..80].ReplaceLineEndings(" ") + "…";

    private static string NormTitle(string title) =>
        title.Replace("(CORRECTED)", "", StringComparison.Ordinal).Replace("CORRECTED -", "", StringComparison.Ordinal).Trim();

    // ---------------------------------------------------------------- the analyze stage

    private static void Stage(string folder, string scratch, List<BenchMetric> metrics, List<string> notes, Action<string> log)
    {
        // As `dossier analyze` runs it: ingest into a throwaway store, the copies stage once after the last batch on the
        // articles held in memory, then the copies section. No other stage runs, so the process CPU between the
        // stage callbacks is the stage's own.
        var db = Path.Combine(scratch, $"copies-stage-{Environment.ProcessId}.db");
        using var proc = Process.GetCurrentProcess();
        using var store = new Dossier.Store.SqliteArticleStore(db);
        var pipeline = new Dossier.Analysis.DossierPipelineBuilder().Use(new CopiesStage()).Use(new CopiesSection()).Build();
        var ingestor = new Dossier.Ingestion.Ingestor(store);
        using var run = new Dossier.Analysis.AnalysisRun(store, pipeline, new Dossier.Analysis.AnalysisRunOptions { DeferIncremental = true });
        ingestor.BatchStored += run.OnBatchStored;
        double Cpu()
        {
            proc.Refresh();
            return proc.TotalProcessorTime.TotalSeconds;
        }

        // The copies index takes each stored batch as it is stored (unless the run defers it): its cost is in the ingest.
        var beforeIngest = Cpu();
        var report = ingestor.Ingest([folder]);
        var ingestCpu = Cpu() - beforeIngest;
        log($"ingested {report.Added:N0} articles");
        var marks = new List<(string Stage, double Cpu, double Wall)>();
        var sw = Stopwatch.StartNew();

        var start = Cpu();
        var context = run.Finish(report.ArticleIds, stage => marks.Add((stage, Cpu(), sw.Elapsed.TotalSeconds)));
        marks.Add(("end", Cpu(), sw.Elapsed.TotalSeconds));

        // The incremental stage, when the run defers it, runs from its mark to the next one; the copies section from its
        // mark to the next (it compares in memory the articles the incremental stage did not see).
        (double Cpu, double Wall) Span(string stage)
        {
            var at = marks.FindIndex(m => m.Stage == stage);
            return at < 0 ? (0, 0) : (marks[at + 1].Cpu - marks[at].Cpu, marks[at + 1].Wall - marks[at].Wall);
        }

        var incremental = Span("copies (incremental)").Cpu;
        var section = Span("copies").Cpu;
        // A digest of the relations in a fixed order: equal digests mean the stage stored the same relations.
        var relations = store.GetRelations().OrderBy(r => r.A, StringComparer.Ordinal).ThenBy(r => r.B, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
        var text = string.Join("\n", relations.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.A} {r.B} {r.Kind} {r.Score:R} {r.Evidence}")));
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        metrics.Add(new BenchMetric("stage_articles", report.ArticleIds.Count, "articles"));
        metrics.Add(new BenchMetric("stage_incremental_cpu", incremental, "CPU-s"));
        metrics.Add(new BenchMetric("stage_incremental_wall", Span("copies (incremental)").Wall, "s"));
        metrics.Add(new BenchMetric("stage_section_cpu", section, "CPU-s"));
        metrics.Add(new BenchMetric("stage_finish_cpu", marks[^1].Cpu - start, "CPU-s"));
        metrics.Add(new BenchMetric("stage_ingest_cpu", ingestCpu, "CPU-s"));
        metrics.Add(new BenchMetric("stage_relations", relations.Count, "relations"));
        metrics.Add(new BenchMetric("stage_analysis_copies", context.Document.Copies.Count, "relations"));
        notes.Add($"relations digest {digest} (SHA-256 of the sorted relations with score and evidence; equal before and after a speed change).");
        notes.Add("kinds: " + string.Join(", ", relations.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
    }

    // ---------------------------------------------------------------- scale

    private static void Scale(IReadOnlyList<ReutersStory> stories, int size, List<BenchMetric> metrics, List<string> notes, Action<string> log)
    {
        var sentences = stories.SelectMany(s => EditableStory.Parse(s.Body).Paragraphs.SelectMany(p => p))
            .Where(s => s.Length > 30).Distinct(StringComparer.Ordinal).ToArray();
        log($"sentence pool: {sentences.Length}");
        var generator = new ScaleGenerator(sentences, size);
        var sw = Stopwatch.StartNew();
        var index = new CopyIndex();
        var options = SignatureOptions.Default with { KeysPerSentence = 0 };
        var found = 0L;
        var candidates = 0L;
        var foundPairs = new HashSet<long>();
        var rep = new int[size];
        var lastLog = Stopwatch.StartNew();
        var batch = Environment.ProcessorCount * 256;
        var sigs = new CopySignature[batch];
        var shingles = new ulong[batch][];
        for (var start = 0; start < size; start += batch)
        {
            var n = Math.Min(batch, size - start);

            // Hash a block in parallel, then query and add one by one in order (the incremental path).
            Parallel.For(0, n, k =>
            {
                var p = CopyProfile.Build(generator.Text(start + k));
                shingles[k] = p.Shingles;
                sigs[k] = CopySignature.Of(p, options);
            });
            for (var k = 0; k < n; k++)
            {
                var i = start + k;
                rep[i] = i;
                foreach (var c in index.Query(sigs[k]))
                {
                    candidates++;
                    if (c.Exact)
                    {
                        rep[i] = rep[c.Ordinal];
                    }

                    var ok = c.Exact || CopyProfile.Jaccard(CopyProfile.Build(generator.Text(c.Ordinal)).Shingles, shingles[k]) >= 0.8;
                    if (ok)
                    {
                        found++;
                        foundPairs.Add(((long)c.Ordinal << 32) | (uint)i);
                    }
                }

                index.Add(sigs[k]);
            }

            if (lastLog.Elapsed.TotalSeconds > 10)
            {
                log($"{start + n:N0} indexed, {found:N0} pairs, {sw.Elapsed.TotalSeconds:0}s, index {index.MemoryBytes / 1048576.0:0} MiB");
                lastLog.Restart();
            }
        }

        var seconds = sw.Elapsed.TotalSeconds;

        // Exact copies share one shingle set and link through the first of them (the one the index keeps).
        // Truth by construction: each copy and its original, and copies of one original, with exact Jaccard >= 0.8.
        var truth = 0;
        var hit = 0;
        foreach (var family in generator.Families())
        {
            var sets = family.Select(i => CopyProfile.Build(generator.Text(i)).Shingles).ToArray();
            for (var x = 0; x < family.Count; x++)
            {
                for (var y = x + 1; y < family.Count; y++)
                {
                    if (CopyProfile.Jaccard(sets[x], sets[y]) >= 0.8)
                    {
                        truth++;
                        var (rx, ry) = (rep[family[x]], rep[family[y]]);
                        if (rx == ry || foundPairs.Contains(((long)Math.Min(rx, ry) << 32) | (uint)Math.Max(rx, ry)))
                        {
                            hit++;
                        }
                    }
                }
            }
        }

        metrics.Add(new BenchMetric("scale_documents", size, "docs"));
        metrics.Add(new BenchMetric("scale_index_and_pairs_time", seconds, "s"));
        metrics.Add(new BenchMetric("scale_rate", size / seconds, "docs/s"));
        metrics.Add(new BenchMetric("scale_pairs_found", found, "pairs"));
        metrics.Add(new BenchMetric("scale_candidates_verified", candidates, "pairs"));
        metrics.Add(new BenchMetric("scale_truth_pairs", truth, "pairs"));
        metrics.Add(new BenchMetric("scale_recall", truth == 0 ? 1 : hit / (double)truth, "ratio"));
        metrics.Add(new BenchMetric("scale_index_memory", index.MemoryBytes / 1048576.0, "MiB"));
        notes.Add($"{size:N0} articles of 6-12 Reuters sentences, 10% light-edit copies of an earlier article; LSH path (bands only), verified by exact Jaccard >= 0.8.");
    }

    /// <summary>Deterministic generated articles: text i is a function of i alone, so verification regenerates instead of storing texts.</summary>
    private sealed class ScaleGenerator(string[] sentences, int size)
    {
        private readonly int[] _copyOf = BuildCopyOf(size);

        private static int[] BuildCopyOf(int size)
        {
            var copyOf = new int[size];
            for (var i = 0; i < size; i++)
            {
                var r = new Random(i * 7919 + 17);
                copyOf[i] = i > 10 && r.NextDouble() < 0.1 ? Original(copyOf, r.Next(i)) : -1;
            }

            return copyOf;
        }

        private static int Original(int[] copyOf, int j) => copyOf[j] >= 0 ? copyOf[j] : j;

        public string Text(int i)
        {
            if (_copyOf[i] < 0)
            {
                var r = new Random(i * 31 + 5);
                var n = 6 + r.Next(7);
                var parts = new string[n];
                for (var k = 0; k < n; k++)
                {
                    parts[k] = sentences[r.Next(sentences.Length)];
                }

                return string.Join("\n\n", parts);
            }

            // A light edit of the original: one word changed in one paragraph.
            var original = Text(_copyOf[i]).Split("\n\n");
            var e = new Random(i * 131 + 3);
            var p = e.Next(original.Length);
            var words = original[p].Split(' ');
            words[e.Next(words.Length)] = "edited";
            original[p] = string.Join(' ', words);
            return string.Join("\n\n", original);
        }

        public IEnumerable<List<int>> Families()
        {
            var families = new Dictionary<int, List<int>>();
            for (var i = 0; i < _copyOf.Length; i++)
            {
                if (_copyOf[i] >= 0)
                {
                    if (!families.TryGetValue(_copyOf[i], out var l))
                    {
                        families[_copyOf[i]] = l = [_copyOf[i]];
                    }

                    l.Add(i);
                }
            }

            return families.Values;
        }
    }
}
