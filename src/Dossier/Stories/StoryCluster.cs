using System.Globalization;
using System.Text.Json.Serialization;

namespace Dossier.Stories;

/// <summary>Story ids: "s" + the first 12 hex digits of the founding article's id, so they are stable across runs.</summary>
public static class StoryIds
{
    public static string For(string foundingArticleId)
    {
        ArgumentNullException.ThrowIfNull(foundingArticleId);
        return "s" + (foundingArticleId.Length > 12 ? foundingArticleId[..12] : foundingArticleId);
    }
}

/// <summary>
/// A member of an open story that a later article may still move to another story (local re-clustering): its
/// raw feature weights (term frequency x zone x kind, before IDF, so they can be weighed again under the
/// current document frequencies), arrival number and day, and the copies of it that count once with it.
/// </summary>
public sealed class StoryMember
{
    public required string Id { get; init; }

    /// <summary>Arrival number (the clusterer's document count when it arrived).</summary>
    public required long Seq { get; init; }

    public long? Day { get; init; }

    /// <summary>Feature ids, ascending.</summary>
    public required int[] Terms { get; init; }

    /// <summary>Raw weights of <see cref="Terms"/>.</summary>
    public required float[] Raw { get; init; }

    /// <summary>Articles that joined as copies of this one.</summary>
    public List<string> Copies { get; } = [];

    /// <summary>Its vector for re-clustering under the frequencies of the last re-clustering (scratch, not persisted).</summary>
    internal (int[] Ids, float[] Weights) Vector { get; set; }

    /// <summary>Its vector for finding candidate stories (every feature, also those seen once so far), likewise.</summary>
    internal (int[] Ids, float[] Weights) Retrieval { get; set; }
}

/// <summary>
/// One story inside the clusterer. Its members are a frozen part (older members, kept as ids and a summed vector:
/// they stay together and keep the story's id) and, while the story is open, its latest members with their
/// features (<see cref="Free"/>), which the local re-clustering may move. The centroid (sum of member vectors,
/// pruned) finds candidate stories for an arriving article.
/// </summary>
public sealed class StoryCluster
{
    private int[] _terms = [];
    private float[] _weights = [];
    private float _norm;
    private readonly List<string> _core = [];
    private readonly List<StoryMember> _free = [];
    private int[] _coreTerms = [];
    private float[] _coreWeights = [];
    private int[] _coreCentroidTerms = [];
    private float[] _coreCentroidWeights = [];
    private List<string>? _members;

    public StoryCluster(string id, string founder)
    {
        Id = id;
        Founder = founder;
    }

    public string Id { get; }

    public string Founder { get; }

    /// <summary>Member article ids: the frozen part in arrival order, then the free members by arrival, each followed by its copies.</summary>
    public IReadOnlyList<string> Members
    {
        get
        {
            if (_members is null)
            {
                _members = new List<string>(_core.Count + _free.Count);
                _members.AddRange(_core);
                foreach (var m in _free)
                {
                    _members.Add(m.Id);
                    _members.AddRange(m.Copies);
                }
            }

            return _members;
        }
    }

    /// <summary>Members that joined as copies of an earlier member.</summary>
    public int Copies => CoreCopies + _free.Sum(m => m.Copies.Count);

    /// <summary>Days since 0001-01-01 (UTC) of the first and last dated member.</summary>
    public long? FirstDay { get; private set; }

    public long? LastDay { get; private set; }

    public bool Open { get; internal set; } = true;

    /// <summary>Members that may still move (open stories only), by arrival.</summary>
    public IReadOnlyList<StoryMember> Free => _free;

    /// <summary>The frozen members (with their copies), in arrival order.</summary>
    internal IReadOnlyList<string> CoreMembers => _core;

    /// <summary>Articles (copies not counted) in the frozen part.</summary>
    public int CoreCount { get; private set; }

    internal int CoreCopies { get; private set; }

    internal long? CoreFirst { get; private set; }

    internal long? CoreLast { get; private set; }

    /// <summary>The frozen part's summed vector (ids ascending); not to be modified.</summary>
    internal int[] CoreTerms => _coreTerms;

    internal float[] CoreWeights => _coreWeights;

    internal int[] IndexTerms { get; set; } = [];

