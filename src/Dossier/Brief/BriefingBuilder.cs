using System.Collections.Concurrent;
using System.Globalization;
using Dossier.Analysis;
using Dossier.Claims;
using Dossier.Copies;
using Dossier.Time;

namespace Dossier.Brief;

/// <summary>Assembles the briefing of one story from the analysis of a run.</summary>
public sealed class BriefingBuilder
{
    private readonly Summarizer _summarizer;

    public BriefingBuilder(SummaryOptions? options = null)
    {
        _summarizer = new Summarizer(options);
    }

    /// <summary>Summary facts of a story, as document entries citing every carrying article.</summary>
    public IReadOnlyList<SummaryEntry> Summary(StoryAgreement agreement, Func<Claim, string?>? dateOf = null) =>
        _summarizer.Select(agreement, dateOf).Select(agreement.AsWritten).Select(f => new SummaryEntry { Story = agreement.StoryId, Text = f.Representative.Text, Articles = [.. f.Articles] }).ToList();

    public Briefing Build(CorpusContext context, StoryEntry story)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(story);
        var doc = context.Document;
        var members = story.Articles.Where(context.ById.ContainsKey).ToList();
        var set = members.ToHashSet(StringComparer.Ordinal);
        var agreement = context.Get<AgreementResults>()?.GetValueOrDefault(story.Id);
        var groups = SourceGroups.Of(doc);

        var briefing = new Briefing
        {
            Story = story,
            Headline = Headline(context, story, agreement),
            Sources = members.Select((id, i) =>
            {
                var a = context.ById[id].Article;
                return new BriefSource
                {
                    Article = id,
                    Label = Label(i),
                    Outlet = a.Outlet,
                    Published = a.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Title = a.Title,
                    Lead = string.IsNullOrWhiteSpace(a.Title) ? Stories.StoryTitle.FromLead(a) : null,
                    Group = groups.GroupOf(id),
                };
            }).ToList(),
            Summary = doc.Summary.Where(s => s.Story == story.Id).ToList(),
            Timeline = doc.Timeline.Where(t => t.Story == story.Id || (t.Story is null && t.Articles.Any(set.Contains)))
                .OrderBy(t => t.Date, StringComparer.Ordinal).ToList(),
            People = doc.Entities.Where(e => e.Type == "person" && e.Articles.Any(set.Contains))
                .OrderByDescending(e => e.Articles.Count(set.Contains)).ThenByDescending(e => e.Mentions).ThenBy(e => e.Name, StringComparer.Ordinal).ToList(),
            // Who said what: statements of speech or thought with a resolved speaker; evidence and events ("photos
            // showed", "leaders reached"), documents ("the log notes") and unattributed quotes are not a speaker's words.
            QuotesBySpeaker = doc.Quotes.Where(q => set.Contains(q.Article) && q.Speaker is not null && q.CueKind != Quotes.QuotesSection.OtherKind)
                .GroupBy(q => q.Speaker!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new SpeakerQuotes { Speaker = g.Key, Quotes = g.ToList() }).ToList(),
            Consensus = doc.Consensus.Where(c => c.Story == story.Id).ToList(),
            Exclusives = doc.Exclusives.Where(c => c.Story == story.Id).ToList(),
            Conflicts = doc.Conflicts.Where(c => c.Story == story.Id).ToList(),
        };

        if (agreement is not null)
        {
            briefing.Coverage = CoverageOf(agreement, members);
            briefing.Updates = Updates(context, agreement, members);
        }

