using System.Numerics;
using Dossier.Core;

namespace Dossier.Copies;

/// <summary>
/// Everything the copy detector compares about one text: its exact hash, its word 5-gram shingles (sorted,
/// distinct), its sentences with their content terms, and its compact signature for the index. Built once per
/// text by <see cref="Build"/>; immutable. Of the words it keeps only what comparisons read: hashes and offsets.
/// </summary>
public sealed class CopyProfile
{
    private CopyProfile(string text, CopyWord[] words, CopySentence[] sentences, ulong exact, ulong[] shingles, ulong[][] terms, ulong[] sequences, ulong[][] numbers, ulong[][] figures)
    {
        SentenceFigures = figures;
        var facts = new ulong[numbers.Sum(x => x.Length)];
        var f = 0;
        foreach (var x in numbers)
        {
            x.CopyTo(facts, f);
            f += x.Length;
        }

        Array.Sort(facts);
        Facts = Distinct(facts);
        SentenceNumbers = numbers;
        Text = text;
        WordCount = words.Length;
        WordHashes = new ulong[words.Length];
        WordBounds = new int[2 * words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            WordHashes[i] = words[i].Hash;
            WordBounds[2 * i] = words[i].Start;
            WordBounds[(2 * i) + 1] = words[i].End;
        }

        var vocabulary = (ulong[])WordHashes.Clone();
        Array.Sort(vocabulary);
        Vocabulary = Distinct(vocabulary);

        Sentences = sentences;
        ExactHash = exact;
        Shingles = shingles;
        SentenceTerms = terms;
        SentenceHashes = sequences;
    }

    public string Text { get; }

    public CopySentence[] Sentences { get; }

    /// <summary>Hash of the lower-cased word sequence as written: equal for texts that differ only in case, spacing and punctuation (not for other spellings of a word: "pct" is not "%").</summary>
    public ulong ExactHash { get; }

    /// <summary>Sorted distinct hashes of word n-grams (unigrams when the text has fewer words than n).</summary>
    public ulong[] Shingles { get; }

    /// <summary>Per sentence: sorted distinct stems of its content words (numbers and names included).</summary>
    public ulong[][] SentenceTerms { get; }

    /// <summary>Per sentence: sorted distinct hashes of its numbers and names (facts a rewrite keeps).</summary>
    public ulong[][] SentenceNumbers { get; }

    /// <summary>Sorted distinct hashes of the numbers and names of the whole text.</summary>
    public ulong[] Facts { get; }

    /// <summary>Sorted distinct hashes of all the words of the text.</summary>
    public ulong[] Vocabulary { get; }

    /// <summary>Per sentence: sorted distinct hashes of its numbers only.</summary>
    public ulong[][] SentenceFigures { get; }

    /// <summary>Per sentence: hash of its lower-cased word sequence (equal for verbatim sentences).</summary>
    public ulong[] SentenceHashes { get; }

    public int WordCount { get; }

    /// <summary>Per word, in text order: the hash of its lower-cased form (a sentence's words are <c>[FirstWord, FirstWord + WordCount)</c>).</summary>
    public ulong[] WordHashes { get; }

    /// <summary>Per word: its start and end offsets into <see cref="Text"/>, two entries a word.</summary>
    internal int[] WordBounds { get; }

    /// <summary>The text of word <paramref name="i"/>.</summary>
    public ReadOnlySpan<char> WordText(int i) => Text.AsSpan(WordBounds[2 * i], WordBounds[(2 * i) + 1] - WordBounds[2 * i]);

    /// <summary>Content terms of the whole text, weighting a sentence in coverage figures.</summary>
    public int TermWeight(int sentence) => Math.Max(1, SentenceTerms[sentence].Length);

    public static CopyProfile Build(string text, int shingleSize = 5)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (words, sentences) = CopyText.Analyze(text);
        ulong exact = 0x9E3779B97F4A7C15UL;
        foreach (var w in words)
        {
            exact = Mix(exact, w.Literal == 0 ? w.Hash : w.Literal);
        }