    /// <summary>Position in the clusterer's list.</summary>
    internal int Slot { get; set; } = -1;

    /// <summary>Centroid feature ids (ascending) and their summed weights.</summary>
    public ReadOnlySpan<int> Terms => _terms;

    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>Adds a copy of a member: it rides with that member (or with the frozen part); its date is the original's.</summary>
    internal void AddCopy(string articleId, string original)
    {
        var m = _free.FirstOrDefault(x => x.Id == original || x.Copies.Contains(original));
        if (m is not null)
        {
            m.Copies.Add(articleId);
        }
        else
        {
            _core.Add(articleId);
            CoreCopies++;
        }

        _members = null;
    }

    /// <summary>Sets the free members (ascending arrival) and widens the days to theirs.</summary>
    internal void SetFree(IEnumerable<StoryMember> members)
    {
        _free.Clear();
        _free.AddRange(members);
        _members = null;
        FirstDay = CoreFirst;
        LastDay = CoreLast;
        foreach (var m in _free)
        {
            Widen(m.Day);
        }
    }

    /// <summary>Adds the newest member: free, its vector added to the centroid.</summary>
    internal void Append(StoryMember member, int keep)
    {
        _free.Add(member);
        Widen(member.Day);
        _members = null;
        (_terms, _weights) = SparseSum(_terms, _weights, member.Retrieval.Ids, member.Retrieval.Weights, keep);
        UpdateNorm();
    }

    /// <summary>Moves the oldest free member into the frozen part, its vector added to the frozen sum.</summary>
    internal void FreezeOldest(int keep)
    {
        var m = _free[0];
        _free.RemoveAt(0);
        _core.Add(m.Id);
        _core.AddRange(m.Copies);
        CoreCopies += m.Copies.Count;
        CoreCount++;
        if (m.Day is { } d)
        {
            CoreFirst = CoreFirst is { } f ? Math.Min(f, d) : d;
            CoreLast = CoreLast is { } l ? Math.Max(l, d) : d;
        }

        (_coreTerms, _coreWeights) = SparseSum(_coreTerms, _coreWeights, m.Vector.Ids, m.Vector.Weights, keep);
        (_coreCentroidTerms, _coreCentroidWeights) = SparseSum(_coreCentroidTerms, _coreCentroidWeights, m.Retrieval.Ids, m.Retrieval.Weights, keep);
        _members = null;
    }

    /// <summary>Takes over the frozen part of another story (both stay together from now on); the other is emptied.</summary>
    internal void AbsorbCore(StoryCluster other, int keep)
    {
        _core.AddRange(other._core);
        CoreCount += other.CoreCount;
        CoreCopies += other.CoreCopies;
        CoreFirst = Min(CoreFirst, other.CoreFirst);
        CoreLast = Max(CoreLast, other.CoreLast);
        FirstDay = Min(FirstDay, other.FirstDay);
        LastDay = Max(LastDay, other.LastDay);

        // A closed story kept only its centroid.
        var (st, sw) = other._coreTerms.Length > 0 || other._terms.Length == 0 ? (other._coreTerms, other._coreWeights) : (other._terms, other._weights);
        var (ct, cw) = other._coreCentroidTerms.Length > 0 || other._terms.Length == 0 ? (other._coreCentroidTerms, other._coreCentroidWeights) : (other._terms, other._weights);
        (_coreTerms, _coreWeights) = SparseSum(_coreTerms, _coreWeights, st, sw, keep);
        (_coreCentroidTerms, _coreCentroidWeights) = SparseSum(_coreCentroidTerms, _coreCentroidWeights, ct, cw, keep);
        other.Clear();
        _members = null;
    }

    /// <summary>Freezes every member (a user's merge); the free members' vectors must be current.</summary>
    internal void FreezeAll(int keep)
    {
        while (_free.Count > 0)
        {
            FreezeOldest(keep);
        }
    }

    /// <summary>Closes the story: every member frozen, only ids and the centroid kept.</summary>
    internal void Close()
    {
        var members = Members.ToList();
        var copies = Copies;
        _core.Clear();
        _core.AddRange(members);
        CoreCopies = copies;
        CoreCount = members.Count - copies;
        CoreFirst = FirstDay;
        CoreLast = LastDay;
        _free.Clear();
        _coreTerms = [];
        _coreWeights = [];
        _coreCentroidTerms = [];
        _coreCentroidWeights = [];
        _members = null;
        Open = false;
    }

