using System.Buffers.Binary;
using System.Numerics;

namespace Dossier.Copies;

/// <summary>Parameters of the candidate search.</summary>
public sealed record SignatureOptions
{
    public static SignatureOptions Default { get; } = new();

    /// <summary>Word n-gram size of the shingles.</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>LSH bands over the one-permutation MinHash; each band hashes <see cref="Rows"/> bins.</summary>
    public int Bands { get; init; } = 20;

    public int Rows { get; init; } = 5;

    /// <summary>Sentences with fewer content terms give no sentence keys.</summary>
    public int MinSentenceTerms { get; init; } = 4;

    /// <summary>Sentence keys per sentence: each is the pair of smallest term hashes under one hash function.</summary>
    public int KeysPerSentence { get; init; } = 3;

    /// <summary>MinHash bins: Bands x Rows.</summary>
    public int Bins => Bands * Rows;
}

/// <summary>
/// The compact, persisted part of a profile: exact hash, LSH band keys, sentence keys. Enough to rebuild the
/// candidate index from the store without re-reading texts.
/// </summary>
/// <param name="ExactHash">See <see cref="CopyProfile.ExactHash"/>; 0 for a text without words.</param>
/// <param name="BandKeys">One key per LSH band (empty for a text without words).</param>
/// <param name="SentenceKeys">Distinct keys of the text's sentences (the rewrite path).</param>
public sealed record CopySignature(ulong ExactHash, int Words, ulong[] BandKeys, ulong[] SentenceKeys)
{
    /// <summary>Builds the signature of a profile.</summary>
    public static CopySignature Of(CopyProfile profile, SignatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var o = options ?? SignatureOptions.Default;
        var bands = profile.Shingles.Length == 0 ? [] : BandKeysOf(profile.Shingles, o);
        return new CopySignature(profile.ExactHash, profile.WordCount, bands, SentenceKeysOf(profile, o));
    }

    /// <summary>
    /// One-permutation MinHash with optimal densification (Shrivastava 2017): each shingle hash falls in one of
    /// <c>Bins</c> bins by its top bits and the bin keeps its smallest low 32 bits; an empty bin borrows the value
    /// of a bin chosen by a hash of (bin, attempt). One pass over the shingles instead of one per permutation.
    /// </summary>
    public static void MinHash(ReadOnlySpan<ulong> shingles, Span<uint> bins)
    {
        var k = bins.Length;
        bins.Fill(uint.MaxValue);
        Span<bool> filled = stackalloc bool[k];
        filled.Clear();
        foreach (var h in shingles)
        {
            var bin = (int)((h >> 32) * (ulong)k >> 32);
            var v = (uint)h;
            if (v <= bins[bin])
            {
                bins[bin] = v;
                filled[bin] = true;
            }
        }

        if (shingles.Length == 0)
        {
            return;
        }

        for (var i = 0; i < k; i++)
        {
            if (filled[i])
            {
                continue;
            }

            for (ulong attempt = 1; ; attempt++)
            {
                var j = (int)((CopyProfile.Fmix(((ulong)i << 32) ^ attempt) >> 32) * (ulong)k >> 32);
                if (filled[j])
                {
                    bins[i] = bins[j];
                    break;
                }
            }
        }
    }

    /// <summary>LSH band keys: a hash of each band's rows, salted with the band number.</summary>
    public static ulong[] BandKeysOf(ReadOnlySpan<ulong> shingles, SignatureOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        Span<uint> bins = stackalloc uint[o.Bins];
        MinHash(shingles, bins);
        var keys = new ulong[o.Bands];
        for (var b = 0; b < o.Bands; b++)
        {
            ulong h = (ulong)(b + 1) * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < o.Rows; r++)
            {
                h = CopyProfile.Fmix(h ^ bins[b * o.Rows + r]) + (ulong)r;
            }

            keys[b] = h | 1;
        }

        return keys;
    }

    /// <summary>
    /// Sentence keys for reworded copies: for each sentence with enough content terms and each of a few hash
    /// functions, the pair of its two smallest term hashes. Two sentences whose content terms overlap by
    /// Jaccard J share a given key with probability about J squared, whatever the word order and however few
    /// word runs they share.
    /// </summary>
    public static ulong[] SentenceKeysOf(CopyProfile profile, SignatureOptions o)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(o);
        var keys = new List<ulong>();
        foreach (var terms in profile.SentenceTerms)
        {
            if (terms.Length < o.MinSentenceTerms)
            {
                continue;
            }

            for (var f = 0; f < o.KeysPerSentence; f++)
            {
                var salt = (ulong)(f + 1) * 0xD6E8FEB86659FD93UL;
                ulong m1 = ulong.MaxValue, m2 = ulong.MaxValue;
                foreach (var t in terms)
                {
                    var h = CopyProfile.Fmix(t ^ salt);
                    if (h < m1)
                    {
                        m2 = m1;
                        m1 = h;
                    }
                    else if (h < m2)
                    {
                        m2 = h;
                    }
                }

                keys.Add(CopyProfile.Fmix(m1 + BitOperations.RotateLeft(m2, 17) + salt) | 1);
            }
        }

        keys.Sort();
        return [.. keys.Distinct()];
    }

    /// <summary>Serialises to a compact base64 string (little-endian ulongs).</summary>
    public string ToBase64()
    {
        var bytes = new byte[8 * (3 + BandKeys.Length + SentenceKeys.Length)];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(s, ExactHash);
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], (ulong)Words);
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], (ulong)BandKeys.Length);
        var p = 24;
        foreach (var k in BandKeys)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(s[p..], k);
            p += 8;
        }

        foreach (var k in SentenceKeys)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(s[p..], k);
            p += 8;
        }

        return Convert.ToBase64String(bytes);
    }

    public static CopySignature FromBase64(string value)
    {
        var bytes = Convert.FromBase64String(value);
        var s = bytes.AsSpan();
        if (s.Length < 24 || s.Length % 8 != 0)
        {
            throw new FormatException("Copy signature is truncated.");
        }

        var exact = BinaryPrimitives.ReadUInt64LittleEndian(s);
        var words = (int)BinaryPrimitives.ReadUInt64LittleEndian(s[8..]);
        var bands = (int)BinaryPrimitives.ReadUInt64LittleEndian(s[16..]);
        var total = (s.Length / 8) - 3;
        if (bands < 0 || bands > total)
        {
            throw new FormatException("Copy signature has a bad band count.");
        }

        var all = new ulong[total];
        for (var i = 0; i < total; i++)
        {
            all[i] = BinaryPrimitives.ReadUInt64LittleEndian(s[(24 + (8 * i))..]);
        }

        return new CopySignature(exact, words, all[..bands], all[bands..]);
    }
}
