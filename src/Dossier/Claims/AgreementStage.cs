using System.Collections.Concurrent;
using Dossier.Analysis;
using Dossier.Copies;

namespace Dossier.Claims;

/// <summary>The stories to analyse: the stories section when filled, else every analysed article as one story "all".</summary>
public static class StoryScope
{
    public static IReadOnlyList<StoryEntry> Of(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Document.Stories.Count > 0)
        {
            return context.Document.Stories;
        }

        return context.Articles.Count == 0 ? [] :
        [
            new StoryEntry
            {
                Id = "all",
                Title = context.Articles[0].Article.Title ?? "All articles",
                Articles = context.Articles.Select(a => a.Id).ToList(),
            },
        ];
    }
}

/// <summary>The agreement of every story of a run, keyed by story id (a corpus result for the briefing).</summary>
public sealed class AgreementResults : Dictionary<string, StoryAgreement>
{
    public AgreementResults()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>Fills <c>consensus[]</c>, <c>exclusives[]</c> and <c>conflicts[]</c> for every story.</summary>
public sealed class AgreementStage : ICorpusStage
{
    private readonly AgreementAnalyzer _analyzer;

    public AgreementStage(AgreementOptions? options = null)
    {
        _analyzer = new AgreementAnalyzer(options);
    }

    public string Name => "agreement";

    public IReadOnlyList<Type> Requires => [typeof(ClaimLayer)];

    // Reads the copies (sources counted once), the stories and the quotes and quote groups.
    public IReadOnlyList<string> After => ["copies", "stories", "quotes"];

    public bool ReadsAfterOnly => true;

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = SourceGroups.Of(context.Document);
        var direct = context.Document.Quotes.Where(q => q.Direct).Select(q => (q.Article, q.Start)).ToHashSet();
        var results = new AgreementResults();
        var stories = StoryScope.Of(context);
        var groupsByStory = context.Document.QuoteGroups.Where(g => g.Story is not null).ToLookup(g => g.Story!, StringComparer.Ordinal);
        var unassigned = context.Document.QuoteGroups.Where(g => g.Story is null).ToList();

        // Stories are independent: analyse them in parallel, then write the sections in story order.
        // Largest stories first, one at a time per thread, so no long story is left running alone at the end.
        var computed = new StoryAgreement[stories.Count];
        var order = Enumerable.Range(0, stories.Count).OrderByDescending(i => stories[i].Articles.Count).ToList();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var story = stories[i];
            var members = story.Articles.Where(context.ById.ContainsKey).ToHashSet(StringComparer.Ordinal);
            var claims = story.Articles.Where(members.Contains)
                .SelectMany(id => context.ById[id].Get<ClaimLayer>()?.Claims ?? [])
                .ToList();
            var quoteVariants = groupsByStory[story.Id].Concat(unassigned.Where(g => g.Quotes.All(q => members.Contains(q.Article))))
                .Select(g => (g.Speaker, (IReadOnlyList<QuoteVariant>)g.Quotes.Select(q => new QuoteVariant(q.Article, q.Text, direct.Contains((q.Article, q.Start)))).ToList()))
                .ToList();
            computed[i] = _analyzer.Analyze(story.Id, claims, groups.GroupOf, quoteVariants, DayOf);
        });

        for (var i = 0; i < stories.Count; i++)
        {
            var story = stories[i];
            var agreement = computed[i];
            results[story.Id] = agreement;

            context.Document.Consensus.AddRange(agreement.Consensus.Select(f => new ConsensusEntry
            {
                Story = story.Id,
                Text = f.Representative.Text,
                Articles = [.. f.Articles],
            }));
            var position = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = story.Articles.Count - 1; k >= 0; k--)
            {
                position[story.Articles[k]] = k;
            }

            context.Document.Exclusives.AddRange(agreement.Exclusives.Select(f =>
            {
                // The lineage's first report (the earliest article carrying the fact) first, then its other carriers.
                var carriers = f.Articles.Count == 1 ? [f.Articles[0]] : f.Articles.OrderBy(id => DayOf(id) ?? DateOnly.MaxValue).ThenBy(id => position.GetValueOrDefault(id, -1)).ToList();
                return new ExclusiveEntry { Story = story.Id, Text = f.Representative.Text, Article = carriers[0], Articles = carriers };
            }));
            context.Document.Conflicts.AddRange(agreement.Conflicts.Select(c => new ConflictEntry
            {
                Story = story.Id,
                Topic = c.Topic,
                Claims = c.Sides.Select(s => new ConflictClaim { Text = s.Text, Articles = [.. s.Articles] }).ToList(),
            }));
        }

        context.Set(results);

        DateOnly? DayOf(string id) =>
            context.ById.TryGetValue(id, out var a) && a.Article.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null;
    }
}