        return briefing;
    }

    /// <summary>Source labels: S1, S2, ...</summary>
    public static string Label(int index) => "S" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Headline(CorpusContext context, StoryEntry story, StoryAgreement? agreement)
    {
        if (!string.IsNullOrWhiteSpace(story.Title) && story.Title != "All articles")
        {
            return story.Title;
        }

        // No title: the lead sentence of the best-supported fact near the top of the articles.
        var lead = agreement?.Facts
            .Where(f => f.Representative.Words >= 10 && !f.Claims.All(c => c.InCaption))
            .OrderByDescending(f => f.Sources - (2 * f.Claims.Min(c => c.Position)))
            .ThenBy(f => f.Id)
            .FirstOrDefault();
        return lead?.Representative.Text ?? context.ById.GetValueOrDefault(story.Articles.FirstOrDefault() ?? "")?.Article.Title ?? story.Id;
    }

    private static Coverage CoverageOf(StoryAgreement agreement, List<string> members)
    {
        var facts = agreement.Consensus
            .Concat(agreement.Facts.Where(f => f.Sources > 1).OrderByDescending(f => f.Sources))
            .Concat(agreement.Exclusives)
            .DistinctBy(f => f.Representative.Text, StringComparer.Ordinal) // one row per claim as shown: a consensus item and its fact read alike
            .Take(40)
            .ToList();
        return new Coverage
        {
            Sources = members,
            Claims = facts.Select(f => f.Representative.Text).ToList(),
            Cells = facts.Select(f => members.Select(m => f.Articles.Contains(m, StringComparer.Ordinal)).ToList()).ToList(),
        };
    }

    /// <summary>
    /// What each newer version added, once per article: facts of its newest version (an update above its previous
    /// version inside the same article) that none of its earlier texts carried, neither its own older versions nor
    /// any earlier article it is a version of. An update of a wire story reprinted by three outlets is one entry over
    /// all of them, not three that repeat each other.
    /// </summary>
    private static List<VersionUpdate> Updates(CorpusContext context, StoryAgreement agreement, List<string> members)
    {
        var inStory = members.ToHashSet(StringComparer.Ordinal);
        var earlier = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rel in context.Document.Copies.Where(c => c.Kind == "version" && inStory.Contains(c.A) && inStory.Contains(c.B)))
        {
            var (older, newer) = Order(context, rel.A, rel.B);
            if (!earlier.TryGetValue(newer, out var list))
            {
                earlier[newer] = list = [];
            }

            list.Add(older);
        }

        var updates = new List<VersionUpdate>();
        foreach (var id in members)
        {
            var versions = context.ById[id].Article.Versions.Count;
            var olderArticles = earlier.TryGetValue(id, out var o)
                ? o.Distinct(StringComparer.Ordinal).OrderByDescending(x => context.ById[x].Article.Published).ThenBy(x => members.IndexOf(x)).ToList()
                : [];
            if (versions < 2 && olderArticles.Count == 0)
            {
                continue;
            }

            var newest = versions - 1;
            var added = agreement.Facts
                .Where(f => f.Claims.Any(c => c.ArticleId == id && c.Version == newest)
                    && !f.Claims.Any(c => c.ArticleId == id && c.Version < newest)
                    && !olderArticles.Any(f.Articles.Contains))
                .OrderBy(f => f.Claims.Where(c => c.ArticleId == id).Min(c => c.Position))
                .Select(f => f.Claims.First(c => c.ArticleId == id && c.Version == newest).Text)
                .ToList();
            if (added.Count > 0)
            {
                var over = versions >= 2 ? ["previous version in the same article", .. olderArticles] : olderArticles;
                updates.Add(new VersionUpdate { Article = id, Over = over[0], AlsoOver = over.Skip(1).ToList(), Added = added });
            }
        }

        return updates;
    }

    private static (string Older, string Newer) Order(CorpusContext context, string a, string b)
    {
        var pa = context.ById[a].Article.Published;
        var pb = context.ById[b].Article.Published;
        return pa is not null && pb is not null && pa > pb ? (b, a) : (a, b);
    }
}

/// <summary>Fills <c>summary[]</c> for every story.</summary>
public sealed class SummaryStage : ICorpusStage
{
    private readonly BriefingBuilder _builder;

    public SummaryStage(SummaryOptions? options = null)
    {
        _builder = new BriefingBuilder(options);
    }

    public string Name => "summary";

    public IReadOnlyList<Type> Requires => [typeof(ClaimLayer)];

    // Reads the agreement results and the dates of the time layers as the timeline left them (re-tagged on the story).
    public IReadOnlyList<string> After => ["agreement", "timeline"];

    public bool ReadsAfterOnly => true;

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = context.Get<AgreementResults>();
        if (results is null)
        {
            return;
        }

        // Stories are independent: summarised in parallel, written in story order.
        var stories = StoryScope.Of(context);
        var summaries = new IReadOnlyList<SummaryEntry>?[stories.Count];
        var order = Enumerable.Range(0, stories.Count).OrderByDescending(i => stories[i].Articles.Count).ToList();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (results.TryGetValue(stories[i].Id, out var agreement))
            {
                summaries[i] = _builder.Summary(agreement, DateOf);
            }
        });

        foreach (var s in summaries)
        {
            if (s is not null)
            {
                context.Document.Summary.AddRange(s);
            }
        }

        // The date a claim tells of: its first date expression that names a calendar date.
        string? DateOf(Claim c)
        {
            var time = context.ById.TryGetValue(c.ArticleId, out var a) ? a.Get<TimeLayer>() : null;
            if (time is null)
            {
                return null;
            }

            foreach (var e in time.Expressions)
            {
                if (e.Start >= c.End)
                {
                    break;
                }

                if (e.Start >= c.Start && e.Type == TimexType.Date && e.CalendarDate is { } date)
                {
                    return date;
                }
            }

            return null;
        }
    }
}
