using System.Globalization;
using System.Text.RegularExpressions;
using Dossier.Claims;
using Dossier.Time;

namespace Dossier.Brief;

/// <summary>Options of the extractive summary. Change with <c>with</c>.</summary>
public sealed record SummaryOptions
{
    public static SummaryOptions Default { get; } = new();

    public int MaxSentences { get; init; } = 8;

    /// <summary>A candidate this similar (IDF cosine) to a chosen sentence repeats it and is skipped.</summary>
    public double Redundancy { get; init; } = 0.3;

    /// <summary>
    /// A candidate whose weight this share of is carried by a chosen sentence (or the other way round) repeats it
    /// ("Sarah Palin's church went up in flames" inside "The Wasilla Bible Church, Sarah Palin's church, has caught fire").
    /// </summary>
    public double Containment { get; init; } = 0.5;

    /// <summary>
    /// A candidate this much of whose IDF-weighted words a chosen sentence holds (three or more), related words and
    /// derivatives counting, tells it again (<see cref="Retelling"/>).
    /// </summary>
    public double Retold { get; init; } = 0.58;

    /// <summary>The share of a one-source lead sentence that another article's lead must hold for it to be that outlet's retelling of it.</summary>
    public double RetoldLead { get; init; } = 0.25;

    /// <summary>
    /// Share of one claim's core weight the other's core must hold for the two to be one part of a fact in the summary
    /// (<see cref="SummaryParts"/>).
    /// </summary>
    public double PartShare { get; init; } = 0.5;

    public int MinWords { get; init; } = 8;

    public int MaxWords { get; init; } = 60;

    /// <summary>A fact dated this many days or more before the main event is background, told last.</summary>
    public int BackgroundDays { get; init; } = 30;
}

/// <summary>
/// Picks 5-10 facts for the summary: supported by many independent sources and near the lead, specific (numbers,
/// names), never repeating a chosen fact (a near wording, most of one sentence's weight in the other, the same
/// figure with shared words, or a retelling in other words: <see cref="Retelling"/>). The main event (what the sources
/// lead with, or an as widely carried fact of an earlier day that the lead reports on) comes first, then the others in
/// the order their events happened (undated ones on the day of what the sources lead with, in news order), background
/// (an earlier time) last; "He said ..." stays after its antecedent. Every sentence cites every article that carries
/// its fact. Besides the aligned facts, the other parts of the best-scored ones are candidates (<see cref="SummaryParts"/>):
/// a fact the aligner chained into another one's sentence can still be told, once per aligned fact.
/// </summary>
public sealed partial class Summarizer
{
    private readonly SummaryOptions _options;

    public Summarizer(SummaryOptions? options = null)
    {
        _options = options ?? SummaryOptions.Default;
    }

    /// <param name="agreement">The story's facts.</param>
    /// <param name="dateOf">The date a claim tells of (YYYY, YYYY-MM or YYYY-MM-DD, from its first date expression), or null.</param>
    public IReadOnlyList<Fact> Select(StoryAgreement agreement, Func<Claim, string?>? dateOf = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var idf = ClaimAligner.Idf(agreement.Facts.SelectMany(f => f.Claims).Select(ClaimAligner.TermsOf).ToList());
        var parts = new SummaryParts(idf, agreement.SourceOf, _options.PartShare);
        var wholes = agreement.Facts
            .Where(f => !f.Claims.All(c => c.InCaption) && Eligible(f.Representative))
            .Select(f => (Fact: f, Score: Score(f, agreement.Sources)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Fact.Id)
            .ToList();
        var all = new List<(Fact Fact, IReadOnlyList<Claim> Shown, bool Part, double Score)>(wholes.Count);
        for (var k = 0; k < wholes.Count; k++)
        {
            var (f, score) = wholes[k];
            if (k >= PartsOfTop * _options.MaxSentences)
            {
                all.Add((f, f.Claims, false, score));
                continue;
            }

            // The fact as aligned (its citations and support), compared by the claims that tell what its text tells;
            // then each other part of it, a fact of its own for the summary.
            var split = parts.Of(f, Eligible);
            all.Add((f, split[0].Claims, false, score));
            for (var i = 1; i < split.Count; i++)
            {
                if (!split[i].Claims.All(c => c.InCaption) && Eligible(split[i].Representative))
                {
                    all.Add((split[i], split[i].Claims, true, Score(split[i], agreement.Sources)));
                }
            }
        }

        var scored = all
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Fact.Id)
            .ToList();
        var chosen = new List<(Fact Fact, double Score)>();
        var shown = new List<IReadOnlyList<Claim>>();
        var vectors = new Dictionary<Claim, Vector>(ReferenceEqualityComparer.Instance);
        var retelling = new Retelling(agreement, idf, _options);
        foreach (var (fact, claims, part, score) in scored)
        {
            if (chosen.Count >= _options.MaxSentences)
            {
                break;
            }

            // One sentence per aligned fact: a part of a chosen fact (or the fact of a chosen part) is another outlet's
            // telling of it as often as a fact of its own.
            if (chosen.Any(c => c.Fact.Id == fact.Id))
            {
                continue;
            }

            var rep = Enumerable.Range(0, chosen.Count).FirstOrDefault(i => part
                ? Repeats(fact, claims, chosen[i].Fact, shown[i], idf, vectors, retelling)
                : Repeats(fact, fact.Claims, chosen[i].Fact, chosen[i].Fact.Claims, idf, vectors, retelling), -1);
            if (rep >= 0)
            {
                continue;
            }

            chosen.Add((fact, score));
            shown.Add(claims);
        }

        return Order(chosen, dateOf, _options.BackgroundDays);
    }

