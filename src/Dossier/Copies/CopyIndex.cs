namespace Dossier.Copies;

/// <summary>Limits of a candidate query.</summary>
public sealed record CandidateOptions
{
    public static CandidateOptions Default { get; } = new();

    /// <summary>Newest postings read per LSH bucket (a bucket of thousands of copies still yields copies).</summary>
    public int MaxBucket { get; init; } = 256;

    /// <summary>A sentence key with more postings than this is too common to point at a copy and is skipped.</summary>
    public int MaxSentencePostings { get; init; } = 64;

    /// <summary>Sentence keys two texts must share to be a rewrite candidate.</summary>
    public int MinSharedSentenceKeys { get; init; } = 2;

    /// <summary>Candidates returned (best first).</summary>
    public int MaxCandidates { get; init; } = 48;
}

/// <summary>A candidate earlier text: its ordinal in the index and the evidence that found it.</summary>
public readonly record struct Candidate(int Ordinal, int SharedBands, int SharedSentenceKeys, bool Exact);

/// <summary>
/// The candidate index: exact hashes, LSH band keys and sentence keys, each a multimap from a 64-bit key to
/// ordinals kept in flat arrays (open addressing + posting chains), so a million texts fit in a few hundred MB.
/// Ordinals are given in insertion order. Query, then Add, in store order: the result is the same however the
/// texts were batched. Not thread-safe.
/// </summary>
public sealed class CopyIndex
{
    private readonly KeyPostings _exact = new(1024);
    private readonly KeyPostings _bands = new(1 << 14);
    private readonly KeyPostings _sentences = new(1 << 14);
    private int _count;

    public int Count => _count;

    /// <summary>Bytes held by the index arrays.</summary>
    public long MemoryBytes => _exact.MemoryBytes + _bands.MemoryBytes + _sentences.MemoryBytes;

    /// <summary>The first text with this exact hash, or -1.</summary>
    public int FindExact(ulong exactHash) => exactHash == 0 ? -1 : _exact.First(exactHash);

    /// <summary>Adds a text; returns its ordinal. An exact copy of an indexed text adds nothing but the ordinal.</summary>
    public int Add(CopySignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var ord = _count++;
        var duplicate = signature.ExactHash != 0 && _exact.First(signature.ExactHash) >= 0;
        if (duplicate)
        {
            return ord;
        }

        if (signature.ExactHash != 0)
        {
            _exact.Add(signature.ExactHash, ord);
        }

        foreach (var k in signature.BandKeys)
        {
            _bands.Add(k, ord);
        }

        foreach (var k in signature.SentenceKeys)
        {
            _sentences.Add(k, ord);
        }

        return ord;
    }

    /// <summary>Earlier texts that may be copies, rewrites or versions of <paramref name="signature"/>, best first.</summary>
    public List<Candidate> Query(CopySignature signature, CandidateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var o = options ?? CandidateOptions.Default;
        var result = new List<Candidate>();
        var exact = FindExact(signature.ExactHash);
        if (exact >= 0)
        {
            // An exact copy: its relations are those of the first text with the same words.
            result.Add(new Candidate(exact, signature.BandKeys.Length, 0, true));
            return result;
        }

        var counts = new Dictionary<int, (int Bands, int Keys)>();
        foreach (var k in signature.BandKeys)
        {
            foreach (var ord in _bands.Walk(k, o.MaxBucket))
            {
                counts[ord] = counts.TryGetValue(ord, out var c) ? (c.Bands + 1, c.Keys) : (1, 0);
            }
        }

        Span<int> buffer = stackalloc int[o.MaxSentencePostings + 1];
        foreach (var k in signature.SentenceKeys)
        {
            var n = 0;
            foreach (var ord in _sentences.Walk(k, o.MaxSentencePostings + 1))
            {
                buffer[n++] = ord;
            }

            if (n > o.MaxSentencePostings)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                var ord = buffer[i];
                counts[ord] = counts.TryGetValue(ord, out var c) ? (c.Bands, c.Keys + 1) : (0, 1);
            }
        }

        foreach (var (ord, c) in counts)
        {
            if (c.Bands > 0 || c.Keys >= o.MinSharedSentenceKeys)
            {
                result.Add(new Candidate(ord, c.Bands, c.Keys, false));
            }
        }

        result.Sort(static (x, y) =>
            x.SharedBands != y.SharedBands ? y.SharedBands.CompareTo(x.SharedBands)
            : x.SharedSentenceKeys != y.SharedSentenceKeys ? y.SharedSentenceKeys.CompareTo(x.SharedSentenceKeys)
            : y.Ordinal.CompareTo(x.Ordinal));
        if (result.Count > o.MaxCandidates)
        {
            result.RemoveRange(o.MaxCandidates, result.Count - o.MaxCandidates);
        }

        return result;
    }

    /// <summary>A multimap from nonzero 64-bit keys to int values: open-addressing heads, chained postings, newest first.</summary>
    private sealed class KeyPostings
    {
        private ulong[] _keys;
        private int[] _heads;
        private int _used;
        private int[] _values = new int[1024];
        private int[] _next = new int[1024];
        private int _postings;

        public KeyPostings(int capacity)
        {
            var cap = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity));
            _keys = new ulong[cap];
            _heads = new int[cap];
        }

        public long MemoryBytes => (_keys.LongLength * 8) + (_heads.LongLength * 4) + (_values.LongLength * 4) + (_next.LongLength * 4);

        public int First(ulong key)
        {
            var slot = Find(key);
            if (_keys[slot] != key)
            {
                return -1;
            }

            return _values[_heads[slot]];
        }

        public IEnumerable<int> Walk(ulong key, int limit)
        {
            var slot = Find(key);
            if (_keys[slot] != key)
            {
                yield break;
            }

            var e = _heads[slot];
            for (var n = 0; e >= 0 && n < limit; n++)
            {
                yield return _values[e];
                e = _next[e];
            }
        }

        public void Add(ulong key, int value)
        {
            key = key == 0 ? 1 : key;
            if ((_used + 1) * 10 > _keys.Length * 7)
            {
                Grow();
            }

            if (_postings == _values.Length)
            {
                var size = _values.Length * 2;
                Array.Resize(ref _values, size);
                Array.Resize(ref _next, size);
            }

            var e = _postings++;
            _values[e] = value;
            var slot = Find(key);
            if (_keys[slot] == key)
            {
                _next[e] = _heads[slot];
            }
            else
            {
                _keys[slot] = key;
                _next[e] = -1;
                _used++;
            }

            _heads[slot] = e;
        }

        private int Find(ulong key)
        {
            key = key == 0 ? 1 : key;
            var mask = _keys.Length - 1;
            var slot = (int)(CopyProfile.Fmix(key) & (ulong)mask);
            while (_keys[slot] != 0 && _keys[slot] != key)
            {
                slot = (slot + 1) & mask;
            }

            return slot;
        }

        private void Grow()
        {
            var oldKeys = _keys;
            var oldHeads = _heads;
            _keys = new ulong[oldKeys.Length * 2];
            _heads = new int[oldKeys.Length * 2];
            for (var i = 0; i < oldKeys.Length; i++)
            {
                if (oldKeys[i] != 0)
                {
                    var slot = Find(oldKeys[i]);
                    _keys[slot] = oldKeys[i];
                    _heads[slot] = oldHeads[i];
                }
            }
        }
    }
}
