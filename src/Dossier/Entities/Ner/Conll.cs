using System.Globalization;

namespace Dossier.Entities.Ner;

/// <summary>
/// One CoNLL sentence: the input lines' columns, with the words in the first column and the gold label in the last;
/// <paramref name="DocumentStart"/> when it is the first sentence after a -DOCSTART- line.
/// </summary>
public sealed record ConllSentence(string[] Words, string[][] Columns, bool DocumentStart = false)
{
    /// <summary>The last column of each line (the gold label when the file has one).</summary>
    public string[] Labels => [.. Columns.Select(c => c[^1])];
}

/// <summary>Reads CoNLL-2003 column files and scores predictions the way conlleval does (exact span and type).</summary>
public static class Conll
{
    public static List<ConllSentence> Read(string path)
    {
        var sentences = new List<ConllSentence>();
        var words = new List<string>();
        var cols = new List<string[]>();
        var documentStart = false;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                Flush();
                documentStart |= line.Length > 0;
                continue;
            }

            var c = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            words.Add(c[0]);
            cols.Add(c);
        }

        Flush();
        return sentences;

        void Flush()
        {
            if (words.Count > 0)
            {
                sentences.Add(new ConllSentence([.. words], [.. cols], documentStart));
                documentStart = false;
                words.Clear();
                cols.Clear();
            }
        }
    }

    /// <summary>Documents for document-level features: a window of sentences around each sentence (CoNLL files here carry no document marks).</summary>
    public static NerDocument[] Windows(IReadOnlyList<string[]> sentences, int radius = 12)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var docs = new NerDocument[sentences.Count];
        for (var s = 0; s < sentences.Count; s++)
        {
            var d = new NerDocument();
            for (var k = Math.Max(0, s - radius); k <= Math.Min(sentences.Count - 1, s + radius); k++)
            {
                d.Add(sentences[k]);
            }

            docs[s] = d;
        }

        return docs;
    }

    /// <summary>Entity-level precision, recall and F1 (conlleval): a predicted entity counts when span and type match exactly.</summary>
    public static ConllScore Score(IReadOnlyList<byte[]> gold, IReadOnlyList<byte[]> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var perType = new int[4, 3];
        int correct = 0, guessed = 0, truth = 0;
        for (var s = 0; s < gold.Count; s++)
        {
            var g = NerTags.Spans(gold[s]);
            var p = NerTags.Spans(predicted[s]);
            var gs = g.ToHashSet();
            foreach (var x in g)
            {
                perType[x.Type, 2]++;
            }

            foreach (var x in p)
            {
                perType[x.Type, 1]++;
                if (gs.Contains(x))
                {
                    perType[x.Type, 0]++;
                    correct++;
                }
            }

            guessed += p.Count;
            truth += g.Count;
        }

        var types = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var t = 0; t < 4; t++)
        {
            types[NerTags.TypeName(t)] = F1(perType[t, 0], perType[t, 1], perType[t, 2]);
        }

        return new ConllScore(
            guessed == 0 ? 0 : (double)correct / guessed,
            truth == 0 ? 0 : (double)correct / truth,
            F1(correct, guessed, truth),
            truth,
            types);
    }

    private static double F1(int correct, int guessed, int truth) =>
        correct == 0 ? 0 : 2.0 * correct / (guessed + truth);
}

public sealed record ConllScore(double Precision, double Recall, double F1, int Entities, IReadOnlyDictionary<string, double> TypeF1)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"P {Precision:0.0000} R {Recall:0.0000} F1 {F1:0.0000} ({Entities} entities; ") +
        string.Join(", ", TypeF1.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.0000}"))) + ")";
}