    /// <summary>
    /// Only the facts this many times the summary's length from the top are cut into parts: a part scores at most about
    /// as high as its fact (fewer sources), and cutting every fact of every story costs more than it finds.
    /// </summary>
    private const int PartsOfTop = 3;

    /// <summary>Whether a claim can be a summary sentence: no headline, fragment, date line or caption, of a sentence's length, ending as one.</summary>
    private bool Eligible(Claim c) =>
        c is { Headline: false, Fragment: false, Furniture: false, InCaption: false }
        && c.Words >= _options.MinWords && c.Words <= _options.MaxWords
        && EndsAsSentence(c.Text);

    /// <summary>
    /// The main event first (what the sources lead with, or an as widely carried fact that happened before it: the event
    /// the lead reports on); then by the day each fact tells of (undated: the day of the news the sources lead with), in
    /// the order the news tells them; background last. A sentence opening with a back-reference ("He said ...")
    /// follows the chosen sentence that stands before it in its article.
    /// </summary>
    private static List<Fact> Order(List<(Fact Fact, double Score)> chosen, Func<Claim, string?>? dateOf, int backgroundDays)
    {
        if (chosen.Count == 0)
        {
            return [];
        }

        var dates = new Dictionary<Fact, (DateOnly Start, DateOnly End)?>(ReferenceEqualityComparer.Instance);
        foreach (var (fact, _) in chosen)
        {
            dates[fact] = dateOf is null ? null : Range(dateOf(fact.Representative));
        }

        // The main event: what the sources lead with (near the top of each source), then the best score; but a fact as
        // widely carried (two sources or more) that happened on an earlier day (not background) is the event the lead
        // reports on ("Reporting on the meeting Thursday, ... said" after the meeting on Wednesday): the earliest such
        // fact. One source's earlier facts are its context ("prices rose 3.1% in September" before the rate decision).
        var main = chosen.OrderByDescending(c => Lead(c.Fact)).ThenByDescending(c => c.Score).First();
        var leader = main.Fact;
        if (dates[main.Fact] is { } leadDate)
        {
            var earlier = chosen
                .Where(c => c.Fact.Sources >= Math.Max(2, main.Fact.Sources) && !c.Fact.Representative.Past && !c.Fact.Representative.Quoted)
                .Select(c => (Choice: c, Date: dates[c.Fact]))
                .Where(x => x.Date is { } d && d.Start == d.End && d.End < leadDate.Start && d.End.AddDays(backgroundDays) >= leadDate.Start)
                .OrderBy(x => x.Date!.Value.Start)
                .ThenByDescending(x => Lead(x.Choice.Fact))
                .Select(x => x.Choice)
                .FirstOrDefault();
            if (earlier.Fact is not null)
            {
                main = earlier;
            }
        }

        var mainDate = dates[main.Fact] ?? chosen.Select(c => dates[c.Fact]).Where(d => d is { } r && r.Start == r.End)
            .GroupBy(d => d!.Value.Start).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.First()).FirstOrDefault();