    /// <summary>Empties the story (its members went to other stories).</summary>
    internal void Clear()
    {
        _core.Clear();
        _free.Clear();
        CoreCount = 0;
        CoreCopies = 0;
        CoreFirst = null;
        CoreLast = null;
        FirstDay = null;
        LastDay = null;
        _coreTerms = [];
        _coreWeights = [];
        _coreCentroidTerms = [];
        _coreCentroidWeights = [];
        _terms = [];
        _weights = [];
        _norm = 0;
        _members = null;
    }

    /// <summary>Sets the centroid: the frozen sum plus the free members' vectors, pruned to the <paramref name="keep"/> heaviest features.</summary>
    /// <param name="dense">Zeroed scratch at least vocabulary-sized (left zeroed).</param>
    internal void UpdateCentroid(int keep, float[] dense)
    {
        var touched = new List<int>(_coreCentroidTerms.Length + (_free.Count * 40));
        void Add(int[] t, float[] w)
        {
            for (var i = 0; i < t.Length; i++)
            {
                if (dense[t[i]] == 0)
                {
                    touched.Add(t[i]);
                }

                dense[t[i]] += w[i];
            }
        }

        Add(_coreCentroidTerms, _coreCentroidWeights);
        foreach (var m in _free)
        {
            Add(m.Retrieval.Ids, m.Retrieval.Weights);
        }

        touched.Sort();
        var terms = touched.ToArray();
        var weights = new float[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            weights[i] = dense[terms[i]];
            dense[terms[i]] = 0;
        }

        (_terms, _weights) = Prune(terms, weights, keep);
        UpdateNorm();
    }

    private void Widen(long? day)
    {
        if (day is { } d)
        {
            FirstDay = FirstDay is { } f ? Math.Min(f, d) : d;
            LastDay = LastDay is { } l ? Math.Max(l, d) : d;
        }
    }

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>The sum of two sparse vectors (ids ascending), pruned to the <paramref name="keep"/> heaviest features.</summary>
    internal static (int[] Terms, float[] Weights) SparseSum(int[] ta, float[] wa, int[] tb, float[] wb, int keep)
    {
        var n = ta.Length + tb.Length;
        var t = new int[n];
        var w = new float[n];
        int i = 0, j = 0, k = 0;
        while (i < ta.Length || j < tb.Length)
        {
            if (j >= tb.Length || (i < ta.Length && ta[i] < tb[j]))
            {
                t[k] = ta[i];
                w[k++] = wa[i++];
            }
            else if (i >= ta.Length || tb[j] < ta[i])
            {
                t[k] = tb[j];
                w[k++] = wb[j++];
            }
            else
            {
                t[k] = ta[i];
                w[k++] = wa[i++] + wb[j++];
            }
        }

        Array.Resize(ref t, k);
        Array.Resize(ref w, k);
        return Prune(t, w, keep);
    }

    /// <summary>Keeps the <paramref name="keep"/> heaviest features (ties by lower id), in id order.</summary>
    internal static (int[] Terms, float[] Weights) Prune(int[] t, float[] w, int keep)
    {
        var k = t.Length;
        if (k <= keep)
        {
            return (t, w);
        }

        // Weights are positive, so their bit patterns order like their values: one key sorts by weight descending, then id.
        var keys = new long[k];
        for (var x = 0; x < k; x++)
        {
            keys[x] = ((long)(uint.MaxValue - BitConverter.SingleToUInt32Bits(w[x])) << 32) | (uint)x;
        }

        Array.Sort(keys);
        var order = new int[keep];
        for (var x = 0; x < keep; x++)
        {
            order[x] = (int)(keys[x] & 0xffffffff);
        }

        Array.Sort(order);
        var terms = new int[keep];
        var weights = new float[keep];
        for (var x = 0; x < keep; x++)
        {
            terms[x] = t[order[x]];
            weights[x] = w[order[x]];
        }

        return (terms, weights);
    }

