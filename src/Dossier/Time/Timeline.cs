using Dossier.Analysis;
using Dossier.Copies;
using Dossier.Core;
using Dossier.Entities;
using Dossier.Store;
using Dossier.Text;

namespace Dossier.Time;

/// <summary>One article's report of a timeline event: the clause and the time expression in it (offsets into Article.Text).</summary>
public sealed record TimelineMention(string ArticleId, int Start, int End, int ExpressionStart, int ExpressionEnd, string Value, AnchorKind Anchor, string Text);

/// <summary>An event on a story's timeline: a date, the clause that says what happened, every article that reports it.</summary>
public sealed record TimelineEvent(string? Story, string Date, string Text, IReadOnlyList<TimelineMention> Mentions)
{
    public IReadOnlyList<string> Articles => Mentions.Select(m => m.ArticleId).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>The articles of one story (<see cref="StoryId"/> null when there are no stories: all analysed articles).</summary>
public sealed record StoryArticles(string? StoryId, IReadOnlyList<AnnotatedArticle> Articles)
{
    /// <summary>Copy relations (exact, near, rewrite, version) among the articles: text one article carries over from another of its lineage is dated as the earliest of them dated it.</summary>
    public IReadOnlyList<ArticleRelation> Copies { get; init; } = [];

    /// <summary>The story's articles with the relations between two of them (looked up by their first article, so a story costs its own pairs only).</summary>
    public static StoryArticles With(string? storyId, IReadOnlyList<AnnotatedArticle> articles, ILookup<string, ArticleRelation> relationsByFirst)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(relationsByFirst);
        var ids = articles.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return new StoryArticles(storyId, articles) { Copies = [.. articles.SelectMany(a => relationsByFirst[a.Id]).Where(r => ids.Contains(r.B))] };
    }
}

/// <summary>Options of the timeline builder.</summary>
public sealed record TimelineOptions
{
    public static TimelineOptions Default { get; } = new();

    /// <summary>Two clauses with the same date are one event when the cosine of their TF-IDF content words reaches this.</summary>
    public double MergeSimilarity { get; init; } = 0.12;
}

