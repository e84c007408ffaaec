using System.Globalization;

namespace Dossier.Entities.Ner;

/// <summary>Options of <see cref="NerTrainer"/>.</summary>
public sealed record NerTrainingOptions
{
    public int Epochs { get; init; } = 12;

    public int Seed { get; init; } = 17;

    /// <summary>Averaged weights smaller than this are dropped from the saved model.</summary>
    public float MinWeight { get; init; } = 0.01f;

    /// <summary>Gazetteer entries (training entities) need at least this many occurrences.</summary>
    public int GazetteerMinCount { get; init; } = 1;
}

/// <summary>
/// Trains <see cref="NerModel"/>: a structured averaged perceptron over BILOU tags with Viterbi decoding.
/// Gazetteers are built from the training entities; while training, each half of the data sees only the
/// gazetteer from the other half, so the model learns how far to trust a gazetteer match.
/// </summary>
public sealed class NerTrainer
{
    private const int T = NerTags.Count;
    private readonly NerTrainingOptions _options;
    private readonly Action<string> _log;

    public NerTrainer(NerTrainingOptions? options = null, Action<string>? log = null)
    {
        _options = options ?? new NerTrainingOptions();
        _log = log ?? (_ => { });
    }

    public NerModel Train(IReadOnlyList<ConllSentence> train, IReadOnlyList<ConllSentence>? dev, Dictionary<string, int[]> clusters, Dictionary<string, byte> capitalisation)
    {
        ArgumentNullException.ThrowIfNull(train);
        var words = train.Select(s => s.Words).ToList();
        var gold = train.Select(s => NerTags.FromIob(s.Labels)).ToList();
        var fold = new int[train.Count];
        for (var s = 0; s < fold.Length; s++)
        {
            fold[s] = (s / 200) % 2;
        }

        var gazAll = Gazetteer(words, gold, Enumerable.Range(0, train.Count));
        var gazFold = new[]
        {
            Gazetteer(words, gold, Enumerable.Range(0, train.Count).Where(s => fold[s] == 1)),
            Gazetteer(words, gold, Enumerable.Range(0, train.Count).Where(s => fold[s] == 0)),
        };
        var featuresFold = gazFold.Select(g => new NerFeatures(new NerLexicon(clusters, capitalisation, g))).ToArray();
        var finalLexicon = new NerLexicon(clusters, capitalisation, gazAll);
        _log(string.Create(CultureInfo.InvariantCulture, $"gazetteer: {gazAll.Count} phrases; clusters: {clusters.Count} words; capitalisation: {capitalisation.Count} words"));

        // Precompute each token's feature rows.
        var docs = Conll.Windows(words);
        var index = new Dictionary<uint, int>();
        var rowsOf = new int[train.Count][][];
        var buffer = new List<uint>(64);
        for (var s = 0; s < train.Count; s++)
        {
            var f = featuresFold[fold[s]];
            var w = words[s];
            var starts = new int[w.Length + 1];
            buffer.Clear();
            f.ExtractSentence(w, docs[s], buffer, starts);
            rowsOf[s] = new int[w.Length][];
            for (var i = 0; i < w.Length; i++)
            {
                var r = new int[starts[i + 1] - starts[i]];
                for (var k = 0; k < r.Length; k++)
                {
                    var key = buffer[starts[i] + k];
                    if (!index.TryGetValue(key, out var id))
                    {
                        id = index.Count;
                        index[key] = id;
                    }

                    r[k] = id;
                }

                rowsOf[s][i] = r;
            }
        }

        _log(string.Create(CultureInfo.InvariantCulture, $"features: {index.Count}; sentences: {train.Count}"));
        var weights = new float[index.Count * T];
        var acc = new double[index.Count * T];
        var trans = new float[(T + 1) * T];
        var transAcc = new double[(T + 1) * T];
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rng = new Random(_options.Seed);
        long c = 1;
        NerModel? bestModel = null;
        var bestF1 = -1.0;
        var devWords = dev?.Select(s => s.Words).ToList();
        var devGold = dev?.Select(s => NerTags.FromIob(s.Labels)).ToList();
        var devDocs = devWords is null ? null : Conll.Windows(devWords);
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var errors = 0;
            foreach (var s in order)
            {
                var rows = rowsOf[s];
                var n = rows.Length;
                var scores = new float[n * T];
                for (var i = 0; i < n; i++)
                {
                    foreach (var f in rows[i])
                    {
                        var b = f * T;
                        for (var t = 0; t < T; t++)
                        {
                            scores[(i * T) + t] += weights[b + t];
                        }
                    }
                }

                var pred = NerModel.Viterbi(scores, n, trans);
                var g = gold[s];
                if (!pred.AsSpan().SequenceEqual(g))
                {
                    errors++;
                    for (var i = 0; i < n; i++)
                    {
                        if (pred[i] != g[i])
                        {
                            foreach (var f in rows[i])
                            {
                                Update(weights, acc, (f * T) + g[i], 1, c);
                                Update(weights, acc, (f * T) + pred[i], -1, c);
                            }
                        }

                        var gp = i == 0 ? T : g[i - 1];
                        var pp = i == 0 ? T : pred[i - 1];
                        if (gp != pp || g[i] != pred[i])
                        {
                            Update(trans, transAcc, (gp * T) + g[i], 1, c);
                            Update(trans, transAcc, (pp * T) + pred[i], -1, c);
                        }
                    }
                }

                c++;
            }

            var model = Build(index, weights, acc, trans, transAcc, c, finalLexicon);
            var line = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: {errors} sentences wrong; model {model.FeatureCount} features");
            if (devWords is not null && devGold is not null && devDocs is not null)
            {
                var predicted = devWords.Select((w, k) => model.Predict(w, devDocs[k])).ToList();
                var score = Conll.Score(devGold, predicted);
                line += "; dev " + score;
                if (score.F1 > bestF1)
                {
                    bestF1 = score.F1;
                    bestModel = model;
                }
            }
            else
            {
                bestModel = model;
            }

            _log(line);
        }