    private void UpdateNorm()
    {
        var s = 0f;
        foreach (var x in _weights)
        {
            s += x * x;
        }

        _norm = MathF.Sqrt(s);
    }

    /// <summary>Cosine between a dense normalised article vector and this centroid.</summary>
    internal float Dot(float[] dense)
    {
        if (_norm <= 0)
        {
            return 0;
        }

        var s = 0f;
        for (var i = 0; i < _terms.Length; i++)
        {
            s += dense[_terms[i]] * _weights[i];
        }

        return s / _norm;
    }

    /// <summary>
    /// Cosine over all features and cosine over name features only, between a dense article vector (all
    /// features, normalised) and this centroid; <paramref name="nameDense"/> holds the article's name features
    /// normalised on their own, and <paramref name="isName"/> marks name feature ids.
    /// </summary>
    internal (float All, float Names) Dot2(float[] dense, float[] nameDense, bool[] isName)
    {
        if (_norm <= 0)
        {
            return (0, 0);
        }

        float s = 0, n = 0, nn = 0;
        for (var i = 0; i < _terms.Length; i++)
        {
            var t = _terms[i];
            var w = _weights[i];
            s += dense[t] * w;
            if (isName[t])
            {
                n += nameDense[t] * w;
                nn += w * w;
            }
        }

        return (s / _norm, nn > 0 ? n / MathF.Sqrt(nn) : 0);
    }

    /// <summary>The <paramref name="n"/> heaviest centroid features (ties by lower id).</summary>
    internal int[] TopTerms(int n)
    {
        if (_terms.Length <= n)
        {
            return [.. _terms];
        }

        return TopK.Ids(_terms, _weights, n);
    }

    internal ClusterState Save() => new()
    {
        Id = Id,
        Founder = Founder,
        Members = [.. _core],
        Copies = CoreCopies,
        FirstDay = FirstDay,
        LastDay = LastDay,
        Open = Open,
        Terms = [.. _terms],
        Weights = [.. _weights],
        CoreCount = CoreCount,
        CoreFirst = CoreFirst,
        CoreLast = CoreLast,
        CoreTerms = [.. _coreTerms],
        CoreWeights = [.. _coreWeights],
        CoreCentroidTerms = [.. _coreCentroidTerms],
        CoreCentroidWeights = [.. _coreCentroidWeights],
        Free = [.. _free.Select(m => new MemberState { Id = m.Id, Seq = m.Seq, Day = m.Day, Terms = [.. m.Terms], Raw = [.. m.Raw], Copies = m.Copies.Count == 0 ? null : [.. m.Copies] })],
    };

    internal static StoryCluster Load(ClusterState s, int version)
    {
        var c = new StoryCluster(s.Id, s.Founder)
        {
            FirstDay = s.FirstDay,
            LastDay = s.LastDay,
            Open = s.Open,
            _terms = [.. s.Terms],
            _weights = [.. s.Weights],
            CoreCopies = s.Copies,
        };
        c._core.AddRange(s.Members);
        if (version < 2)
        {
            // Saved before local re-clustering: every member is frozen, the centroid is the frozen sum.
            c.CoreCount = s.Members.Count - s.Copies;
            c.CoreFirst = s.FirstDay;
            c.CoreLast = s.LastDay;
            c._coreTerms = [.. s.Terms];
            c._coreWeights = [.. s.Weights];
            c._coreCentroidTerms = [.. s.Terms];
            c._coreCentroidWeights = [.. s.Weights];
        }
        else
        {
            c.CoreCount = s.CoreCount;
            c.CoreFirst = s.CoreFirst;
            c.CoreLast = s.CoreLast;
            c._coreTerms = [.. s.CoreTerms];
            c._coreWeights = [.. s.CoreWeights];
            c._coreCentroidTerms = [.. s.CoreCentroidTerms];
            c._coreCentroidWeights = [.. s.CoreCentroidWeights];
            foreach (var m in s.Free)
            {
                var member = new StoryMember { Id = m.Id, Seq = m.Seq, Day = m.Day, Terms = [.. m.Terms], Raw = [.. m.Raw] };
                member.Copies.AddRange(m.Copies ?? []);
                c._free.Add(member);
            }
        }

        c.UpdateNorm();
        return c;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Members.Count} articles)");
}

