using Dossier.Core;

namespace Dossier.Time;

/// <summary>
/// Finds the date an article's relative time expressions are resolved against, in this order:
/// <list type="number">
/// <item><b>given</b>: <see cref="Article.Published"/> (header, feed, metadata).</item>
/// <item><b>dateline</b>: a full date (day, month, year) in the first 200 characters of the text.</item>
/// <item><b>inferred</b>: the latest full date the text states anywhere.</item>
/// <item>otherwise none, with the reason; the timeline stage may then lend the story's anchor (<b>story</b>).</item>
/// </list>
/// All these anchors are lower bounds: a header date is when the article was first published, and updates
/// above the old text (seed-style "Previous version of story below") come later. So a bare past-tense weekday
/// may resolve up to two days after the anchor (see <see cref="TimeTaggerOptions.LowerBoundDaysAfter"/>);
/// such expressions report the anchor kind <b>inferred</b>.
/// </summary>
public static class ArticleAnchors
{
    public const int DatelineWindow = 200;

    public static (TimeAnchor? Anchor, string? Unresolved) Resolve(Article article, ITimeTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(tagger);
        if (article.Published is { } p)
        {
            return (new TimeAnchor(DateOnly.FromDateTime(p.UtcDateTime), AnchorKind.Given, "publication date", LowerBound: true), null);
        }

        return FromText(article.Text, tagger);
    }

    /// <summary>The dateline or latest full date stated in <paramref name="text"/>.</summary>
    public static (TimeAnchor? Anchor, string? Unresolved) FromText(string text, ITimeTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        DateOnly? latest = null;
        foreach (var e in tagger.Tag(text, null))
        {
            if (e.Type != TimexType.Date || e.Value.Length != 10 || !TimexValue.TryParse(e.Value, out var d, out var g) || g != Granularity.Day)
            {
                continue;
            }

            if (e.Start < DatelineWindow)
            {
                return (new TimeAnchor(d, AnchorKind.Dateline, $"date at the top of the text ({e.Value})", LowerBound: true), null);
            }

            if (latest is null || d > latest)
            {
                latest = d;
            }
        }

        return latest is { } l
            ? (new TimeAnchor(l, AnchorKind.Inferred, $"latest full date the text states ({l:yyyy-MM-dd})", LowerBound: true), null)
            : (null, "no publication date, no dated dateline and no full date in the text");
    }
}
