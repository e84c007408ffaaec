using System.Diagnostics;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Brief;

/// <summary>Briefs one stored story: analyses its articles and assembles the briefing.</summary>
public sealed class BriefService
{
    private readonly Analyzer _analyzer;
    private readonly BriefingBuilder _builder = new();

    public BriefService(Analyzer? analyzer = null)
    {
        _analyzer = analyzer ?? new Analyzer();
    }

    public static IReadOnlyList<IBriefRenderer> Renderers { get; } = [new MarkdownBriefRenderer(), new HtmlBriefRenderer(), new JsonBriefRenderer()];

    /// <summary>
    /// The briefing of story <paramref name="storyId"/> (an id or unique prefix from <c>dossier stories</c>; "all" briefs every
    /// stored article as one story when the store has no stories yet).
    /// </summary>
    public Briefing Brief(IArticleStore store, string storyId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(storyId);
        var stories = store.GetStories();
        var matches = stories.Where(s => s.Id == storyId).ToList();
        if (matches.Count == 0)
        {
            matches = stories.Where(s => s.Id.StartsWith(storyId, StringComparison.Ordinal)).ToList();
        }

        IReadOnlyList<string> ids;
        string id;
        string title;
        if (matches.Count == 1)
        {
            (id, title, ids) = (matches[0].Id, matches[0].Title, matches[0].Articles);
        }
        else if (matches.Count == 0 && storyId == "all")
        {
            (id, title, ids) = ("all", "All articles", store.List().Select(a => a.Id).ToList());
        }
        else
        {
            DossierThrow.Dossier_StoryNotFound(storyId);
            throw new UnreachableException();
        }

        return Brief(_analyzer.Run(store, ids), id, title, ids);
    }

    /// <summary>The briefing of the story of an analysed run that best matches the given articles.</summary>
    public Briefing Brief(CorpusContext context, string id, string title, IReadOnlyList<string> articleIds)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(articleIds);
        var wanted = articleIds.ToHashSet(StringComparer.Ordinal);
        var story = context.Document.Stories.FirstOrDefault(s => s.Id == id)
            ?? context.Document.Stories.OrderByDescending(s => s.Articles.Count(wanted.Contains)).FirstOrDefault()
            ?? new StoryEntry { Id = id, Title = title, Articles = [.. articleIds] };
        if (string.IsNullOrWhiteSpace(story.Title))
        {
            story.Title = title;
        }

        return _builder.Build(context, story);
    }
}