        // Undated facts are told on the day of the news the sources lead with (the report, when the main event came before it).
        var newsDate = dates[leader] ?? mainDate;
        var rest = chosen.Where(c => !ReferenceEquals(c.Fact, main.Fact))
            .Select(c =>
            {
                var date = dates[c.Fact];
                var background = c.Fact.Representative.Past
                    || (date is { } d && mainDate is { } m && d.End.AddDays(backgroundDays) < m.Start);
                return (c.Fact, Background: background, Day: date?.Start ?? newsDate?.Start ?? DateOnly.MinValue);
            })
            .OrderBy(x => x.Background)
            .ThenBy(x => x.Day)
            .ThenBy(x => x.Fact.Claims.Min(c => c.Position))
            .ThenBy(x => x.Fact.Id)
            .Select(x => x.Fact)
            .ToList();
        List<Fact> ordered = [main.Fact, .. rest];

        // A back-reference follows its antecedent: the chosen fact with a claim in the same article just before it.
        foreach (var follower in ordered.Where(f => OpensWithBackReference(f.Representative)).ToList())
        {
            var rep = follower.Representative;
            var antecedent = ordered
                .Where(f => !ReferenceEquals(f, follower))
                .SelectMany(f => f.Claims.Where(c => c.ArticleId == rep.ArticleId && c.Index < rep.Index).Select(c => (Fact: f, c.Index)))
                .OrderByDescending(x => x.Index)
                .Select(x => x.Fact)
                .FirstOrDefault();
            if (antecedent is not null)
            {
                ordered.Remove(follower);
                ordered.Insert(ordered.IndexOf(antecedent) + 1, follower);
            }
        }

