using System.Collections.Concurrent;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Entities;

namespace Dossier.Quotes;

/// <summary>
/// Fills <c>quotes[]</c> (every quote of every analysed article, offsets into its source text) and
/// <c>quote_groups[]</c> (the same statement rendered by several articles of one story; all analysed articles form
/// one group scope when no stories are filled).
/// </summary>
public sealed class QuotesSection : ICorpusStage
{
    private readonly QuoteGrouper _grouper;

    public QuotesSection(QuoteGrouper? grouper = null)
    {
        _grouper = grouper ?? new QuoteGrouper();
    }

    public string Name => "quotes";

    public IReadOnlyList<Type> Requires => [typeof(QuotesLayer)];

    // quote_groups[] are per story; speakers are named as entities[] names them.
    public IReadOnlyList<string> After => ["stories", "entities"];

    public bool ReadsAfterOnly => true;

    /// <summary>The quotes that are statements of their own: a partial quote inside a reported statement is part of that statement.</summary>
    private static IEnumerable<Quote> Statements(IReadOnlyList<Quote> quotes) =>
        quotes.Where(q => !q.Partial || !quotes.Any(r => !r.Direct && r.Start <= q.Start && q.End <= r.End + 1));

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Articles and stories are independent: their entries are made in parallel (largest stories first, so no
        // long one is left running alone at the end), then written in order.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var corpus = context.Get<CorpusEntities>();
        var quotes = new List<QuoteEntry>[context.Articles.Count];
        var names = new IReadOnlyDictionary<string, string>[context.Articles.Count];
        Parallel.For(0, context.Articles.Count, parallel, k =>
        {
            var a = context.Articles[k];
            var speakers = names[k] = SpeakerNames(corpus, a);
            var entries = new List<QuoteEntry>();
            foreach (var q in a.Get<QuotesLayer>()?.Quotes ?? [])
            {
                var span = a.Article.Map.ToSource(q.Span);
                entries.Add(new QuoteEntry
                {
                    Article = a.Id,
                    Speaker = Named(speakers, q.Entity),
                    SpeakerMention = q.Speaker,
                    Cue = q.Cue,
                    CueKind = KindName(q.CueClass),
                    Text = span.Slice(a.Article.SourceText),
                    Direct = q.Direct,
                    Start = span.Start,
                    End = span.End,
                });
            }

            quotes[k] = entries;
        });
        foreach (var entries in quotes)
        {
            context.Document.Quotes.AddRange(entries);
        }

        var namesById = new Dictionary<string, IReadOnlyDictionary<string, string>>(context.Articles.Count, StringComparer.Ordinal);
        for (var k = 0; k < context.Articles.Count; k++)
        {
            namesById[context.Articles[k].Id] = names[k];
        }

        IReadOnlyList<(string? Story, IReadOnlyList<string> Ids)> scopes = context.Document.Stories.Count > 0
            ? [.. context.Document.Stories.Select(s => ((string?)s.Id, (IReadOnlyList<string>)s.Articles))]
            : [(null, context.Articles.Select(a => a.Id).ToList())];
        var groups = new List<QuoteGroupEntry>[scopes.Count];
        var order = Enumerable.Range(0, scopes.Count).OrderByDescending(i => scopes[i].Ids.Count).ToList();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), parallel, k => groups[k] = Group(context, namesById, scopes[k].Story, scopes[k].Ids));
        foreach (var entries in groups)
        {
            context.Document.QuoteGroups.AddRange(entries);
        }
    }

    /// <summary>
    /// The name the corpus gives the article's speaker entity: one identity across spellings, so a quote of "Ilan Djavo"
    /// in one article and of "Ilan Dzhavo" in another name the same entities[] entry. Unchanged when entities were not
    /// resolved across articles.
    /// </summary>
    public static string? CorpusName(CorpusEntities? corpus, AnnotatedArticle article, string? name)
    {
        ArgumentNullException.ThrowIfNull(article);
        return name is null ? null : Named(SpeakerNames(corpus, article), name);
    }

    /// <summary>
    /// The article's speaker names as <see cref="CorpusName"/> gives them, made once per article: entity name to the
    /// corpus name of the first entity of that name the corpus resolved. Empty when entities were not resolved.
    /// </summary>
    private static Dictionary<string, string> SpeakerNames(CorpusEntities? corpus, AnnotatedArticle article)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (corpus is null || article.Get<EntityLayer>() is not { } layer)
        {
            return map;
        }

        foreach (var e in layer.Entities)
        {
            if (!map.ContainsKey(e.Name) && corpus.NameOf(article.Id, e.Index) is { } resolved)
            {
                map[e.Name] = resolved;
            }
        }

        return map;
    }

    /// <summary>The JSON name of <see cref="CueClass.Other"/>: a statement that reports no speech.</summary>
    public const string OtherKind = "other";

    /// <summary>The JSON name of a cue class: "speech", "cognition", "other".</summary>
    public static string KindName(CueClass kind) => kind switch
    {
        CueClass.Cognition => "cognition",
        CueClass.Other => OtherKind,
        _ => "speech",
    };

    private static string? Named(IReadOnlyDictionary<string, string> speakers, string? name) =>
        name is not null && speakers.TryGetValue(name, out var resolved) ? resolved : name;

    /// <summary>The quote groups of one story (or of all articles).</summary>
    private List<QuoteGroupEntry> Group(CorpusContext context, Dictionary<string, IReadOnlyDictionary<string, string>> names, string? story, IReadOnlyList<string> ids)
    {
        var instances = ids.Where(context.ById.ContainsKey)
            .SelectMany(id => Statements(context.ById[id].Get<QuotesLayer>()?.Quotes ?? [])
                .Select(q => new QuoteInstance(id, q.Entity is null ? q : q with { Entity = Named(names[id], q.Entity) })))
            .ToList();
        var entries = new List<QuoteGroupEntry>();
        foreach (var g in _grouper.Group(instances))
        {
            var entry = new QuoteGroupEntry { Story = story, Speaker = g.Speaker };
            for (var i = 0; i < g.Quotes.Count; i++)
            {
                var inst = g.Quotes[i];
                var article = context.ById[inst.Article].Article;
                var span = article.Map.ToSource(inst.Quote.Span);
                entry.Quotes.Add(new QuoteRef
                {
                    Article = inst.Article,
                    Text = span.Slice(article.SourceText),
                    Start = span.Start,
                    End = span.End,
                    Differences = [.. g.Differences[i]],
                });
            }

            entries.Add(entry);
        }

        return entries;
    }
}
