using System.CommandLine;
using System.Globalization;
using Dossier.Core;
using Dossier.Corpora;
using Dossier.Stories;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier eval-stories</c>: clusters a labelled corpus (ECB+ folder or JSON Lines with a <c>story</c> field)
/// and scores it against the gold labels (B-cubed and pairwise). JSON schema: docs/json/eval-stories.md.
/// </summary>
public sealed class EvalStoriesCommand : IVerb
{
    public int Order => 210;

    public Command Build(CliContext context)
    {
        var ecb = new Option<string?>("--ecbplus") { Description = "ECB+ corpus folder (one sub-folder per topic). Gold event = topic + ecb/ecbplus." };
        var jsonl = new Option<string?>("--jsonl") { Description = "JSON Lines file: one article a line with text and a gold \"story\" label." };
        var topics = new Option<string?>("--topics") { Description = "ECB+ topics to use, e.g. 1-10 (dev) or 11-45; default all." };
        var assignments = new Option<string?>("--assignments") { Description = "Write the predicted assignment (article id TAB story id) to this file ('-' = stdout)." };
        var threshold = new Option<float?>("--threshold") { Description = "Override the join threshold (for tuning on dev data only)." };
        var set = new Option<string[]>("--set") { Description = "Override other options as Name=value (StoryOptions property names).", AllowMultipleArgumentsPerToken = true };
        var min = new Option<double?>("--min") { Description = "Exit with code 4 when the event-level B-cubed F1 is below this." };
        var trace = new Option<bool>("--trace") { Description = "Print, per article, the best candidate story, its similarity and the story joined (stderr)." };
        var online = new Option<bool>("--online") { Description = "Score the online (incremental) clustering instead of the batch re-clustering." };
        var sweep = new Option<string?>("--sweep") { Description = "Batch mode: print event-level scores for each of these thresholds (comma-separated), for tuning on dev data." };
        var json = CommonOptions.Json();
        var cmd = new Command("eval-stories", "Score story clustering against a labelled corpus (B-cubed and pairwise F1).")
        {
            ecb, jsonl, topics, assignments, threshold, set, min, trace, online, sweep, json,
        };
        cmd.SetAction(p =>
        {
            var options = StoryOptionsParser.Apply(StoryOptions.Default, p.GetValue(set) ?? []);
            if (p.GetValue(threshold) is { } t)
            {
                options = options with { Threshold = t };
            }

            List<Article> articles;
            Dictionary<string, string> gold;
            Dictionary<string, string>? goldTopic = null;
            string corpus;
            if (p.GetValue(ecb) is { } dir)
            {
                var filter = TopicFilter(p.GetValue(topics));
                var docs = EcbPlusReader.ReadCorpus(dir, filter);
                articles = [.. docs.Select(d => d.ToArticle())];
                gold = docs.ToDictionary(d => articles[docs.ToList().IndexOf(d)].Id, d => d.GoldEvent, StringComparer.Ordinal);
                goldTopic = docs.ToDictionary(d => articles[docs.ToList().IndexOf(d)].Id, d => d.GoldTopic, StringComparer.Ordinal);
                corpus = "ecbplus";
            }
            else if (p.GetValue(jsonl) is { } file)
            {
                var items = JsonlGoldReader.Read(file);
                articles = [.. items.Select(i => i.Article)];
                gold = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var i in items)
                {
                    if (!gold.TryAdd(i.Article.Id, i.Story))
                    {
                        throw new DossierException($"Gold file '{file}': article id '{i.Article.Id}' appears twice.");
                    }
                }

                corpus = "jsonl";
            }
            else
            {
                context.Fail("eval-stories needs --ecbplus DIR or --jsonl FILE.");
                return ExitCodes.Usage;
            }

            Action<string, string?, float, string>? tracer = p.GetValue(trace)
                ? (a, best, score, joined) => context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a}\tgold={gold[a]}\tbest={best ?? "-"}\t{score:0.000}\t-> {joined}"))
                : null;
            if (p.GetValue(sweep) is { } sw)
            {
                var ths = sw.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToList();
                var ex = new StoryFeatureExtractor(options);
                var feats = articles.Select(ex.Extract).ToList();
                foreach (var (th, groups, topicGroups) in new BatchStoryClusterer(options).Sweep(feats, ths))
                {
                    var sc = ClusterScores.Score(GroupMap(articles, groups), gold);
                    var line = string.Create(CultureInfo.InvariantCulture, $"threshold {th:0.000}\tclusters {sc.PredictedClusters}\tB3 P {sc.BCubedPrecision:0.0000} R {sc.BCubedRecall:0.0000} F1 {sc.BCubedF1:0.0000}\tpairwise F1 {sc.PairwiseF1:0.0000}");
                    if (goldTopic is not null)
                    {
                        var tc = ClusterScores.Score(GroupMap(articles, topicGroups), goldTopic);
                        line += string.Create(CultureInfo.InvariantCulture, $"\ttopics {tc.PredictedClusters} B3 F1 {tc.BCubedF1:0.0000}");
                    }

                    context.Out.WriteLine(line);
                }

                return ExitCodes.Ok;
            }

            Dictionary<string, string> predicted;
            Dictionary<string, string>? predictedTopics = null;
            var mode = p.GetValue(online) ? "online" : "batch";
            if (p.GetValue(online))
            {
                predicted = StoryBatch.Assignment(StoryBatch.Cluster(articles, options, trace: tracer));
            }
            else
            {
                var batch = new BatchStoryClusterer(options);
                (predicted, predictedTopics) = batch.AssignWithTopics(articles);
            }

            var evt = ClusterScores.Score(predicted, gold);
            var top = goldTopic is null ? null : ClusterScores.Score(predictedTopics ?? predicted, goldTopic);
            if (p.GetValue(assignments) is { } path)
            {
                var lines = articles.Select(a => a.Id + "\t" + predicted[a.Id]);
                if (path == "-")
                {
                    foreach (var l in lines)
                    {
                        context.Out.WriteLine(l);
                    }
                }
                else
                {
                    File.WriteAllLines(path, lines);
                }
            }

            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    corpus,
                    mode,
                    topics = p.GetValue(topics),
                    articles = articles.Count,
                    threshold = p.GetValue(online) ? options.Threshold : options.BatchThreshold,
                    topic_threshold = p.GetValue(online) ? (float?)null : options.TopicThreshold,
                    @event = ToJson(evt),
                    topic = top is null ? null : ToJson(top),
                    assignments = articles.Select(a => new { article = a.Id, story = predicted[a.Id], topic = predictedTopics?.GetValueOrDefault(a.Id), gold = gold[a.Id] }),
                });
            }
            else if (p.GetValue(assignments) != "-")
            {
                var table = new Table().Border(TableBorder.Rounded).Title($"[bold]eval-stories {corpus}[/] ({articles.Count} articles)")
                    .AddColumns("Level", "Gold", "Predicted", "B³ P", "B³ R", "B³ F1", "Pair P", "Pair R", "Pair F1");
                Row(table, "event", evt);
                if (top is not null)
                {
                    Row(table, "topic", top);
                }

                context.Console.Write(table);
            }

            return p.GetValue(min) is { } floor && evt.BCubedF1 < floor ? ExitCodes.BelowThreshold : ExitCodes.Ok;
        });
        return cmd;
    }

    private static Dictionary<string, string> GroupMap(List<Article> articles, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            foreach (var i in g)
            {
                map[articles[i].Id] = articles[g[0]].Id;
            }
        }

        return map;
    }

    private static object ToJson(ClusterScores s) => new
    {
        items = s.Items,
        gold_clusters = s.GoldClusters,
        predicted_clusters = s.PredictedClusters,
        bcubed = new { precision = Math.Round(s.BCubedPrecision, 4), recall = Math.Round(s.BCubedRecall, 4), f1 = Math.Round(s.BCubedF1, 4) },
        pairwise = new { precision = Math.Round(s.PairwisePrecision, 4), recall = Math.Round(s.PairwiseRecall, 4), f1 = Math.Round(s.PairwiseF1, 4) },
    };

    private static void Row(Table t, string level, ClusterScores s)
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        t.AddRow(level, s.GoldClusters.ToString(CultureInfo.InvariantCulture), s.PredictedClusters.ToString(CultureInfo.InvariantCulture),
            F(s.BCubedPrecision), F(s.BCubedRecall), F(s.BCubedF1), F(s.PairwisePrecision), F(s.PairwiseRecall), F(s.PairwiseF1));
    }

    /// <summary>Parses "1-10", "11-45", "1,3,5-7"; null = all.</summary>
    public static Func<int, bool>? TopicFilter(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            return null;
        }

        var ranges = new List<(int From, int To)>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(part[..dash], CultureInfo.InvariantCulture, out var a) && int.TryParse(part[(dash + 1)..], CultureInfo.InvariantCulture, out var b))
            {
                ranges.Add((a, b));
            }
            else if (int.TryParse(part, CultureInfo.InvariantCulture, out var one))
            {
                ranges.Add((one, one));
            }
            else
            {
                DossierThrow.Dossier_BadOption("--topics", spec, "topic numbers and ranges such as 1-10 or 1,3,5-7");
            }
        }

        return t => ranges.Any(r => t >= r.From && t <= r.To);
    }
}
