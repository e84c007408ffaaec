namespace Dossier.Quotes;

/// <summary>A quote of one article, as the grouper sees it.</summary>
public sealed record QuoteInstance(string Article, Quote Quote);

/// <summary>Quotes of different articles that render one utterance, with the words each rendering alone has.</summary>
public sealed record QuoteGroup(string? Speaker, IReadOnlyList<QuoteInstance> Quotes, IReadOnlyList<IReadOnlyList<string>> Differences);

/// <summary>Options of <see cref="QuoteGrouper"/>.</summary>
public sealed record QuoteGroupOptions
{
    public static QuoteGroupOptions Default { get; } = new();

    /// <summary>Score (lexical overlap plus speaker and cue agreement) at which two quotes are one utterance.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Weight of the lexical overlap coefficient of content-word stems.</summary>
    public double LexicalWeight { get; init; } = 0.7;

    /// <summary>Weight of the same resolved speaker (or the same last name).</summary>
    public double SpeakerWeight { get; init; } = 0.2;

    /// <summary>Weight of the same cue verb stem.</summary>
    public double CueWeight { get; init; } = 0.1;

    /// <summary>Quotes with fewer content words than this are not grouped (too little evidence).</summary>
    public int MinContentWords { get; init; } = 3;
}

/// <summary>
/// Groups the quotes of one story that render the same statement across articles: translations and rewordings
/// ("at an appropriate time" / "at a convenient time" / "at his convenience") share most content-word stems, the
/// speaker and the cue. Candidate pairs come from an inverted index of stems; groups are connected components.
/// </summary>
public sealed class QuoteGrouper
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "that", "this", "these", "those",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
        "their", "our", "my", "your", "him", "them", "us", "me", "as", "will", "would", "can", "could", "should", "not", "no", "so", "if",
        "about", "there", "what", "which", "who", "all", "any", "also", "said", "says",
    };

    private readonly QuoteGroupOptions _options;

    public QuoteGrouper(QuoteGroupOptions? options = null)
    {
        _options = options ?? QuoteGroupOptions.Default;
    }

    public IReadOnlyList<QuoteGroup> Group(IReadOnlyList<QuoteInstance> quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        var stems = quotes.Select(q => Stems(q.Quote.Text)).ToList();
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < quotes.Count; i++)
        {
            if (stems[i].Count < _options.MinContentWords)
            {
                continue;
            }

            foreach (var s in stems[i])
            {
                if (!index.TryGetValue(s, out var list))
                {
                    index[s] = list = [];
                }

                list.Add(i);
            }
        }

        var parent = Enumerable.Range(0, quotes.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (var i = 0; i < quotes.Count; i++)
        {
            if (stems[i].Count < _options.MinContentWords)
            {
                continue;
            }

            var shared = new Dictionary<int, int>();
            foreach (var s in stems[i])
            {
                foreach (var j in index[s])
                {
                    if (j > i && quotes[j].Article != quotes[i].Article)
                    {
                        shared[j] = shared.GetValueOrDefault(j) + 1;
                    }
                }
            }

            foreach (var (j, n) in shared)
            {
                if (Score(quotes[i].Quote, quotes[j].Quote, n, stems[i].Count, stems[j].Count) >= _options.Threshold)
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        var groups = new List<QuoteGroup>();
        foreach (var members in Enumerable.Range(0, quotes.Count).GroupBy(Find).Where(g => g.Select(i => quotes[i].Article).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            var ids = members.OrderBy(i => i).ToList();
            var diffs = ids.Select(i =>
            {
                var others = new HashSet<string>(ids.Where(j => j != i).SelectMany(j => stems[j]), StringComparer.Ordinal);
                return (IReadOnlyList<string>)Words(quotes[i].Quote.Text).Where(w => !Stop.Contains(w) && !others.Contains(Stem(w))).Distinct(StringComparer.Ordinal).ToList();
            }).ToList();
            var speaker = ids.Select(i => quotes[i].Quote.Entity).Where(e => e is not null).GroupBy(e => e, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            groups.Add(new QuoteGroup(speaker, [.. ids.Select(i => quotes[i])], diffs));
        }

        return groups;
    }

    private double Score(Quote a, Quote b, int shared, int na, int nb)
    {
        var lexical = shared / Math.Sqrt((double)na * nb);
        var speaker = a.Entity is not null && b.Entity is not null && (string.Equals(a.Entity, b.Entity, StringComparison.Ordinal) || LastToken(a.Entity) == LastToken(b.Entity)) ? 1.0
            : a.Entity is null || b.Entity is null ? 0.5 : 0.0;
        var cue = a.Cue is not null && b.Cue is not null && Stem(a.Cue.ToLowerInvariant()) == Stem(b.Cue.ToLowerInvariant()) ? 1.0 : 0.0;
        return (_options.LexicalWeight * lexical) + (_options.SpeakerWeight * speaker) + (_options.CueWeight * cue);
    }

    private static string LastToken(string s) => s[(s.LastIndexOf(' ') + 1)..];

    private static HashSet<string> Stems(string text) => new(Words(text).Where(w => !Stop.Contains(w)).Select(Stem), StringComparer.Ordinal);

    /// <summary>A crude stem: the first five letters ("invited"/"invitation" -> "invit").</summary>
    internal static string Stem(string w) => w.Length <= 5 ? w : w[..5];

    private static IEnumerable<string> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var s = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || ((text[i] is '\'' or '’' or '-') && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            yield return text[s..i].ToLowerInvariant();
        }
    }
}
