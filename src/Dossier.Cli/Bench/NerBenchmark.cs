using System.Diagnostics;
using System.Globalization;
using Dossier.Core;
using Dossier.Entities;
using Dossier.Entities.Ner;
using Dossier.Text;

namespace Dossier.Cli.Bench;

/// <summary>
/// <c>dossier bench ner</c>: model load time; CoNLL-2003 dev F1 and tagging speed on its given tokens; and
/// tokenise + split + NER (+ rules and in-article resolution) over Reuters-21578 bodies, all on one thread.
/// </summary>
public sealed class NerBenchmark : IBenchmark
{
    public string Name => "ner";

    public string Description => "NER: model load, CoNLL-2003 eng.testa F1 and speed, and tokenise+split+NER over Reuters-21578 on one thread (--set conll=PATH articles=N; compare=true adds Apache OpenNLP trained on train=PATH and wink-nlp, side by side).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metrics = new List<BenchMetric>();
        var notes = new List<string>();

        var sw = Stopwatch.StartNew();
        var model = NerModel.Default;
        metrics.Add(new BenchMetric("model_load_wall", NerModel.LoadMilliseconds, "ms"));
        metrics.Add(new BenchMetric("model_load_cpu", NerModel.LoadCpuMilliseconds, "cpu-ms"));
        metrics.Add(new BenchMetric("model_features", model.FeatureCount, "features"));

        var conll = context.Options.TryGetValue("conll", out var c) ? c : Path.Combine("..", "shared", "data", "conll2003", "eng.testa");
        if (File.Exists(conll))
        {
            var sentences = Conll.Read(conll);
            var words = sentences.Select(s => s.Words).ToList();
            var gold = sentences.Select(s => NerTags.FromIob(s.Labels)).ToList();
            model.Predict(words[0]);
            var docs = Conll.Windows(words);
            sw.Restart();
            var cpu = Cpu();
            var predicted = words.Select((w, i) => model.Predict(w, docs[i])).ToList();
            var seconds = sw.Elapsed.TotalSeconds;
            var cpuSeconds = Cpu() - cpu;
            var score = Conll.Score(gold, predicted);
            var tokens = words.Sum(w => w.Length);
            metrics.Add(new BenchMetric("conll_dev_f1", score.F1, "F1"));
            metrics.Add(new BenchMetric("conll_dev_precision", score.Precision, "P"));
            metrics.Add(new BenchMetric("conll_dev_recall", score.Recall, "R"));
            metrics.Add(new BenchMetric("conll_tag_speed_wall", tokens / seconds, "tokens/s"));
            metrics.Add(new BenchMetric("conll_tag_speed_cpu", tokens / cpuSeconds, "tokens/cpu-s"));
            notes.Add($"{conll}: {score}");
        }

        var folder = BenchCorpus.ReutersFolder(context.Corpus);
        var articles = context.Options.TryGetValue("articles", out var a) ? int.Parse(a, CultureInfo.InvariantCulture) : 3000;
        var texts = UnlabelledStatistics.ReutersBodies(folder).Take(context.Size ?? articles).ToList();
        var recognizer = EntityRecognizer.Default;
        var analyzer = NewsTextAnalyzer.Default;
        foreach (var t in texts.Take(100))
        {
            recognizer.Recognize(t, analyzer.Analyze(t));
        }

        long total = 0, names = 0;
        sw.Restart();
        var cpuNer = Cpu();
        foreach (var t in texts)
        {
            var layer = analyzer.Analyze(t);
            total += layer.Tokens.Count;
            names += recognizer.Recognize(t, layer).Count;
        }

        var nerSeconds = sw.Elapsed.TotalSeconds;
        var nerCpu = Cpu() - cpuNer;
        metrics.Add(new BenchMetric("tokenise_split_ner_speed_wall", total / nerSeconds, "tokens/s"));
        metrics.Add(new BenchMetric("tokenise_split_ner_speed_cpu", total / nerCpu, "tokens/cpu-s"));
        metrics.Add(new BenchMetric("names_found", names, "names"));

        long resolvedTokens = 0;
        var stage = new EntityStage();
        var layers = new List<(string, EntityLayer)>(texts.Count);
        sw.Restart();
        var cpuResolve = Cpu();
        foreach (var t in texts)
        {
            var article = new Article { Id = "a" + layers.Count.ToString(CultureInfo.InvariantCulture), SourcePath = "bench", Format = SourceFormat.Text, RawInput = t, SourceText = t, Text = t, Map = OffsetMap.Identity(t.Length) };
            var layer = analyzer.Analyze(t);
            resolvedTokens += layer.Tokens.Count;
            layers.Add((article.Id, stage.Annotate(article, layer)));
        }

        metrics.Add(new BenchMetric("tokenise_split_ner_resolve_speed_wall", resolvedTokens / sw.Elapsed.TotalSeconds, "tokens/s"));
        metrics.Add(new BenchMetric("tokenise_split_ner_resolve_speed_cpu", resolvedTokens / (Cpu() - cpuResolve), "tokens/cpu-s"));
        sw.Restart();
        var corpus = CorpusResolver.Default.Resolve(layers);
        metrics.Add(new BenchMetric("cross_article_resolve", sw.Elapsed.TotalSeconds, "s"));
        metrics.Add(new BenchMetric("corpus_entities", corpus.Entities.Count, "entities"));
        metrics.Add(new BenchMetric("articles", texts.Count, "articles"));
        if (context.Options.TryGetValue("compare", out var compare) && compare == "true")
        {
            var train = context.Options.TryGetValue("train", out var tr) ? tr : Path.Combine(Path.GetDirectoryName(conll) ?? ".", "eng.train");
            NerComparison.OpenNlp(context, train, conll, metrics, notes);
            NerComparison.Wink(context, texts, metrics, notes);
        }

        notes.Add("One thread; *_cpu figures divide by the process CPU time (Environment.CpuUsage), which stays meaningful on a loaded machine, *_wall by elapsed time.");
        notes.Add("Reference (issue 6): Apache OpenNLP name finder trained on eng.train scores F1 0.877 on eng.testa and tags 127k tokens/s; MITIE about 54k words/s.");
        return new BenchResult(Name, metrics, notes);
    }

    /// <summary>CPU seconds used by this process so far.</summary>
    internal static double Cpu() => Environment.CpuUsage.TotalTime.TotalSeconds;
}
