using System.Diagnostics;
using System.Globalization;
using Dossier.Entities.Ner;
using Dossier.Text;

namespace Dossier.Cli.Bench;

/// <summary><c>dossier bench text</c>: tokenising and sentence splitting of the Reuters-21578 bodies on one thread.</summary>
public sealed class TextBenchmark : IBenchmark
{
    public string Name => "text";

    public string Description => "Tokenise and split sentences of the Reuters-21578 article bodies on one thread (--set passes=N).";

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = BenchCorpus.ReutersFolder(context.Corpus);
        var texts = UnlabelledStatistics.ReutersBodies(folder).ToList();
        if (context.Size is { } n)
        {
            texts = [.. texts.Take(n)];
        }

        var passes = context.Options.TryGetValue("passes", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 3;
        long chars = texts.Sum(t => (long)t.Length);

        var (tokens, sentences, best, bestCpu) = TimeTokenising(texts, passes,
            (pass, seconds) => context.Log(string.Create(CultureInfo.InvariantCulture, $"pass {pass + 1}: {seconds:0.000}s")));

        return new BenchResult(Name,
        [
            new BenchMetric("articles", texts.Count, "articles"),
            new BenchMetric("tokens", tokens, "tokens"),
            new BenchMetric("sentences", sentences, "sentences"),
            new BenchMetric("tokenise_split_speed_wall", tokens / best, "tokens/s"),
            new BenchMetric("tokenise_split_speed_cpu", tokens / bestCpu, "tokens/cpu-s"),
            new BenchMetric("tokenise_split_chars", chars / best / 1e6, "M chars/s"),
        ],
        [$"Best of {passes} passes over {folder} on one thread (*_cpu: per second of process CPU time, *_wall: per elapsed second). Reference (issue 6): wink-nlp tokenises and splits at 1.3M tokens/s."]);
    }

    /// <summary>
    /// Tokenises and splits <paramref name="texts"/> on one thread: a warm-up on the first 500, then the best wall and
    /// CPU seconds of <paramref name="passes"/> passes, with the token and sentence counts of a pass.
    /// </summary>
    internal static (long Tokens, long Sentences, double Wall, double Cpu) TimeTokenising(
        IReadOnlyList<string> texts, int passes, Action<int, double>? onPass = null)
    {
        var analyzer = NewsTextAnalyzer.Default;
        foreach (var t in texts.Take(500))
        {
            analyzer.Analyze(t);
        }

        long tokens = 0, sentences = 0;
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        for (var pass = 0; pass < passes; pass++)
        {
            tokens = 0;
            sentences = 0;
            var sw = Stopwatch.StartNew();
            var cpu = NerBenchmark.Cpu();
            foreach (var t in texts)
            {
                var layer = analyzer.Analyze(t);
                tokens += layer.Tokens.Count;
                sentences += layer.Sentences.Count;
            }

            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, NerBenchmark.Cpu() - cpu);
            onPass?.Invoke(pass, sw.Elapsed.TotalSeconds);
        }

        return (tokens, sentences, best, bestCpu);
    }
}
