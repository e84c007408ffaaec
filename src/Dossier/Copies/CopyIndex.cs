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
    private readonly List<int> _touched = [];
    private int[] _stamp = [];
    private int[] _bandHits = [];
    private int[] _keyHits = [];
    private int _query;
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

        // Shared bands and sentence keys per earlier text, counted in arrays indexed by ordinal; a text counts from
        // zero the first time this query meets it (its stamp is this query's).
        if (_stamp.Length < _count)
        {
            var size = Math.Max(_count, _stamp.Length * 2);
            Array.Resize(ref _stamp, size);
            Array.Resize(ref _bandHits, size);
            Array.Resize(ref _keyHits, size);
        }

        if (++_query == int.MaxValue)
        {
            Array.Clear(_stamp);
            _query = 1;
        }

        _touched.Clear();
        foreach (var k in signature.BandKeys)
        {
            for (var (e, n) = (_bands.Head(k), 0); e >= 0 && n < o.MaxBucket; e = _bands.Next(e), n++)
            {
                _bandHits[Touch(_bands.Value(e))]++;
            }
        }

        foreach (var k in signature.SentenceKeys)
        {
            var head = _sentences.Head(k);
            var n = 0;
            for (var e = head; e >= 0 && n <= o.MaxSentencePostings; e = _sentences.Next(e))
            {
                n++;
            }

            if (n > o.MaxSentencePostings)
            {
                continue;
            }

            for (var e = head; e >= 0; e = _sentences.Next(e))
            {
                _keyHits[Touch(_sentences.Value(e))]++;
            }
        }

        foreach (var ord in _touched)
        {
            if (_bandHits[ord] > 0 || _keyHits[ord] >= o.MinSharedSentenceKeys)
            {
                result.Add(new Candidate(ord, _bandHits[ord], _keyHits[ord], false));
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

    private int Touch(int ordinal)
    {
        if (_stamp[ordinal] != _query)
        {
            _stamp[ordinal] = _query;
            _bandHits[ordinal] = 0;
            _keyHits[ordinal] = 0;
            _touched.Add(ordinal);
        }

        return ordinal;
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

        /// <summary>The newest posting of a key, or -1; <see cref="Next"/> walks to older ones.</summary>
        public int Head(ulong key)
        {
            var slot = Find(key);
            return _keys[slot] == key ? _heads[slot] : -1;
        }

        public int Next(int posting) => _next[posting];

        public int Value(int posting) => _values[posting];

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