        return ordered;
    }

    /// <summary>
    /// Whether a text reads as a finished sentence: it ends with a full stop, question or exclamation mark or an ellipsis,
    /// before any closing quotation marks or brackets. Headlines and sub-headlines inside a body ("Man charged over
    /// supermarket fire"), captions and lines that introduce a quote or a list (ending with a colon) do not, and a summary
    /// sentence must stand on its own.
    /// </summary>
    internal static bool EndsAsSentence(string text) => ClaimExtractor.LastMark(text) is '.' or '!' or '?' or '…';

    private static readonly IReadOnlySet<string> BackReferences = Terms.LoadList("back-references.txt");

    private static bool OpensWithBackReference(Claim c)
    {
        var text = c.Text.AsSpan().TrimStart();
        var end = WordEnd(text, 0);
        if (end == 0 || end >= text.Length)
        {
            return false;
        }

        if (BackReferences.Contains(text[..end].ToString().ToLowerInvariant()))
        {
            return true;
        }

        // Two-word entries: a noun that names something the article told before ("The announcement came hours after").
        var second = end + 1;
        var end2 = text[end] == ' ' ? WordEnd(text, second) : second;
        return end2 > second && end2 < text.Length && BackReferences.Contains(text[..end2].ToString().ToLowerInvariant());

        static int WordEnd(ReadOnlySpan<char> t, int from)
        {
            var k = from;
            while (k < t.Length && char.IsLetter(t[k]))
            {
                k++;
            }

            return k;
        }
    }

    /// <summary>The days a calendar date covers ("2023" a year, "2023-09" a month, "2023-09-13" a day), or null.</summary>
    private static (DateOnly Start, DateOnly End)? Range(string? date) =>
        date is not null && TimexValue.TryParse(date, out var start, out var granularity)
            ? granularity switch
            {
                Granularity.Year => (start, new DateOnly(start.Year, 12, 31)),
                Granularity.Month => (start, new DateOnly(start.Year, start.Month, DateTime.DaysInMonth(start.Year, start.Month))),
                Granularity.Day => (start, start),
                _ => null,
            }
            : null;

    private sealed record Vector(IReadOnlyList<string> Terms, HashSet<string> Set, double Norm, HashSet<double> Figures);

    /// <summary>
    /// Whether a candidate tells a chosen fact again: one of its claims is near one of the chosen fact's claims (IDF
    /// cosine), carries most of its weight or has most of its own weight carried (containment, 3+ shared words), or
    /// states the same figure and shares three words ("a 40-second handshake" / "a handshake of about 40 seconds"), or
    /// retells it in other words (<see cref="Retelling"/>).
    /// </summary>
    private bool Repeats(Fact a, IReadOnlyList<Claim> aClaims, Fact b, IReadOnlyList<Claim> bClaims, Dictionary<string, double> idf, Dictionary<Claim, Vector> vectors, Retelling retelling)
    {
        foreach (var x in Sample(aClaims, a.Representative))
        {
            foreach (var y in Sample(bClaims, b.Representative))
            {
                var (vx, vy) = (Of(x), Of(y));
                if (Repeat(vx, vy) || retelling.Retells(a, x, y, vy.Set, vx.Figures, vy.Figures))
                {
                    return true;
                }
            }
        }

        return false;

        // A fact's representative and a few of its claims: enough wordings to see a repeat, bounded for large stories.
        static IEnumerable<Claim> Sample(IReadOnlyList<Claim> claims, Claim rep) => claims.Count <= 6 ? claims : claims.Take(5).Append(rep).Distinct();

        Vector Of(Claim c)
        {
            if (!vectors.TryGetValue(c, out var v))
            {
                var terms = ClaimAligner.TermsOf(c);
                double sum = 0;
                foreach (var t in terms)
                {
                    var w = W(t);
                    sum += w * w;
                }

                vectors[c] = v = new Vector(terms, terms.ToHashSet(StringComparer.Ordinal), Math.Sqrt(sum), FiguresOf(c));
            }

            return v;
        }

        bool Repeat(Vector x, Vector y)
        {
            if (x.Norm == 0 || y.Norm == 0)
            {
                return false;
            }

            double dot = 0;
            var shared = 0;
            foreach (var t in x.Terms)
            {
                if (y.Set.Contains(t))
                {
                    var w = W(t);
                    dot += w * w;
                    shared += t[0] == '#' ? 0 : 1;
                }
            }

            if (dot / (x.Norm * y.Norm) >= _options.Redundancy)
            {
                return true;
            }

            var smaller = Math.Min(x.Norm, y.Norm);
            if (shared >= 3 && dot / (smaller * smaller) >= _options.Containment)
            {
                return true;
            }

            return shared >= 3 && x.Figures.Overlaps(y.Figures);
        }

        double W(string t) => idf.TryGetValue(t, out var w) ? w : 1.0;
    }

    /// <summary>
    /// The figures a claim states: its counts (not years, not labels such as the day of "Aug. 12") and the numbers written into a compound word ("a 40-second
    /// handshake", which reads as one word).
    /// </summary>
    private static HashSet<double> FiguresOf(Claim c)
    {
        var figures = c.Numbers.Where(n => !n.IsYear && !n.Label).Select(n => n.Value).ToHashSet();
        foreach (Match m in CompoundFigure().Matches(c.Text))
        {
            if (double.TryParse(m.Groups[1].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                figures.Add(value);
            }
        }

        return figures;
    }

    [GeneratedRegex(@"(?<![\w.,])(\d+(?:\.\d+)?)-(?=\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex CompoundFigure();

    /// <summary>
    /// How far up its sources a fact stands: (1 - its best position in an article)^2 averaged over its articles, times
    /// its independent sources, so copies of one wire story count once and a lead sentence of two sources beats a
    /// mid-story sentence of three.
    /// </summary>
    private static double Lead(Fact f) =>
        f.Sources * f.Claims.GroupBy(c => c.ArticleId, StringComparer.Ordinal).Average(g => Math.Pow(1 - g.Min(c => c.Position), 2));

    private static double Score(Fact f, int storySources)
    {
        var rep = f.Representative;
        var support = storySources <= 1 ? 1.0 : f.Sources / (double)storySources;
        var lead = 1.0 - f.Claims.Min(c => c.Position);
        var specific = Math.Min(3, rep.Names.Count) * 0.1 + (f.HasNumbers ? 0.15 : 0);
        var coverage = Math.Min(5, f.Articles.Count) * 0.05;
        var quoted = rep.Quoted ? -0.3 : 0;
        return (support * 1.5) + (lead * 1.2) + specific + coverage + quoted;
    }
}
