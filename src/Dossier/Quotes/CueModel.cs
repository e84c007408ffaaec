using System.Collections.Frozen;
using System.Globalization;
using Dossier.Core;

namespace Dossier.Quotes;

/// <summary>
/// A learned attribution-cue tagger: an averaged perceptron that scores each word outside quote marks as part of
/// an attribution cue ("plans", "called for", "believes", "accused") from the word, its suffix and its neighbours.
/// It is trained on PolNeAR's train split (<c>dossier eval-quotes ../shared/data/polnear/train --train-cues
/// src/Dossier/Quotes/Data/cue-model.tsv</c>) and complements the cue list of Data/cues.tsv for sentences the rules
/// find no attribution in. Only words seen as a cue in training are scored. Immutable and thread-safe.
/// </summary>
public sealed class CueModel
{
    private static readonly Lazy<CueModel> Lazy = new(LoadDefault);

    private readonly FrozenDictionary<string, float> _weights;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _weightsBySpan;
    private readonly FrozenSet<string> _vocabulary;

    private CueModel(IDictionary<string, float> weights, IEnumerable<string> vocabulary)
    {
        _weights = weights.ToFrozenDictionary(StringComparer.Ordinal);
        _weightsBySpan = _weights.GetAlternateLookup<ReadOnlySpan<char>>();
        _vocabulary = vocabulary.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The model embedded as Quotes/Data/cue-model.tsv (empty when the file is absent).</summary>
    public static CueModel Default => Lazy.Value;

    /// <summary>An empty model: no word is a cue.</summary>
    public static CueModel Empty { get; } = new(new Dictionary<string, float>(), []);

    /// <summary>Number of features with a weight.</summary>
    public int FeatureCount => _weights.Count;

    /// <summary>The words the model may tag (seen as a cue in training).</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>True when the model may tag word <paramref name="i"/> (seen as a cue in training).</summary>
    internal bool IsCandidate(QuoteText t, int i) => t.Words[i].IsWord && _vocabulary.Contains(t.WordLower(i));

    /// <summary>The perceptron score of word <paramref name="i"/> being part of a cue (positive: a cue).</summary>
    internal float Score(QuoteText t, int i, QuoteLexicon lex)
    {
        var w = t.WordLower(i);
        var p = i > 0 ? t.WordLower(i - 1) : "<s>";
        var p2 = i > 1 ? t.WordLower(i - 2) : "<s>";
        var n = i + 1 < t.Words.Count ? t.WordLower(i + 1) : "</s>";
        var n2 = i + 2 < t.Words.Count ? t.WordLower(i + 2) : "</s>";
        var s = 0f;

        // The features of Features(t, i, lex), in its order, looked up without making their strings; the six that
        // read one word each come from that word's weights, found once per word and thread (the same sums in the same
        // order).
        Add(ref s, "b", default, default, default);
        var uw = UnigramsOf(w);
        var up = UnigramsOf(p);
        var un = UnigramsOf(n);
        var up2 = UnigramsOf(p2);
        var un2 = UnigramsOf(n2);
        Add(ref s, uw, Unigrams.W);
        Add(ref s, uw, Unigrams.S);
        Add(ref s, up, Unigrams.P);
        Add(ref s, un, Unigrams.N);
        Add(ref s, up2, Unigrams.P2);
        Add(ref s, un2, Unigrams.N2);
        Add(ref s, "pw=", p, " ", w);
        Add(ref s, "wn=", w, " ", n);
        Add(ref s, "c=", t.IsCapitalised(i) ? "1" : "0", default, default);
        Add(ref s, "pp=", lex.Pronouns.Contains(p) ? "1" : i > 0 && t.IsCapitalised(i - 1) ? "C" : "0", default, default);
        Add(ref s, "wnn=", w, " ", lex.Pronouns.Contains(n) ? "PRON" : i + 1 < t.Words.Count && t.IsCapitalised(i + 1) ? "CAP" : n is "that" or "to" ? n : "x");
        return s;
    }

    /// <summary>Adds the weight of a one-word feature of <paramref name="word"/>, when it has one.</summary>
    private static void Add(ref float sum, Unigrams word, int feature)
    {
        if ((word.Has & (1 << feature)) != 0)
        {
            sum += word.Weights[feature];
        }
    }

    /// <summary>The weights of the features that read only <paramref name="word"/> (as the word, its suffix, a neighbour).</summary>
    private Unigrams UnigramsOf(string word)
    {
        var cache = t_unigrams;
        if (cache is null || !ReferenceEquals(cache.Model, this))
        {
            t_unigrams = cache = new UnigramCache(this);
        }

        if (cache.Words.TryGetValue(word, out var known))
        {
            return known;
        }

        var u = new Unigrams();
        Span<string> prefixes = ["w=", "s=", "p=", "n=", "p2=", "n2="];
        for (var f = 0; f < prefixes.Length; f++)
        {
            var weight = 0f;
            Add(ref weight, prefixes[f], f == Unigrams.S && word.Length > 3 ? word.AsSpan(word.Length - 3) : word, default, default, out var found);
            if (found)
            {
                u.Weights[f] = weight;
                u.Has |= (byte)(1 << f);
            }
        }

        if (cache.Words.Count >= UnigramCache.MaxCached)
        {
            cache.Words.Clear();
        }

        cache.Words[word] = u;
        return u;
    }

    [ThreadStatic]
    private static UnigramCache? t_unigrams;

    /// <summary>A thread's one-word weights for one model.</summary>
    private sealed class UnigramCache(CueModel model)
    {
        public const int MaxCached = 100_000;

        public CueModel Model { get; } = model;

        public Dictionary<string, Unigrams> Words { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A word's weights as w=, s= (its last three letters), p=, n=, p2=, n2=; bit f of <see cref="Has"/> when feature f has one.</summary>
    private sealed class Unigrams
    {
        public const int W = 0;
        public const int S = 1;
        public const int P = 2;
        public const int N = 3;
        public const int P2 = 4;
        public const int N2 = 5;

        public float[] Weights { get; } = new float[6];

        public byte Has { get; set; }
    }

    /// <summary>Adds the weight of the feature <paramref name="a"/> + <paramref name="b"/> + <paramref name="c"/> + <paramref name="d"/>, when it has one.</summary>
    private void Add(ref float sum, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, ReadOnlySpan<char> d) => Add(ref sum, a, b, c, d, out _);

    /// <summary>Adds the weight of the feature <paramref name="a"/> + <paramref name="b"/> + <paramref name="c"/> + <paramref name="d"/>, when it has one.</summary>
    private void Add(ref float sum, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, ReadOnlySpan<char> d, out bool found)
    {
        Span<char> buffer = stackalloc char[256];
        var length = a.Length + b.Length + c.Length + d.Length;
        var key = length <= buffer.Length ? buffer[..length] : new char[length];
        a.CopyTo(key);
        b.CopyTo(key[a.Length..]);
        c.CopyTo(key[(a.Length + b.Length)..]);
        d.CopyTo(key[(a.Length + b.Length + c.Length)..]);
        found = _weightsBySpan.TryGetValue(key, out var weight);
        if (found)
        {
            sum += weight;
        }
    }

    /// <summary>The features of word <paramref name="i"/>: the word, its suffix, its neighbours and their pairs, its shape.</summary>
    internal static IEnumerable<string> Features(QuoteText t, int i, QuoteLexicon lex)
    {
        var w = t.WordLower(i);
        var p = i > 0 ? t.WordLower(i - 1) : "<s>";
        var p2 = i > 1 ? t.WordLower(i - 2) : "<s>";
        var n = i + 1 < t.Words.Count ? t.WordLower(i + 1) : "</s>";
        var n2 = i + 2 < t.Words.Count ? t.WordLower(i + 2) : "</s>";
        yield return "b";
        yield return "w=" + w;
        yield return "s=" + (w.Length > 3 ? w[^3..] : w);
        yield return "p=" + p;
        yield return "n=" + n;
        yield return "p2=" + p2;
        yield return "n2=" + n2;
        yield return "pw=" + p + " " + w;
        yield return "wn=" + w + " " + n;
        yield return "c=" + (t.IsCapitalised(i) ? "1" : "0");
        yield return "pp=" + (lex.Pronouns.Contains(p) ? "1" : i > 0 && t.IsCapitalised(i - 1) ? "C" : "0");
        yield return "wnn=" + w + " " + (lex.Pronouns.Contains(n) ? "PRON" : i + 1 < t.Words.Count && t.IsCapitalised(i + 1) ? "CAP" : n is "that" or "to" ? n : "x");
    }

    /// <summary>Trains the tagger on texts with their gold cue spans (averaged perceptron, words outside quote marks).</summary>
    public static CueModel Train(IEnumerable<(string Text, IReadOnlyList<TextSpan> Cues)> docs, int epochs = 6, double minWeight = 0.1, double minCueRate = 0.05)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var lex = QuoteLexicon.Default;
        var examples = new List<(string[] Features, bool Cue)>();
        var cueCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var prepared = new List<(QuoteText T, bool[] Cue, bool[] Quoted)>();
        foreach (var (text, cues) in docs)
        {
            var t = new QuoteText(text, lex, null);
            var quoted = QuotedWords(t);
            var isCue = new bool[t.Words.Count];
            for (var i = 0; i < t.Words.Count; i++)
            {
                var wd = t.Words[i];
                isCue[i] = wd.IsWord && cues.Any(c => c.Start <= wd.Start && wd.End <= c.End);
                if (wd.IsWord && !quoted[i])
                {
                    var lw = t.WordLower(i);
                    seenCounts[lw] = seenCounts.GetValueOrDefault(lw) + 1;
                    if (isCue[i])
                    {
                        cueCounts[lw] = cueCounts.GetValueOrDefault(lw) + 1;
                    }
                }
            }

            prepared.Add((t, isCue, quoted));
        }

        // Words that were a cue at least twice and in at least minCueRate of their uses: the only ones the model
        // scores ("of" and "in" are part of a few cues but almost never one; skipping them keeps the tagger fast).
        var vocabulary = cueCounts.Where(kv => kv.Value >= 2 && kv.Value >= minCueRate * seenCounts[kv.Key]).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (t, isCue, quoted) in prepared)
        {
            for (var i = 0; i < t.Words.Count; i++)
            {
                if (t.Words[i].IsWord && !quoted[i] && vocabulary.Contains(t.WordLower(i)))
                {
                    examples.Add(([.. Features(t, i, lex)], isCue[i]));
                }
            }
        }

        var w = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        var stamp = new Dictionary<string, int>(StringComparer.Ordinal);
        var step = 0;
        var rng = new Random(17);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var k in order)
            {
                step++;
                var (fs, gold) = examples[k];
                var s = 0.0;
                foreach (var f in fs)
                {
                    s += w.GetValueOrDefault(f);
                }

                if ((s > 0) == gold)
                {
                    continue;
                }

                var y = gold ? 1.0 : -1.0;
                foreach (var f in fs)
                {
                    var cur = w.GetValueOrDefault(f);
                    total[f] = total.GetValueOrDefault(f) + ((step - stamp.GetValueOrDefault(f)) * cur);
                    stamp[f] = step;
                    w[f] = cur + y;
                }
            }
        }