        return bestModel!;
    }

    private static void Update(float[] w, double[] acc, int at, int delta, long c)
    {
        w[at] += delta;
        acc[at] += (double)c * delta;
    }

    private NerModel Build(Dictionary<uint, int> index, float[] weights, double[] acc, float[] trans, double[] transAcc, long c, NerLexicon lexicon)
    {
        var keys = new List<uint>(index.Count);
        var lengths = new List<byte>(index.Count);
        var tags = new List<byte>();
        var values = new List<float>();
        foreach (var (key, id) in index)
        {
            byte n = 0;
            for (var t = 0; t < T; t++)
            {
                var avg = (float)(weights[(id * T) + t] - (acc[(id * T) + t] / c));
                if (Math.Abs(avg) >= _options.MinWeight)
                {
                    tags.Add((byte)t);
                    values.Add(avg);
                    n++;
                }
            }

            if (n > 0)
            {
                keys.Add(key);
                lengths.Add(n);
            }
        }

        var avgTrans = new float[trans.Length];
        for (var k = 0; k < trans.Length; k++)
        {
            avgTrans[k] = (float)(trans[k] - (transAcc[k] / c));
        }

        return new NerModel(lexicon, [.. keys], [.. lengths], [.. tags], [.. values], avgTrans);
    }

    /// <summary>Lower-cased entity phrases of the given sentences with the types they were labelled with.</summary>
    private Dictionary<string, byte> Gazetteer(List<string[]> words, List<byte[]> gold, IEnumerable<int> sentences)
    {
        var counts = new Dictionary<(string, int), int>();
        foreach (var s in sentences)
        {
            foreach (var (start, end, type) in NerTags.Spans(gold[s]))
            {
                var phrase = string.Join(' ', words[s][start..end]).ToLowerInvariant();
                counts[(phrase, type)] = counts.GetValueOrDefault((phrase, type)) + 1;
            }
        }

        var gaz = new Dictionary<string, byte>(StringComparer.Ordinal);
        foreach (var ((phrase, type), n) in counts)
        {
            if (n >= _options.GazetteerMinCount)
            {
                gaz[phrase] = (byte)(gaz.GetValueOrDefault(phrase) | (1 << type));
            }
        }

        return gaz;
    }
}
