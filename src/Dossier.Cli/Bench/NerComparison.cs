using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Entities.Ner;
using Dossier.Text;

namespace Dossier.Cli.Bench;

/// <summary>
/// The side-by-side part of <c>dossier bench ner --set compare=true</c>: Apache OpenNLP's name finder (Debian package
/// <c>opennlp</c>) trained with its defaults on the same eng.train, run on eng.testa and scored by the same scorer as
/// Dossier's tagger; and wink-nlp (npm, <c>bench/wink</c>) tokenising and splitting the same texts as Dossier's
/// tokeniser. A tool that is not installed is reported as such, with the error, and the rest still runs.
/// </summary>
internal static class NerComparison
{
    /// <summary>OpenNLP type names for Dossier's four CoNLL types (PER, ORG, LOC, MISC).</summary>
    private static readonly string[] OpenNlpTypes = ["per", "org", "loc", "misc"];

    public static void OpenNlp(BenchContext context, string train, string dev, List<BenchMetric> metrics, List<string> notes)
    {
        var opennlp = FindOnPath("opennlp");
        if (opennlp is null)
        {
            notes.Add("OpenNLP: not run: `opennlp` is not on PATH (install the Debian package: apt-get install opennlp).");
            return;
        }

        if (!File.Exists(train) || !File.Exists(dev))
        {
            notes.Add($"OpenNLP: not run: {train} or {dev} not found.");
            return;
        }

        var folder = Path.Combine(context.Scratch, "opennlp");
        Directory.CreateDirectory(folder);
        var trainFile = Path.Combine(folder, "eng.train.opennlp");
        var devFile = Path.Combine(folder, "eng.testa.tokens");
        var model = Path.Combine(folder, "ner-conll.bin");
        WriteOpenNlp(train, trainFile, labelled: true);
        var (devSentences, devText) = WriteOpenNlp(dev, devFile, labelled: false);

        // Train with the tool's defaults (maxent, 100 iterations, cutoff 5, default feature generator).
        context.Log("OpenNLP: training on " + train);
        var trained = Run(opennlp, $"TokenNameFinderTrainer -model {Quote(model)} -lang en -data {Quote(trainFile)} -encoding UTF-8", null, pin: false);
        if (trained.ExitCode != 0 || !File.Exists(model))
        {
            notes.Add($"OpenNLP: training failed (exit {trained.ExitCode}): {Last(trained.StdErr + trained.StdOut)}");
            return;
        }

        metrics.Add(new BenchMetric("opennlp_train", trained.Seconds, "s"));

        // Tag eng.testa once for the score.
        var tagged = Run(opennlp, $"TokenNameFinder {Quote(model)}", devText, pin: true);
        if (tagged.ExitCode != 0)
        {
            notes.Add($"OpenNLP: tagging failed (exit {tagged.ExitCode}): {Last(tagged.StdErr)}");
            return;
        }

        var gold = devSentences.Select(s => NerTags.FromIob(s.Labels)).ToList();
        var predicted = ReadOpenNlpOutput(tagged.StdOut, devSentences);
        var score = Conll.Score(gold, predicted);
        metrics.Add(new BenchMetric("opennlp_conll_dev_f1", score.F1, "F1"));
        metrics.Add(new BenchMetric("opennlp_conll_dev_precision", score.Precision, "P"));
        metrics.Add(new BenchMetric("opennlp_conll_dev_recall", score.Recall, "R"));
        notes.Add($"OpenNLP name finder on {dev}: {score}");

        // Speed: eng.testa repeated, pinned to one core (taskset), timed by OpenNLP's own performance monitor
        // (after the JVM start and model load), and by the process's CPU time including start-up.
        var passes = context.Options.TryGetValue("opennlp-passes", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 10;
        var repeated = string.Concat(Enumerable.Repeat(devText, passes));
        var tokens = (long)passes * devSentences.Sum(s => s.Words.Length);
        var timed = Run(opennlp, $"TokenNameFinder {Quote(model)}", repeated, pin: true);
        var runtime = PerformanceRuntime(timed.StdErr);
        if (runtime > 0)
        {
            metrics.Add(new BenchMetric("opennlp_tag_speed_wall", tokens / runtime, "tokens/s"));
        }

        if (timed.CpuSeconds > tagged.CpuSeconds && passes > 1)
        {
            // The CPU time of N passes less that of one pass: tagging alone, JVM start-up and model load cancelled out.
            metrics.Add(new BenchMetric("opennlp_tag_speed_cpu", (tokens - (tokens / passes)) / (timed.CpuSeconds - tagged.CpuSeconds), "tokens/cpu-s"));
        }

        if (timed.CpuSeconds > 0)
        {
            metrics.Add(new BenchMetric("opennlp_tag_speed_cpu_with_startup", tokens / timed.CpuSeconds, "tokens/cpu-s"));
        }

        metrics.Add(new BenchMetric("opennlp_tag_tokens", tokens, "tokens"));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"OpenNLP speed: eng.testa x{passes} ({tokens} tokens) through `taskset -c 0 opennlp TokenNameFinder`; tokens/s over the runtime its performance monitor prints ({runtime:0.00} s, after JVM start and model load); tokens/cpu-s over the CPU time of the {passes}-pass run ({timed.CpuSeconds:0.00} s) less that of the 1-pass scoring run ({tagged.CpuSeconds:0.00} s), so that JVM start-up and model load cancel out (*_with_startup: over the whole run)."));
    }

    public static void Wink(BenchContext context, IReadOnlyList<string> texts, List<BenchMetric> metrics, List<string> notes)
    {
        var node = FindOnPath("node");
        var folder = context.Options.TryGetValue("wink", out var w) ? w : Path.Combine("bench", "wink");
        var script = Path.Combine(folder, "tokenise.js");
        if (node is null || !File.Exists(script))
        {
            notes.Add($"wink-nlp: not run: {(node is null ? "`node` is not on PATH (apt-get install nodejs npm)" : script + " not found (run from the repository root or --set wink=DIR)")}.");
            return;
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules", "wink-nlp")))
        {
            var npm = FindOnPath("npm");
            var installed = npm is null ? null : Run(npm, $"ci --prefix {Quote(folder)} --no-audit --no-fund", null, pin: false);
            if (installed is null || installed.ExitCode != 0)
            {
                notes.Add("wink-nlp: not run: npm ci in " + folder + " failed: " + (installed is null ? "`npm` is not on PATH" : Last(installed.StdErr)));
                return;
            }
        }

        var passes = context.Options.TryGetValue("passes", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 3;
        var input = Path.Combine(context.Scratch, "wink-texts.json");
        File.WriteAllText(input, JsonSerializer.Serialize(texts));

        // Dossier on the same texts, same protocol: warm up on 500, best of the passes.
        var (tokens, sentences, best, bestCpu) = TextBenchmark.TimeTokenising(texts, passes);

        metrics.Add(new BenchMetric("tokenise_split_speed_wall", tokens / best, "tokens/s"));
        metrics.Add(new BenchMetric("tokenise_split_speed_cpu", tokens / bestCpu, "tokens/cpu-s"));
        metrics.Add(new BenchMetric("tokenise_split_tokens", tokens, "tokens"));
        metrics.Add(new BenchMetric("tokenise_split_sentences", sentences, "sentences"));

        var run = Run(node, $"{Quote(script)} {Quote(input)} {passes.ToString(CultureInfo.InvariantCulture)}", null, pin: true);
        if (run.ExitCode != 0)
        {
            notes.Add($"wink-nlp: failed (exit {run.ExitCode}): {Last(run.StdErr)}");
            return;
        }

        using var json = JsonDocument.Parse(run.StdOut);
        var r = json.RootElement;
        var winkTokens = r.GetProperty("tokens").GetDouble();
        metrics.Add(new BenchMetric("wink_tokenise_split_speed_wall", winkTokens / r.GetProperty("wall").GetDouble(), "tokens/s"));
        metrics.Add(new BenchMetric("wink_tokenise_split_speed_cpu", winkTokens / r.GetProperty("cpu").GetDouble(), "tokens/cpu-s"));
        metrics.Add(new BenchMetric("wink_tokenise_split_tokens", winkTokens, "tokens"));
        metrics.Add(new BenchMetric("wink_tokenise_split_sentences", r.GetProperty("sentences").GetDouble(), "sentences"));
        notes.Add($"{r.GetProperty("system").GetString()} (readDoc, pipe [sbd], `taskset -c 0 node {script}`) and Dossier's tokeniser on the same {texts.Count} texts, best of {passes} passes each; each counts tokens its own way.");
    }

    /// <summary>
    /// Writes a CoNLL file as OpenNLP name-finder lines (one sentence a line, names as <c>&lt;START:per&gt; ... &lt;END&gt;</c>
    /// when <paramref name="labelled"/>, an empty line at each -DOCSTART-); returns the sentences and the text written.
    /// </summary>
    private static (List<ConllSentence> Sentences, string Text) WriteOpenNlp(string conll, string path, bool labelled)
    {
        var sentences = Conll.Read(conll);
        var sb = new StringBuilder();
        foreach (var sentence in sentences)
        {
            if (sentence.DocumentStart && sb.Length > 0)
            {
                sb.Append('\n');
            }

            if (labelled)
            {
                var spans = NerTags.Spans(NerTags.FromIob(sentence.Labels));
                for (var i = 0; i < sentence.Words.Length; i++)
                {
                    foreach (var s in spans.Where(s => s.Start == i))
                    {
                        sb.Append("<START:").Append(OpenNlpTypes[s.Type]).Append("> ");
                    }

                    sb.Append(sentence.Words[i]).Append(' ');
                    if (spans.Any(s => s.End == i + 1))
                    {
                        sb.Append("<END> ");
                    }
                }

                sb.Length--;
            }
            else
            {
                sb.AppendJoin(' ', sentence.Words);
            }

            sb.Append('\n');
        }

        var text = sb.ToString();
        File.WriteAllText(path, text);
        return (sentences, text);
    }

    /// <summary>BILOU tags from OpenNLP's output lines, aligned to the input sentences (empty lines are document breaks).</summary>
    private static List<byte[]> ReadOpenNlpOutput(string output, List<ConllSentence> sentences)
    {
        var lines = output.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var result = new List<byte[]>(sentences.Count);
        for (var s = 0; s < sentences.Count; s++)
        {
            var tags = new byte[sentences[s].Words.Length];
            if (s < lines.Count)
            {
                var k = 0;
                var open = -1;
                var start = 0;
                foreach (var piece in lines[s].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (piece.StartsWith("<START:", StringComparison.Ordinal) && piece.EndsWith('>'))
                    {
                        open = Array.IndexOf(OpenNlpTypes, piece[7..^1]);
                        start = k;
                    }
                    else if (piece == "<END>")
                    {
                        if (open >= 0 && k > start && k <= tags.Length)
                        {
                            for (var i = start; i < k; i++)
                            {
                                var position = k - start == 1 ? 3 : i == start ? 0 : i == k - 1 ? 2 : 1;
                                tags[i] = (byte)NerTags.Make(open, position);
                            }
                        }

                        open = -1;
                    }
                    else
                    {
                        k++;
                    }
                }

                if (k != tags.Length)
                {
                    throw new InvalidOperationException($"OpenNLP output line {s + 1} has {k} tokens, the input {tags.Length}.");
                }
            }

            result.Add(tags);
        }

        return result;
    }

    /// <summary>The runtime OpenNLP's performance monitor prints at the end ("Runtime: 1.234s").</summary>
    private static double PerformanceRuntime(string stderr)
    {
        foreach (var line in stderr.Split('\n'))
        {
            var i = line.IndexOf("Runtime:", StringComparison.Ordinal);
            if (i >= 0 && double.TryParse(line[(i + 8)..].Trim().TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }
        }

        return 0;
    }

    private sealed record ToolRun(int ExitCode, string StdOut, string StdErr, double Seconds, double CpuSeconds);

    /// <summary>Runs a tool (pinned to CPU 0 with taskset when <paramref name="pin"/>), feeding <paramref name="stdin"/>; CPU time from bash's <c>times</c>.</summary>
    private static ToolRun Run(string tool, string arguments, string? stdin, bool pin)
    {
        var cpuFile = Path.GetTempFileName();
        var command = $"{(pin && FindOnPath("taskset") is not null ? "taskset -c 0 " : "")}{Quote(tool)} {arguments}; rc=$?; times > {Quote(cpuFile)}; exit $rc";
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        var seconds = sw.Elapsed.TotalSeconds;
        var cpu = ChildCpu(File.Exists(cpuFile) ? File.ReadAllText(cpuFile) : "");
        File.Delete(cpuFile);
        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result, seconds, cpu);
    }

    /// <summary>User + system time of the children from bash's <c>times</c> output (second line: "0m1.234s 0m0.056s").</summary>
    private static double ChildCpu(string times)
    {
        var lines = times.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2)
        {
            return 0;
        }

        double total = 0;
        foreach (var part in lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = part.IndexOf('m', StringComparison.Ordinal);
            if (m > 0 && double.TryParse(part[..m], NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes)
                && double.TryParse(part[(m + 1)..].TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var secs))
            {
                total += (minutes * 60) + secs;
            }
        }

        return total;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(3)).Trim();
    }
}