        var avg = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (f, cur) in w)
        {
            var sum = total.GetValueOrDefault(f) + ((step - stamp.GetValueOrDefault(f)) * cur);
            var a = sum / step;
            if (Math.Abs(a) >= minWeight)
            {
                avg[f] = (float)Math.Round(a, 3);
            }
        }

        return new CueModel(avg, vocabulary);
    }

    /// <summary>Writes the model as TSV: "vocab WORD" lines, then "FEATURE TAB WEIGHT" lines.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("# Learned attribution-cue tagger (averaged perceptron). Rebuild: dossier eval-quotes ../shared/data/polnear/train --train-cues src/Dossier/Quotes/Data/cue-model.tsv");
        foreach (var v in _vocabulary.Order(StringComparer.Ordinal))
        {
            writer.WriteLine("vocab\t" + v);
        }

        foreach (var (f, x) in _weights.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(f + "\t" + x.ToString("0.###", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static CueModel Read(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        var vocab = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.LastIndexOf('\t');
            if (tab <= 0)
            {
                continue;
            }

            if (line.StartsWith("vocab\t", StringComparison.Ordinal))
            {
                vocab.Add(line[6..]);
            }
            else
            {
                weights[line[..tab]] = float.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture);
            }
        }

        return new CueModel(weights, vocab);
    }

    internal static bool[] QuotedWords(QuoteText t)
    {
        var quoted = new bool[t.Words.Count];
        foreach (var q in QuoteMarks.Find(t.Text, t.Paragraphs))
        {
            for (var i = t.WordAt(q.Start); i < t.Words.Count && t.Words[i].Start < q.End; i++)
            {
                quoted[i] = true;
            }
        }

        return quoted;
    }

    private static CueModel LoadDefault()
    {
        var asm = QuoteLexicon.Assembly;
        return asm.GetManifestResourceNames().Any(n => n.EndsWith(".Quotes.Data.cue-model.tsv", StringComparison.Ordinal))
            ? Read(QuoteLexicon.ReadLines("cue-model.tsv"))
            : Empty;
    }
}
