using System.Globalization;
using Dossier.Core;

namespace Dossier.Analysis;

/// <summary>Fills <c>articles[]</c>.</summary>
public sealed class ArticlesSection : ICorpusStage
{
    public string Name => "articles";

    public IReadOnlyList<Type> Requires => [];

    public IReadOnlyList<string> After => [];

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var a in context.Articles.Select(x => x.Article))
        {
            context.Document.Articles.Add(ToEntry(a));
        }
    }

    public static ArticleEntry ToEntry(Article a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new ArticleEntry
        {
            Id = a.Id,
            SourcePath = a.SourcePath,
            Format = a.Format.ToString().ToLowerInvariant(),
            Outlet = a.Outlet,
            Published = a.Published?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            PublishedKind = a.PublishedKind.ToString().ToLowerInvariant(),
            Dateline = a.Dateline,
            Title = a.Title,
            Lead = string.IsNullOrWhiteSpace(a.Title) ? Stories.StoryTitle.FromLead(a) : null,
            Byline = a.Byline,
            Contributors = [.. a.Contributors],
            Versions = Math.Max(1, a.Versions.Count),
            Length = a.Text.Length,
        };
    }
}