/// <summary>Top-k selection by weight (descending), ties by lower id; O(n·k) for the small k used here.</summary>
internal static class TopK
{
    /// <summary>Positions (into the arrays) of the k heaviest entries, heaviest first.</summary>
    public static int[] Positions(ReadOnlySpan<int> ids, ReadOnlySpan<float> weights, int k)
    {
        k = Math.Min(k, ids.Length);
        var top = new int[k];
        var count = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var w = weights[i];
            if (count == k && !Better(w, ids[i], weights[top[k - 1]], ids[top[k - 1]]))
            {
                continue;
            }

            var j = count < k ? count++ : k - 1;
            while (j > 0 && Better(w, ids[i], weights[top[j - 1]], ids[top[j - 1]]))
            {
                top[j] = top[j - 1];
                j--;
            }

            top[j] = i;
        }

        return top;
    }

    public static int[] Ids(ReadOnlySpan<int> ids, ReadOnlySpan<float> weights, int k)
    {
        var p = Positions(ids, weights, k);
        var r = new int[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            r[i] = ids[p[i]];
        }

        return r;
    }

    private static bool Better(float w, int id, float w2, int id2) => w > w2 || (w == w2 && id < id2);
}

/// <summary>The persisted form of an <see cref="OnlineStoryClusterer"/> (JSON in the store under state key stories/clusterer).</summary>
public sealed class ClustererState
{
    /// <summary>2: open stories keep their latest members' features (local re-clustering); 1: centroids only.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; } = 2;

    [JsonPropertyName("documents")]
    public long Documents { get; set; }

    [JsonPropertyName("max_day")]
    public long MaxDay { get; set; }

    /// <summary>The latest article days seen (the stream's clock).</summary>
    [JsonPropertyName("latest_days")]
    public List<long> LatestDays { get; set; } = [];

    [JsonPropertyName("terms")]
    public List<string> Terms { get; set; } = [];

    [JsonPropertyName("df")]
    public List<int> DocumentFrequencies { get; set; } = [];

    [JsonPropertyName("clusters")]
    public List<ClusterState> Clusters { get; set; } = [];
}

/// <summary>The persisted form of one story cluster.</summary>
public sealed class ClusterState
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("founder")]
    public string Founder { get; set; } = "";

    /// <summary>The frozen members (version 1: every member).</summary>
    [JsonPropertyName("members")]
    public List<string> Members { get; set; } = [];

    /// <summary>Copies among <see cref="Members"/>.</summary>
    [JsonPropertyName("copies")]
    public int Copies { get; set; }

    [JsonPropertyName("first_day")]
    public long? FirstDay { get; set; }

    [JsonPropertyName("last_day")]
    public long? LastDay { get; set; }

    [JsonPropertyName("open")]
    public bool Open { get; set; }

    [JsonPropertyName("terms")]
    public List<int> Terms { get; set; } = [];

    [JsonPropertyName("weights")]
    public List<float> Weights { get; set; } = [];

    [JsonPropertyName("core_count")]
    public int CoreCount { get; set; }

    [JsonPropertyName("core_first")]
    public long? CoreFirst { get; set; }

    [JsonPropertyName("core_last")]
    public long? CoreLast { get; set; }

    [JsonPropertyName("core_terms")]
    public List<int> CoreTerms { get; set; } = [];

    [JsonPropertyName("core_weights")]
    public List<float> CoreWeights { get; set; } = [];

    [JsonPropertyName("core_centroid_terms")]
    public List<int> CoreCentroidTerms { get; set; } = [];

    [JsonPropertyName("core_centroid_weights")]
    public List<float> CoreCentroidWeights { get; set; } = [];

    [JsonPropertyName("free")]
    public List<MemberState> Free { get; set; } = [];
}

/// <summary>The persisted form of a <see cref="StoryMember"/>.</summary>
public sealed class MemberState
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("seq")]
    public long Seq { get; set; }

    [JsonPropertyName("day")]
    public long? Day { get; set; }

    [JsonPropertyName("terms")]
    public List<int> Terms { get; set; } = [];

    [JsonPropertyName("raw")]
    public List<float> Raw { get; set; } = [];

    [JsonPropertyName("copies")]
    public List<string>? Copies { get; set; }
}
