using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dossier.Stories.Dense;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier train-story-vectors</c>: rebuilds the word vectors of the topic level of stories
/// (<c>src/Dossier/Stories/Data/story-vectors.bin.gz</c>) from unlabelled news text that is not a stories
/// evaluation set: Reuters-21578, PolNeAR texts, CoNLL-2003 (docs/stories.md). Deterministic: the same inputs
/// give the same file.
/// </summary>
public sealed class TrainStoryVectorsCommand : IVerb
{
    public int Order => 215;

    public Command Build(CliContext context)
    {
        var defaults = new StoryVectorTrainingOptions();
        var reuters = new Option<string>("--reuters") { Description = "Folder of Reuters-21578 .sgm files ('none' to skip).", DefaultValueFactory = _ => "../shared/data/reuters21578" };
        var polnear = new Option<string>("--polnear") { Description = "PolNeAR folder (its */text/*.txt; 'none' to skip).", DefaultValueFactory = _ => "../shared/data/polnear" };
        var conll = new Option<string>("--conll") { Description = "CoNLL-2003 training file ('none' to skip).", DefaultValueFactory = _ => "../shared/data/conll2003/eng.train" };
        var output = new Option<string>("--out") { Description = "Where to write the vectors.", DefaultValueFactory = _ => Path.Combine("src", "Dossier", "Stories", "Data", "story-vectors.bin.gz") };
        var dims = new Option<int>("--dimensions") { Description = "Dimensions kept.", DefaultValueFactory = _ => defaults.Dimensions };
        var words = new Option<int>("--words") { Description = "Words that get a vector (most frequent first).", DefaultValueFactory = _ => defaults.Words };
        var contexts = new Option<int>("--contexts") { Description = "Context words (columns of the PPMI matrix).", DefaultValueFactory = _ => defaults.Contexts };
        var power = new Option<double>("--singular-power") { Description = "Singular values raised to this power in the word vectors.", DefaultValueFactory = _ => defaults.SingularPower };
        var minDocs = new Option<int>("--min-documents") { Description = "A word needs at least this many training documents.", DefaultValueFactory = _ => defaults.MinDocuments };
        var cmd = new Command("train-story-vectors", "Rebuild the topic-level word vectors of stories (PPMI + truncated SVD over unlabelled news text).")
        {
            reuters, polnear, conll, output, dims, words, contexts, power, minDocs,
        };
        cmd.SetAction(p =>
        {
            void Log(string m)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {m}"));
                context.Error.Flush();
            }

            var sw = Stopwatch.StartNew();
            var texts = new List<string>();
            if (p.GetValue(reuters) is { } r && r != "none")
            {
                texts.AddRange(StoryTrainingTexts.Reuters(r));
                Log($"{texts.Count} documents after Reuters-21578 ({r})");
            }

            if (p.GetValue(polnear) is { } pn && pn != "none")
            {
                texts.AddRange(StoryTrainingTexts.PolNear(pn));
                Log($"{texts.Count} documents after PolNeAR ({pn})");
            }

            if (p.GetValue(conll) is { } c && c != "none")
            {
                texts.AddRange(StoryTrainingTexts.Conll(c));
                Log($"{texts.Count} documents after CoNLL-2003 ({c})");
            }

            var options = defaults with { Dimensions = p.GetValue(dims), Words = p.GetValue(words), Contexts = p.GetValue(contexts), SingularPower = p.GetValue(power), MinDocuments = p.GetValue(minDocs) };
            var vectors = new StoryVectorTrainer(options, Log).Train(texts);
            var path = p.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var f = File.Create(path))
            {
                vectors.Save(f);
            }

            Log($"wrote {path} ({new FileInfo(path).Length} bytes, {vectors.Count} words x {vectors.Dimensions}) in {sw.Elapsed.TotalSeconds:0.0}s");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
