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

/// <summary>One story inside the clusterer: members, a pruned centroid (sum of member vectors), its days.</summary>
public sealed class StoryCluster
{
    private int[] _terms = [];
    private float[] _weights = [];
    private float _norm;
    private readonly List<string> _members = [];

    public StoryCluster(string id, string founder)
    {
        Id = id;
        Founder = founder;
    }

    public string Id { get; }

    public string Founder { get; }

    /// <summary>Member article ids in arrival order.</summary>
    public IReadOnlyList<string> Members => _members;

    /// <summary>Members that joined as copies of an earlier member.</summary>
    public int Copies { get; private set; }

    /// <summary>Days since 0001-01-01 (UTC) of the first and last dated member.</summary>
    public long? FirstDay { get; private set; }

    public long? LastDay { get; private set; }

    public bool Open { get; internal set; } = true;

    internal int[] IndexTerms { get; set; } = [];

    /// <summary>Position in the clusterer's list.</summary>
    internal int Slot { get; set; } = -1;

    /// <summary>Centroid feature ids (ascending) and their summed weights.</summary>
    public ReadOnlySpan<int> Terms => _terms;

    public ReadOnlySpan<float> Weights => _weights;

    internal void AddMember(string articleId, bool isCopy, long? day)
    {
        _members.Add(articleId);
        if (isCopy)
        {
            Copies++;
        }

        if (day is { } d)
        {
            FirstDay = FirstDay is { } f ? Math.Min(f, d) : d;
            LastDay = LastDay is { } l ? Math.Max(l, d) : d;
        }
    }

    /// <summary>Adds a normalised vector (ids ascending) to the centroid and keeps the <paramref name="keep"/> heaviest features.</summary>
    internal void AddVector(int[] ids, float[] weights, int keep)
    {
        var n = _terms.Length + ids.Length;
        var t = new int[n];
        var w = new float[n];
        int i = 0, j = 0, k = 0;
        while (i < _terms.Length || j < ids.Length)
        {
            if (j >= ids.Length || (i < _terms.Length && _terms[i] < ids[j]))
            {
                t[k] = _terms[i];
                w[k++] = _weights[i++];
            }
            else if (i >= _terms.Length || ids[j] < _terms[i])
            {
                t[k] = ids[j];
                w[k++] = weights[j++];
            }
            else
            {
                t[k] = _terms[i];
                w[k++] = _weights[i++] + weights[j++];
            }
        }

        if (k > keep)
        {
            // Keep the heaviest features (ties by lower id), then restore id order.
            var order = new int[k];
            for (var x = 0; x < k; x++)
            {
                order[x] = x;
            }

            var ww = w;
            var tt = t;
            Array.Sort(order, (a, b) => ww[b] != ww[a] ? ww[b].CompareTo(ww[a]) : tt[a].CompareTo(tt[b]));
            Array.Resize(ref order, keep);
            Array.Sort(order);
            t = [.. order.Select(x => tt[x])];
            w = [.. order.Select(x => ww[x])];
            k = keep;
        }
        else
        {
            Array.Resize(ref t, k);
            Array.Resize(ref w, k);
        }

        _terms = t;
        _weights = w;
        UpdateNorm();
    }

    internal void Absorb(StoryCluster other, int keep)
    {
        foreach (var m in other._members)
        {
            _members.Add(m);
        }

        Copies += other.Copies;
        if (other.FirstDay is { } f)
        {
            FirstDay = FirstDay is { } mf ? Math.Min(mf, f) : f;
        }

        if (other.LastDay is { } l)
        {
            LastDay = LastDay is { } ml ? Math.Max(ml, l) : l;
        }

        AddVector(other._terms, other._weights, keep);
        other._members.Clear();
        other._terms = [];
        other._weights = [];
        other._norm = 0;
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

    /// <summary>Cosine between two centroids, using <paramref name="dense"/> (zeroed, at least vocabulary-sized) as scratch.</summary>
    internal float Cosine(StoryCluster other, ref float[] dense)
    {
        if (_norm <= 0 || other._norm <= 0)
        {
            return 0;
        }

        var max = _terms.Length == 0 ? 0 : _terms[^1];
        if (dense.Length <= max)
        {
            Array.Resize(ref dense, max + 1);
        }

        for (var i = 0; i < _terms.Length; i++)
        {
            dense[_terms[i]] = _weights[i] / _norm;
        }

        var s = other.Dot(dense);
        for (var i = 0; i < _terms.Length; i++)
        {
            dense[_terms[i]] = 0;
        }

        return s;
    }

    /// <summary>The <paramref name="n"/> heaviest centroid features (ties by lower id).</summary>
    internal int[] TopTerms(int n)
    {
        if (_terms.Length <= n)
        {
            return [.. _terms];
        }

        var order = Enumerable.Range(0, _terms.Length).OrderByDescending(i => _weights[i]).ThenBy(i => _terms[i]).Take(n);
        return [.. order.Select(i => _terms[i])];
    }

    internal ClusterState Save() => new()
    {
        Id = Id,
        Founder = Founder,
        Members = [.. _members],
        Copies = Copies,
        FirstDay = FirstDay,
        LastDay = LastDay,
        Open = Open,
        Terms = [.. _terms],
        Weights = [.. _weights],
    };

    internal static StoryCluster Load(ClusterState s)
    {
        var c = new StoryCluster(s.Id, s.Founder)
        {
            Copies = s.Copies,
            FirstDay = s.FirstDay,
            LastDay = s.LastDay,
            Open = s.Open,
            _terms = [.. s.Terms],
            _weights = [.. s.Weights],
        };
        c._members.AddRange(s.Members);
        c.UpdateNorm();
        return c;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} ({_members.Count} articles)");
}

/// <summary>The persisted form of an <see cref="OnlineStoryClusterer"/> (JSON in the store under state key stories/clusterer).</summary>
public sealed class ClustererState
{
    [JsonPropertyName("version")]
    public int Version { get; set; } = 1;

    [JsonPropertyName("documents")]
    public long Documents { get; set; }

    [JsonPropertyName("max_day")]
    public long MaxDay { get; set; }

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

    [JsonPropertyName("members")]
    public List<string> Members { get; set; } = [];

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
}