/// <summary>
/// Builds one timeline per story: every dated expression (DATE or TIME that names a calendar date) becomes a
/// mention whose text is its clause (its sentence without the dateline, cut at , ; or a dash when the sentence holds
/// other dates and the piece can stand alone);
/// mentions with the same date and similar clauses (TF-IDF cosine of content words, weighted within the story)
/// are merged into one event citing every article. An article without an anchor of its own is anchored on the
/// latest anchor of its story's other articles (anchor kind "story") and re-tagged.
/// </summary>
public sealed class TimelineBuilder(ITimeTagger? tagger = null, TimelineOptions? options = null)
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "his", "her", "its", "their", "this",
        "from", "but", "not", "said", "says", "will", "would", "been", "which", "who", "after", "before", "during", "into",
        "than", "then", "they", "them", "there", "where", "when", "what", "also", "about", "over", "under", "between", "day",
        "days", "week", "weeks", "month", "months", "year", "years", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "could", "should", "while", "our", "your", "him", "she", "its", "one", "two",
        "hours", "later", "earlier", "next", "last", "since", "until", "reported", "reporting", "report", "according",
    };

    private readonly ITimeTagger _tagger = tagger ?? TimeTagger.Default;
    private readonly TimelineOptions _options = options ?? TimelineOptions.Default;

    public IReadOnlyList<TimelineEvent> Build(IEnumerable<StoryArticles> stories)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var events = new List<TimelineEvent>();
        foreach (var story in stories)
        {
            AnchorOnStory(story.Articles);
            events.AddRange(BuildStory(story));
        }

        return events;
    }

    /// <summary>Articles with no anchor borrow the latest anchor of the story's other articles, and are re-tagged.</summary>
    public void AnchorOnStory(IReadOnlyList<AnnotatedArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        foreach (var a in articles)
        {
            if (a.Get<TimeLayer>() is null)
            {
                a.Set(TimeStage.Tag(a.Article, _tagger));
            }
        }

        var dated = articles.Select(a => a.Get<TimeLayer>()!.Anchor).OfType<TimeAnchor>().Where(x => x.Kind != AnchorKind.Story).ToList();
        if (dated.Count == 0)
        {
            return;
        }

        var latest = dated.Max(x => x.Date);
        foreach (var a in articles)
        {
            var layer = a.Get<TimeLayer>()!;
            if (layer.Anchor is null)
            {
                var anchor = new TimeAnchor(latest, AnchorKind.Story, $"latest anchor of the story's other articles ({latest:yyyy-MM-dd}); {layer.Unresolved}", LowerBound: true);
                a.Set(new TimeLayer(_tagger.Tag(a.Text, anchor), anchor, null));
            }
        }
    }

    private List<TimelineEvent> BuildStory(StoryArticles story)
    {
        var mentions = new List<(TimelineMention M, string Date, Dictionary<string, int> Words)>();
        var boundsOf = story.Articles.ToDictionary(a => a, a => SentenceBounds.WithWholeQuotes(a));
        var (lineage, firstReadings) = FirstReadings(story, boundsOf);
        foreach (var a in story.Articles)
        {
            var layer = a.Get<TimeLayer>()!;
            var bounds = boundsOf[a];
            var dated = layer.Expressions.Where(e => e.Type is TimexType.Date or TimexType.Time && e.CalendarDate is not null && !IsComparisonBase(a.Text, e)).ToList();
            if (firstReadings.Count > 0 && layer.Anchor is { } own && lineage.TryGetValue(a.Id, out var group))
            {
                dated = dated.Select(e => FirstReading(firstReadings, group, a.Text, bounds, e, own.Date)).ToList();
            }

            var dateline = a.Article.DatelineSpan;
            var pieces = new List<(TimelineMention M, string Date, TimeExpression E)>();
            for (var i = 0; i < dated.Count; i++)
            {
                var e = dated[i];
                if (dateline is { } inside && e.Start >= inside.Start && e.End <= inside.End)
                {
                    // A date inside the dateline ("LORRIN, Oct. 17 (NWS) — ") is when the article was filed, not an event.
                    continue;
                }

                var sentence = bounds.SentenceAt(e.Start);
                var (s, t) = (sentence.Start, Math.Max(sentence.End, e.End));
                var date = e.CalendarDate!;
                if (i > 0 && dated[i - 1].Start >= s && dated[i - 1].CalendarDate != date)
                {
                    s = Math.Max(s, LastSeparator(a.Text, dated[i - 1].End, e.Start) ?? s);
                }

                if (i + 1 < dated.Count && dated[i + 1].Start < t && dated[i + 1].CalendarDate != date)
                {
                    t = Math.Min(t, FirstSeparator(a.Text, e.End, dated[i + 1].Start) ?? t);
                }

                // A piece cut off that cannot stand alone ("to 41 million crowns this year", "the office said on
                // Thursday") is shown as its whole sentence.
                if ((s != sentence.Start || t < sentence.End) && !StandsAlone(a.Text, s, t))
                {
                    (s, t) = (sentence.Start, Math.Max(sentence.End, e.End));
                }

                // The dateline ("VESSA, Veridia, Oct. 16 (MPA) -- ") is page furniture, not part of what happened (when
                // the date expression comes after it: the clause runs past the dateline to e.Start at least).
                s = Article.PastDateline(dateline, s, e.Start + 1);
                if (s != sentence.Start)
                {
                    s = PastCoordinator(a.Text, s, e.Start);
                }

                var text = a.Text[s..t].Trim().TrimEnd(',', ';', '—', '–').Trim();
                var m = new TimelineMention(a.Id, s, t, e.Start, e.End, e.Value, e.Anchor == AnchorKind.None ? layer.Anchor?.Kind ?? AnchorKind.None : e.Anchor, text);
                pieces.Add((m, date, e));
            }

            // When two dates did not cut a piece of text apart ("called on Thursday for all of them to be inspected before
            // the winter rains"), a coarser one that holds the other (2025 beside 2025-10-16) does not date the piece
            // again: it says nothing the precise one does not. Other dates stay, each an event of the piece ("found guilty
            // today of a rampage two years ago"; "on Wednesday in this photo released the next day").
            foreach (var p in pieces)
            {
                var shadowed = pieces.Any(o => o.M.Start == p.M.Start && o.M.End == p.M.End && o.Date.Length > p.Date.Length
                    && o.Date.StartsWith(p.Date, StringComparison.Ordinal));
                if (!shadowed)
                {
                    mentions.Add((p.M, p.Date, Words(p.M.Text)));
                }
            }

            // "The collapse came 18 months after a state inspection in April 2024": a duration before "after"/"before" and a
            // date later in that phrase dates the sentence's own event (2025-10).
            foreach (var d in layer.Expressions)
            {
                if (d.Type != TimexType.Duration || OffsetDate(a.Text, d, dated, bounds) is not { } offset)
                {
                    continue;
                }

                var sentence = bounds.SentenceAt(d.Start);
                var s = Article.PastDateline(dateline, sentence.Start, d.Start + 1);
                var t = Math.Max(sentence.End, offset.Anchor.End);
                var text = a.Text[s..t].Trim().TrimEnd(',', ';', '—', '–').Trim();
                var anchor = offset.Anchor.Anchor == AnchorKind.None ? layer.Anchor?.Kind ?? AnchorKind.None : offset.Anchor.Anchor;
                var m = new TimelineMention(a.Id, s, t, d.Start, offset.Anchor.End, offset.Date, anchor, text);
                mentions.Add((m, offset.Date, Words(text)));
            }
        }

        // document frequency of words over the story's clauses
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in mentions.SelectMany(x => x.Words.Keys))
        {
            df[w] = df.GetValueOrDefault(w) + 1;
        }

        var n = Math.Max(1, mentions.Count);
        var vectors = mentions.Select(x => x.Words.ToDictionary(kv => kv.Key, kv => kv.Value * Math.Log(1.0 + ((double)n / df[kv.Key])), StringComparer.Ordinal)).ToList();
        var norms = vectors.Select(SquaredNorm).ToList();
        double Similarity(int i, int j) => Cosine(vectors[i], norms[i], vectors[j], norms[j]);
        // single-link clustering of same-date mentions (union-find over similar pairs)
        var parent = Enumerable.Range(0, mentions.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            for (var j = i + 1; j < mentions.Count; j++)
            {
                if (mentions[i].Date == mentions[j].Date
                    && ((mentions[i].M.ArticleId == mentions[j].M.ArticleId && mentions[i].M.Start == mentions[j].M.Start) || Similarity(i, j) >= _options.MergeSimilarity))
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        var clusters = Enumerable.Range(0, mentions.Count).GroupBy(Find).Select(g => g.ToList()).ToList();

        var result = new List<TimelineEvent>();
        foreach (var c in clusters)
        {
            // the text of the member most similar to the others
            var distinct = c.GroupBy(i => mentions[i].M.Text, StringComparer.Ordinal).Select(g => g.First()).ToList();
            var medoid = distinct.OrderByDescending(i => distinct.Sum(j => i == j ? 0 : Similarity(i, j))).ThenBy(i => mentions[i].M.Text.Length).First();
            result.Add(new TimelineEvent(story.StoryId, mentions[c[0]].Date, mentions[medoid].M.Text, c.Select(i => mentions[i].M).ToList()));
        }

        return result.OrderBy(e => e.Date, StringComparer.Ordinal).ThenBy(e => -e.Articles.Count).ToList();
    }

    /// <summary>A dated expression's place in its lineage: the lineage, its sentence's text (quote marks, dashes and spaces folded) and the expression's offset and length in it.</summary>
    private readonly record struct SentencePlace(int Lineage, string Sentence, int Offset, int Length);

    /// <summary>
    /// Text carried over verbatim from an earlier article of its lineage (a reprint, or an update that keeps the wire's
    /// "We are checking every structure on the river tonight.") was written when that article was, so its relative
    /// dates are read as the earliest article of the lineage carrying the same sentence read them, not against the
    /// later article's date. Only copies count (<see cref="StoryArticles.Copies"/>): the same words in unrelated
    /// articles (a weekly "data are scheduled to be released on Friday") are each their own article's. Returns each
    /// article's lineage (articles in a copy relation only) and, for every sentence that holds a date resolved against
    /// an anchor, the reading of the lineage's article with the earliest anchor; both empty when nothing is carried over.
    /// </summary>
    private static (Dictionary<string, int> Lineage, Dictionary<SentencePlace, (DateOnly Anchor, TimeExpression Expression)> First) FirstReadings(StoryArticles story, Dictionary<AnnotatedArticle, ISentenceBounds> boundsOf)
    {
        var lineage = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<SentencePlace, (DateOnly Anchor, TimeExpression Expression)>();
        if (story.Copies.Count == 0)
        {
            return (lineage, first);
        }

        var groups = CopyGroups.Of(story.Articles.Select(a => a.Id).ToList(), story.Copies);
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Articles.Count > 1)
            {
                foreach (var id in groups[g].Articles)
                {
                    lineage[id] = g;
                }
            }
        }

        foreach (var a in story.Articles)
        {
            var layer = a.Get<TimeLayer>()!;
            if (layer.Anchor is not { } anchor || !lineage.TryGetValue(a.Id, out var group))
            {
                continue;
            }

            var bounds = boundsOf[a];
            foreach (var e in layer.Expressions)
            {
                if (e.Type is TimexType.Date or TimexType.Time && e.Anchor != AnchorKind.None && e.CalendarDate is not null)
                {
                    var place = PlaceOf(group, a.Text, bounds, e);
                    if (!first.TryGetValue(place, out var seen) || anchor.Date < seen.Anchor)
                    {
                        first[place] = (anchor.Date, e);
                    }
                }
            }
        }

        return (lineage, first);
    }

    /// <summary>The expression as the earliest article of its lineage carrying its sentence read it (<see cref="FirstReadings"/>), or the expression itself.</summary>
    private static TimeExpression FirstReading(Dictionary<SentencePlace, (DateOnly Anchor, TimeExpression Expression)> first, int lineage, string text, ISentenceBounds bounds, TimeExpression e, DateOnly anchor) =>
        e.Anchor != AnchorKind.None && first.TryGetValue(PlaceOf(lineage, text, bounds, e), out var earliest) && earliest.Anchor < anchor && earliest.Expression.Value != e.Value
            ? e with { Value = earliest.Expression.Value }
            : e;

    private static SentencePlace PlaceOf(int lineage, string text, ISentenceBounds bounds, TimeExpression e)
    {
        var (start, end) = bounds.SentenceAt(e.Start);
        end = Math.Max(end, e.End);
        var folded = string.Create(end - start, (text, start), static (span, st) =>
        {
            var source = st.text.AsSpan(st.start, span.Length);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = source[i] switch
                {
                    '“' or '”' or '„' or '″' => '"',
                    '‘' or '’' or '′' => '\'',
                    '–' or '—' => '-',
                    _ when char.IsWhiteSpace(source[i]) => ' ',
                    _ => source[i],
                };
            }
        });
        return new SentencePlace(lineage, folded, e.Start - start, e.Length);
    }

    private static readonly WordTable ComparisonLinks = TimeRuleSet.Default.Table("comparisonlink");

    private static readonly WordTable ComparisonBases = TimeRuleSet.Default.Table("comparisonbase");

    /// <summary>
    /// Whether the expression is the time a figure is compared with ("rose 3.1% from a year earlier", "higher than last
    /// year", "compared with the same period last year", "up from the year-ago quarter"): it follows a comparison link
    /// (Data/words.txt [comparisonlink]) with nothing but spaces between, and holds a word that counts back from another
    /// time ([comparisonbase]: "earlier", "ago", "last", "previous" ...). Nothing happened then that the sentence reports,
    /// so it makes no timeline entry and cuts no piece. "from Monday" or "from 1986" name no such word and still count.
    /// </summary>
    internal static bool IsComparisonBase(string text, TimeExpression e)
    {
        var inside = text.AsSpan(e.Start, e.End - e.Start);
        var counted = false;
        foreach (var range in inside.SplitAny(" -\n\t"))
        {
            var word = inside[range].TrimEnd('.');
            if (word.Length > 0 && ComparisonBases.Contains(word.ToString()))
            {
                counted = true;
                break;
            }
        }

        if (!counted)
        {
            return false;
        }

        // The link comes right before it ("from a year earlier"), or before a figure and its words ("from 600 billion a year
        // earlier", "compared with 102.9 a year earlier", "from 91,243 units in the same period last year", "from the same
        // period a year ago"); no clause break between. Words between with no figure ("returned from Paris last week")
        // make no comparison.
        var words = new List<string>(MaxComparisonGap + 2);
        var end = e.Start;
        while (words.Count < MaxComparisonGap + 2)
        {
            var wordEnd = SkipSpacesBack(text, end);
            var wordStart = wordEnd;
            while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]))
            {
                wordStart--;
            }

            if (wordStart == wordEnd || wordEnd == end || text[wordEnd - 1] is ',' or ';' or ':' or '(' or ')' or '"' or '“' or '”' || (text[wordEnd - 1] == '.' && wordEnd - wordStart > 3))
            {
                return false;
            }

            var word = text[wordStart..wordEnd];
            if (ComparisonLinks.Get(word) is { } kind && LinkFits(kind, words))
            {
                // "less than a month ago", "more than two years earlier": "than" measures the time, it compares nothing.
                return !(word.Equals("than", StringComparison.OrdinalIgnoreCase) && CountsBack(text, e)
                    && WordBeforeIsOneOf(text, wordStart, TimeMeasures));
            }

            if (words.Count > 0 && ComparisonLinks.Get(word + " " + words[^1]) is { } pairKind && LinkFits(pairKind, words.GetRange(0, words.Count - 1)))
            {
                return true;
            }

            words.Add(word);
            end = wordStart;
        }

        return false;
    }

    /// <summary>Most words between a comparison link and the time it compares with ("against a 1.65 billion yen profit").</summary>
    private const int MaxComparisonGap = 5;

    /// <summary>
    /// Whether the words between a comparison link and the expression (nearest first) let it compare: none, filler words
    /// of a period ("the same period"), or a figure with its words and no capitalised name; a link of kind "figure"
    /// ("against") only with a figure.
    /// </summary>
    private static bool LinkFits(string kind, List<string> between)
    {
        var withFigure = between.Count <= MaxComparisonGap && between.Any(w => w.Any(char.IsAsciiDigit)) && !between.Any(w => char.IsUpper(w[0]));
        return kind == "figure" ? withFigure : withFigure || between.All(ComparisonFillers.Contains);
    }

    private static readonly WordTable TimeMeasures = TimeRuleSet.Default.Table("timemeasure");

    /// <summary>Whether the expression ends counting back a duration ("a month ago", "two years earlier").</summary>
    private static bool CountsBack(string text, TimeExpression e)
    {
        var inside = text.AsSpan(e.Start, e.End - e.Start).TrimEnd('.');
        return inside.EndsWith("ago", StringComparison.OrdinalIgnoreCase) || inside.EndsWith("earlier", StringComparison.OrdinalIgnoreCase)
            || inside.EndsWith("before", StringComparison.OrdinalIgnoreCase) || inside.EndsWith("prior", StringComparison.OrdinalIgnoreCase);
    }

    private static bool WordBeforeIsOneOf(string text, int start, WordTable set)
    {
        var end = SkipSpacesBack(text, start);
        var begin = end;
        while (begin > 0 && char.IsLetter(text[begin - 1]))
        {
            begin--;
        }

        return begin < end && set.Contains(text[begin..end]);
    }

    private static readonly WordTable ComparisonFillers = TimeRuleSet.Default.Table("comparisonfiller");

    private static int SkipSpacesBack(string text, int end)
    {
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        return end;
    }

    private static readonly WordTable OffsetLinks = TimeRuleSet.Default.Table("offsetlink");

    private static readonly WordTable OffsetSpans = TimeRuleSet.Default.Table("offsetspan");

    /// <summary>Most characters between the link word and the date it counts from ("after a state inspection in ").</summary>
    private const int MaxOffsetGap = 60;

    /// <summary>
    /// The calendar date a duration counts to from a date named after it in the same sentence ("18 months after a state
    /// inspection in April 2024" = 2025-10; "two weeks before the vote on May 3, 2024" = 2024-04-19), or null. The
    /// duration must be exact (years, months, weeks or days) and at most as fine as the date: days from a month are not
    /// counted. The link word (Data/words.txt [offsetlink]) must follow the duration, no sentence punctuation may stand
    /// between it and the date, and no span word ([offsetspan]: "for", "during", "over") may come in the three words before
    /// the duration ("for three months before the March decline" is a period, not a day).
    /// </summary>
    internal static (string Date, TimeExpression Anchor)? OffsetDate(string text, TimeExpression duration, IReadOnlyList<TimeExpression> dated, ISentenceBounds bounds)
    {
        var v = duration.Value;
        if (v.Length < 3 || v[0] != 'P' || v[1] == 'T' || !int.TryParse(v.AsSpan(1, v.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 200)
        {
            return null;
        }

        var unit = v[^1];
        var i = duration.End;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var w = i;
        while (w < text.Length && char.IsAsciiLetterLower(text[w]))
        {
            w++;
        }

        if (w == i || !OffsetLinks.Entries.TryGetValue(text[i..w], out var direction))
        {
            return null;
        }

        // "for three straight months before the March decline", "during the 30 days before": a span, not a point.
        var before = text.AsSpan(Math.Max(0, duration.Start - 40), duration.Start - Math.Max(0, duration.Start - 40)).ToString().Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (before.TakeLast(3).Any(b => OffsetSpans.Entries.ContainsKey(b.ToLowerInvariant())))
        {
            return null;
        }

        var sentence = bounds.SentenceAt(duration.Start);
        var anchor = dated.FirstOrDefault(x => x.Start >= w && x.Start - w <= MaxOffsetGap && x.Start < sentence.End);
        if (anchor?.CalendarDate is not { } from || text.AsSpan(w, anchor.Start - w).IndexOfAny(";:.!?") >= 0)
        {
            return null;
        }

        var step = unit switch { 'Y' => Granularity.Year, 'M' => Granularity.Month, 'W' => Granularity.Week, 'D' => Granularity.Day, _ => (Granularity?)null };
        if (step is not { } g || !TimexValue.TryParse(from, out var day, out var granularity) || g < granularity)
        {
            return null;
        }

        return (TimexValue.Format(TimexValue.Add(day, g, direction == "before" ? -n : n), granularity), anchor);
    }

    /// <summary>Least words a piece cut from a sentence must have to stand alone on the timeline.</summary>
    private const int MinPieceWords = 5;

    /// <summary>Most words of a piece that only attributes ("the office said on Thursday").</summary>
    private const int MaxAttributionWords = 8;

    /// <summary>
    /// Whether a piece of a sentence reads on its own: five words or more, not opening with a word that continues the
    /// piece before it (Data/words.txt [dependentstart]: "to", "since", "which"...; or an -ing participle, "extending"),
    /// and not a short attribution (a verb of saying in eight words or fewer). A whole sentence always stands.
    /// </summary>
    internal static bool StandsAlone(string text, int start, int end)
    {
        if ((start > 0 && text[start - 1] == '\n') || IsSentenceStart(text, start))
        {
            return true;
        }

        var words = 0;
        var saying = false;
        string? first = null;
        var i = start;
        while (i < end)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var s = i;
            while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '’' or '-'))
            {
                i++;
            }

            words++;
            var w = text[s..i];
            first ??= w;
            saying |= Saying.Contains(w);
        }

        return words >= MinPieceWords
            && !(first is not null && char.IsLower(first[0]) && (DependentStart.Contains(first) || IsParticiple(first)))
            && !(saying && words <= MaxAttributionWords);
    }

    /// <summary>Whether the piece starts where a sentence does: at the text's start or after . ! ? (or a closing quote) and spaces.</summary>
    private static bool IsSentenceStart(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && char.IsWhiteSpace(text[k]))
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '"' or '”';
    }

    private static readonly WordTable DependentStart = TimeRuleSet.Default.Table("dependentstart");

    private static readonly WordTable NotParticiple = TimeRuleSet.Default.Table("notparticiple");

    /// <summary>Whether a lowercase word opening a piece is an -ing participle ("extending", "killing"), not a noun such as "morning".</summary>
    private static bool IsParticiple(string word) =>
        word.Length > 4 && word.EndsWith("ing", StringComparison.Ordinal) && !NotParticiple.Contains(word);

    private static readonly WordTable Coordinator = TimeRuleSet.Default.Table("coordinator");

    /// <summary>
    /// The start of a piece cut at a separator, past a coordinating word that opens it (", and the Water Authority had
    /// planned ..." starts at "the"), when the word comes before the date expression at <paramref name="limit"/>.
    /// </summary>
    internal static int PastCoordinator(string text, int start, int limit)
    {
        var i = start;
        while (i < limit && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var w = i;
        while (w < limit && char.IsLetter(text[w]))
        {
            w++;
        }

        return w > i && w < limit && char.IsWhiteSpace(text[w]) && char.IsLower(text[i]) && Coordinator.Contains(text[i..w]) ? w + 1 : start;
    }

    private static readonly WordTable Saying = TimeRuleSet.Default.Table("saying");

    private static int? LastSeparator(string text, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            if (text[i] is ',' or ';' or '—' or '–' or ':')
            {
                return i + 1;
            }
        }

        return null;
    }

    private static int? FirstSeparator(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] is ',' or ';' or '—' or '–' or ':')
            {
                return i;
            }
        }

        return null;
    }

    private static Dictionary<string, int> Words(string text)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var s = i;
            while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '-'))
            {
                i++;
            }

            var w = text[s..i].ToLowerInvariant();
            if (w.Length >= 3 && !Stop.Contains(w))
            {
                d[w] = d.GetValueOrDefault(w) + 1;
            }
        }

        return d;
    }

    /// <summary>The sum of the squared weights, in the vector's order.</summary>
    private static double SquaredNorm(Dictionary<string, double> a)
    {
        double na = 0;
        foreach (var v in a.Values)
        {
            na += v * v;
        }

        return na;
    }

    /// <summary>Cosine of two vectors given with their <see cref="SquaredNorm"/>s.</summary>
    private static double Cosine(Dictionary<string, double> a, double na, Dictionary<string, double> b, double nb)
    {
        double dot = 0;
        foreach (var (k, v) in a)
        {
            if (b.TryGetValue(k, out var w))
            {
                dot += v * w;
            }
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}

/// <summary>Corpus stage: fills <c>timeline[]</c>, one timeline per story (or one for all articles when there are no stories).</summary>
public sealed class TimelineStage(ITimeTagger? tagger = null) : ICorpusStage
{
    private readonly TimelineBuilder _builder = new(tagger);

    public string Name => "timeline";

    public IReadOnlyList<Type> Requires => [typeof(TimeLayer)];

    // One timeline per story; articles with no anchor of their own are re-tagged on their story's (TimeLayer).
    public IReadOnlyList<string> After => ["stories"];

    public bool ReadsAfterOnly => true;

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var events = _builder.Build(Groups(context));
        context.Set<IReadOnlyList<TimelineEvent>>(events);
        context.Document.Timeline.AddRange(events.Select(e => new TimelineEntry { Story = e.Story, Date = e.Date, Text = e.Text, Speaker = SpeakerOf(e, context.ById), Articles = [.. e.Articles] }));
    }

    /// <summary>Least share of an entry's text a direct quote must cover for the entry to be that quote (and take its speaker).</summary>
    private const double QuoteCover = 0.8;

    /// <summary>
    /// Who said the entry, when its text is a direct quotation that names no speaker of its own ("“We are checking every
    /// structure on the river tonight.”", carried from the paragraph's cue): the resolved speaker of the quote (not a
    /// partial one) that covers 80% or more of the text in the article the text was taken from; else null.
    /// </summary>
    public static string? SpeakerOf(TimelineEvent e, IReadOnlyDictionary<string, AnnotatedArticle> byId)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(byId);
        var m = e.Mentions.FirstOrDefault(x => string.Equals(x.Text, e.Text, StringComparison.Ordinal));
        if (m is null || !byId.TryGetValue(m.ArticleId, out var article) || article.Get<Dossier.Quotes.QuotesLayer>() is not { } quotes)
        {
            return null;
        }

        var start = article.Text.IndexOf(m.Text, m.Start, m.End - m.Start, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        if (m.Text.Length == 0 || !Dossier.Quotes.QuoteMarks.IsQuoteChar(m.Text[0]))
        {
            return null;
        }

        var end = start + m.Text.Length;
        foreach (var q in quotes.Quotes)
        {
            if (q.Direct && !q.Partial && q.Entity is { } who && Math.Min(end, q.End) - Math.Max(start, q.Start) >= QuoteCover * (end - start)
                && (q.SpeakerStart < 0 || q.SpeakerEnd <= start || q.SpeakerStart >= end))
            {
                // only a person or an organisation the article names ("Dealers", "bankers" are no one to cite)
                var named = article.Get<EntityLayer>()?.Entities.Any(x => x.Type is EntityType.Person or EntityType.Organization
                    && string.Equals(x.Name, who, StringComparison.Ordinal)) == true;
                return named ? who : null;
            }
        }

        return null;
    }

    /// <summary>The stories of the document (articles in no story form one more group), else all articles as one story.</summary>
    public static IReadOnlyList<StoryArticles> Groups(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Document.Stories.Count == 0)
        {
            return [StoryArticles.With(null, context.Articles, CopiesByFirst(context))];
        }

        var copies = CopiesByFirst(context);
        var groups = new List<StoryArticles>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in context.Document.Stories)
        {
            var arts = s.Articles.Where(context.ById.ContainsKey).Select(id => context.ById[id]).ToList();
            seen.UnionWith(arts.Select(a => a.Id));
            if (arts.Count > 0)
            {
                groups.Add(StoryArticles.With(s.Id, arts, copies));
            }
        }

        var rest = context.Articles.Where(a => !seen.Contains(a.Id)).ToList();
        if (rest.Count > 0)
        {
            groups.Add(StoryArticles.With(null, rest, copies));
        }

        return groups;
    }

    /// <summary>The analysis's copy relations looked up by their first article.</summary>
    private static ILookup<string, ArticleRelation> CopiesByFirst(CorpusContext context) =>
        context.Document.Copies.Select(c => new ArticleRelation(c.A, c.B, c.Kind, c.Score)).ToLookup(r => r.A, StringComparer.Ordinal);
}
