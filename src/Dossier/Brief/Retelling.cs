using Dossier.Claims;

namespace Dossier.Brief;

/// <summary>
/// Whether a summary candidate tells a chosen fact again in other words, beyond the summary's word-overlap checks. A
/// term counts as held by the other claim through the same key, a derivative ("arson" / "arsonist": one stem starts
/// the other, five letters or more) or a word outlets use for the same event (Claims/Data/related.txt: "blaze" /
/// "fire"). Two rules:
/// <list type="bullet">
/// <item>the candidate is mostly held by the chosen claim (IDF-weighted share >= <see cref="SummaryOptions.Retold"/>,
/// three or more terms held). Only this way round: a longer candidate that holds a chosen sentence usually adds a fact
/// of its own ("the epicenter was in the waters between Bandar Abbas and Qeshm Island" holds "Qeshm is Iran's largest
/// island in the Persian Gulf");</item>
/// <item>each outlet's own opening of the story: the candidate is the lead sentence of its article and only its source
/// has it, the chosen claim is the lead of another article, they share a name, and a good part of the candidate
/// (>= <see cref="SummaryOptions.RetoldLead"/>) is held by the chosen lead ("Sarah Palin's church in Wasilla went up
/// in flames" after "The Wasilla Bible Church ... has caught fire"). A fact that several sources carry was told in
/// words of its own by each, so it is a fact of its own ("A man has been charged with arson after the fire").</item>
/// </list>
/// A candidate with a figure the chosen claim lacks adds something and is no retelling.
/// </summary>
internal sealed class Retelling
{
    private readonly Dictionary<string, double> _idf;
    private readonly Dictionary<string, int> _leads;
    private readonly SummaryOptions _options;
    private readonly Dictionary<Claim, Profile> _profiles = new(ReferenceEqualityComparer.Instance);

    public Retelling(StoryAgreement agreement, Dictionary<string, double> idf, SummaryOptions options)
    {
        _idf = idf;
        _options = options;

        // Each article's lead: its first claim that is no headline, date line, caption or fragment.
        _leads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in agreement.Facts.SelectMany(f => f.Claims))
        {
            if (c is { Headline: false, Furniture: false, InCaption: false, Fragment: false }
                && (!_leads.TryGetValue(c.ArticleId, out var at) || c.Index < at))
            {
                _leads[c.ArticleId] = c.Index;
            }
        }
    }

    /// <summary>Whether candidate claim <paramref name="x"/> (of fact <paramref name="fact"/>) tells chosen claim <paramref name="y"/> again.</summary>
    /// <param name="ySet">The terms of <paramref name="y"/>.</param>
    public bool Retells(Fact fact, Claim x, Claim y, HashSet<string> ySet, HashSet<double> xFigures, HashSet<double> yFigures)
    {
        if (!yFigures.IsSupersetOf(xFigures))
        {
            return false;
        }

        var (xShare, xHeld) = Share(x, y, ySet);
        if (xShare >= _options.Retold && xHeld >= 3)
        {
            return true;
        }

        return fact.Sources == 1
            && x.ArticleId != y.ArticleId
            && IsLead(x) && IsLead(y)
            && xShare >= _options.RetoldLead && xHeld >= 3
            && SharesName(x, y);
    }

    private bool IsLead(Claim c) => _leads.TryGetValue(c.ArticleId, out var at) && at == c.Index;

    private static bool SharesName(Claim a, Claim b)
    {
        foreach (var n in a.Names)
        {
            var last = LastWord(n);
            foreach (var m in b.Names)
            {
                if (string.Equals(last, LastWord(m), StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;

        static string LastWord(string name)
        {
            var trimmed = name.Trim();
            if (trimmed.EndsWith("'s", StringComparison.Ordinal) || trimmed.EndsWith("’s", StringComparison.Ordinal))
            {
                trimmed = trimmed[..^2];
            }

            var sp = trimmed.LastIndexOf(' ');
            return sp < 0 ? trimmed : trimmed[(sp + 1)..];
        }
    }

    /// <summary>The IDF-weighted share of <paramref name="c"/>'s word terms (not figures) that <paramref name="by"/> holds, and how many it holds.</summary>
    private (double Share, int Held) Share(Claim c, Claim by, HashSet<string> bySet)
    {
        var (x, y) = (Of(c), Of(by));
        if (x.Total == 0)
        {
            return (0, 0);
        }

        double held = 0;
        var count = 0;
        for (var i = 0; i < x.Words.Length; i++)
        {
            if (Holds(x.Words[i], y.Words, bySet))
            {
                held += x.Weights[i];
                count++;
            }
        }

        return (held / x.Total, count);
    }

    /// <summary>Whether a term is held by a claim's words: the same key, a related word or a derivative.</summary>
    internal static bool Holds(string t, string[] words, HashSet<string> set)
    {
        if (set.Contains(t))
        {
            return true;
        }

        if (Terms.Related.TryGetValue(t, out var related))
        {
            foreach (var r in related)
            {
                if (set.Contains(r))
                {
                    return true;
                }
            }
        }

        if (t.Length >= 5)
        {
            foreach (var u in words)
            {
                if (u.Length >= 5 && string.CompareOrdinal(t, 0, u, 0, 5) == 0
                    && (u.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(u, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A claim's word terms (not figures) with their weights, computed once per claim.</summary>
    private Profile Of(Claim c)
    {
        if (!_profiles.TryGetValue(c, out var p))
        {
            var words = c.Terms.Where(t => t[0] != '#').ToArray();
            var weights = Array.ConvertAll(words, W);
            _profiles[c] = p = new Profile(words, weights, weights.Sum());
        }

        return p;
    }

    private sealed record Profile(string[] Words, double[] Weights, double Total);

    private double W(string t) => _idf.TryGetValue(t, out var w) ? w : 1.0;
}