        var shingles = ShingleSet(words, 0, words.Length, shingleSize);
        var terms = new ulong[sentences.Length][];
        var seqs = new ulong[sentences.Length];
        var numbers = new ulong[sentences.Length][];
        var figures = new ulong[sentences.Length][];
        var list = new List<ulong>();
        var nums = new List<ulong>();
        var figs = new List<ulong>();
        for (var s = 0; s < sentences.Length; s++)
        {
            var sent = sentences[s];
            list.Clear();
            nums.Clear();
            figs.Clear();
            ulong seq = 0x51AFD7ED558CCD1DUL;
            for (var k = sent.FirstWord; k < sent.FirstWord + sent.WordCount; k++)
            {
                seq = Mix(seq, words[k].Hash);
                if (words[k].IsContent)
                {
                    list.Add(words[k].Stem);
                }

                if (words[k].IsNumber || words[k].IsName)
                {
                    nums.Add(words[k].Hash);
                }

                if (words[k].IsNumber)
                {
                    figs.Add(words[k].Hash);
                }
            }

            list.Sort();
            terms[s] = Distinct(list);
            nums.Sort();
            numbers[s] = Distinct(nums);
            figs.Sort();
            figures[s] = Distinct(figs);
            seqs[s] = seq;
        }

        return new CopyProfile(text, words, sentences, words.Length == 0 ? 0 : exact, shingles, terms, seqs, numbers, figures);
    }

    /// <summary>Sorted distinct word n-gram hashes of words <c>[from, to)</c>.</summary>
    internal static ulong[] ShingleSet(CopyWord[] words, int from, int to, int n)
    {
        var count = to - from;
        if (count <= 0)
        {
            return [];
        }

        if (count < n)
        {
            var uni = new ulong[count];
            for (var i = 0; i < count; i++)
            {
                uni[i] = Fmix(words[from + i].Hash);
            }

            Array.Sort(uni);
            return Distinct(uni);
        }

        var result = new ulong[count - n + 1];
        for (var i = 0; i + n <= count; i++)
        {
            ulong h = 0;
            for (var k = 0; k < n; k++)
            {
                h = BitOperations.RotateLeft(h, 7) ^ words[from + i + k].Hash;
            }

            result[i] = Fmix(h);
        }

        Array.Sort(result);
        return Distinct(result);
    }

    internal static ulong Mix(ulong h, ulong v) => Fmix(BitOperations.RotateLeft(h, 5) ^ v) + 0x9E3779B97F4A7C15UL;

    /// <summary>The 64-bit finaliser of MurmurHash3: spreads every input bit over the output.</summary>
    internal static ulong Fmix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }

    private static ulong[] Distinct(List<ulong> sorted)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sorted);
        if (span.Length == 0)
        {
            return [];
        }

        var n = 1;
        for (var i = 1; i < span.Length; i++)
        {
            n += span[i] != span[i - 1] ? 1 : 0;
        }

        var result = new ulong[n];
        result[0] = span[0];
        for (int i = 1, w = 1; i < span.Length; i++)
        {
            if (span[i] != span[i - 1])
            {
                result[w++] = span[i];
            }
        }

        return result;
    }

    private static ulong[] Distinct(ulong[] sorted)
    {
        if (sorted.Length == 0)
        {
            return sorted;
        }

        var w = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[w - 1])
            {
                sorted[w++] = sorted[i];
            }
        }

        return w == sorted.Length ? sorted : sorted[..w];
    }

    /// <summary>Size of the intersection of two sorted distinct arrays.</summary>
    public static int Intersect(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                n++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return n;
    }

    /// <summary>Exact Jaccard similarity of two sorted distinct sets (0 when both are empty).</summary>
    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 0;
        }

        var inter = Intersect(a, b);
        return inter / (double)(a.Length + b.Length - inter);
    }

    /// <summary>The text span of sentences <c>[first, last]</c>.</summary>
    public TextSpan SpanOf(int first, int last) => new(Sentences[first].Start, Sentences[last].End);
}
