using System.Globalization;
using System.Net;
using System.Text;

namespace Dossier.Brief;

/// <summary>
/// The briefing as one self-contained HTML file: inline CSS, an inline SVG timeline, no script, no external
/// asset. Article text is untrusted: every piece of it goes through <see cref="WebUtility.HtmlEncode(string)"/>
/// and only ever lands in element content or fixed attributes, so nothing in it can become markup or script.
/// </summary>
public sealed class HtmlBriefRenderer : IBriefRenderer
{
    private const string Css = """
        :root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee8;--accent:#2457c5;--warn:#b5461b;--ok:#1f7a4d;--bg:#fbfcfe}
        *{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{max-width:960px;margin:0 auto;padding:2rem 1.25rem 4rem}h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 .6rem}
        h2{font-size:1.15rem;margin:2.2rem 0 .7rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}h3{font-size:1rem;margin:1.2rem 0 .4rem}
        .meta{color:var(--muted);font-size:.92rem}ul{padding-left:1.2rem}li{margin:.35rem 0}
        .cite{display:inline-block;margin-left:.35rem;font-size:.75rem;color:var(--accent);white-space:nowrap}
        .cite span{display:inline-block;border:1px solid var(--accent);border-radius:.6rem;padding:0 .35rem;margin-left:.15rem}
        table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid var(--line);padding:.3rem .45rem;vertical-align:top;text-align:left}
        td.dot{text-align:center;color:var(--accent)}.conflict{border-left:4px solid var(--warn);padding:.3rem .8rem;margin:.7rem 0;background:#fff}
        .conflict h3{color:var(--warn);margin:.2rem 0}.quote{font-style:italic}.pill{font-size:.75rem;color:var(--muted)}
        svg text{font:12px system-ui,sans-serif;fill:var(--ink)}svg .date{font-weight:600;fill:var(--accent)}
        """;

    public string Format => "html";

    public string Render(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var labels = briefing.Sources.ToDictionary(s => s.Article, s => s.Label, StringComparer.Ordinal);
        string Cite(IEnumerable<string> ids) =>
            "<span class=\"cite\">" + string.Concat(ids.Select(i => "<span>" + E(labels.GetValueOrDefault(i, i)) + "</span>")) + "</span>";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append("<title>").Append(E(briefing.Headline)).Append("</title><style>").Append(Css).Append("</style></head><body><main>\n");
        sb.Append("<p class=\"meta\">Dossier briefing · story ").Append(E(briefing.Story.Id)).Append(" · ")
            .Append(briefing.Sources.Count).Append(" articles, ")
            .Append(briefing.Sources.Select(s => s.Group).Distinct(StringComparer.Ordinal).Count()).Append(" independent sources</p>\n");
        sb.Append("<h1>").Append(E(briefing.Headline)).Append("</h1>\n");

        sb.Append("<h2>Summary</h2><ul>");
        foreach (var s in briefing.Summary)
        {
            sb.Append("<li>").Append(E(s.Text)).Append(Cite(s.Articles)).Append("</li>");
        }

        sb.Append("</ul>\n");
        if (briefing.Timeline.Count > 0)
        {
            sb.Append("<h2>Timeline</h2>\n").Append(TimelineSvg(briefing, labels)).Append('\n');
        }

        if (briefing.People.Count > 0)
        {
            sb.Append("<h2>People</h2><ul>");
            foreach (var p in briefing.People)
            {
                sb.Append("<li><strong>").Append(E(p.Name)).Append("</strong>");
                if (p.Roles.Count > 0)
                {
                    sb.Append(", ").Append(E(string.Join("; ", p.Roles)));
                }

                if (p.Aliases.Count > 0)
                {
                    sb.Append(" <span class=\"pill\">also ").Append(E(string.Join(", ", p.Aliases))).Append("</span>");
                }

                sb.Append(Cite(p.Articles.Where(labels.ContainsKey))).Append("</li>");
            }

            sb.Append("</ul>\n");
        }

        if (briefing.QuotesBySpeaker.Count > 0)
        {
            sb.Append("<h2>Quotes by speaker</h2>");
            foreach (var g in briefing.QuotesBySpeaker)
            {
                var lines = QuoteLines.Of(g.Quotes);
                if (lines.Count == 0)
                {
                    continue;
                }

                sb.Append("<h3>").Append(E(g.Speaker)).Append("</h3><ul>");
                foreach (var q in lines)
                {
                    sb.Append("<li class=\"").Append(q.Direct ? "quote" : "reported").Append("\">")
                        .Append(q.Direct ? "“" + E(q.Text) + "”" : E(q.Text)).Append(Cite(q.Articles)).Append("</li>");
                }

                sb.Append("</ul>");
            }

            sb.Append('\n');
        }

        sb.Append("<h2>What all or most sources report</h2><ul>");
        foreach (var c in briefing.Consensus)
        {
            sb.Append("<li>").Append(E(c.Text)).Append(Cite(c.Articles)).Append("</li>");
        }

        sb.Append("</ul>\n<h2>What only one source reports</h2><ul>");
        foreach (var e in briefing.Exclusives)
        {
            sb.Append("<li>").Append(E(e.Text)).Append(Cite(e.Articles.Count > 0 ? e.Articles : [e.Article])).Append("</li>");
        }

        sb.Append("</ul>\n<h2>Where sources disagree</h2>");
        if (briefing.Conflicts.Count == 0)
        {
            sb.Append("<p class=\"meta\">No conflicts found.</p>");
        }

        foreach (var c in briefing.Conflicts)
        {
            sb.Append("<div class=\"conflict\"><h3>").Append(E(c.Topic)).Append("</h3><ul>");
            foreach (var side in c.Claims)
            {
                sb.Append("<li>").Append(E(side.Text)).Append(Cite(side.Articles)).Append("</li>");
            }

            sb.Append("</ul></div>");
        }

        if (briefing.Coverage.Claims.Count > 0)
        {
            sb.Append("\n<h2>Coverage</h2><table><thead><tr><th>Claim</th>");
            foreach (var s in briefing.Coverage.Sources)
            {
                sb.Append("<th>").Append(E(labels.GetValueOrDefault(s, s))).Append("</th>");
            }

            sb.Append("</tr></thead><tbody>");
            for (var i = 0; i < briefing.Coverage.Claims.Count; i++)
            {
                sb.Append("<tr><td>").Append(E(briefing.Coverage.Claims[i])).Append("</td>");
                foreach (var cell in briefing.Coverage.Cells[i])
                {
                    sb.Append("<td class=\"dot\">").Append(cell ? "●" : string.Empty).Append("</td>");
                }

                sb.Append("</tr>");
            }

            sb.Append("</tbody></table>\n");
        }

        if (briefing.Updates.Count > 0)
        {
            sb.Append("<h2>What the latest versions added</h2>");
            foreach (var u in briefing.Updates)
            {
                sb.Append("<h3>").Append(E(labels.GetValueOrDefault(u.Article, u.Article))).Append(" over ").Append(E(MarkdownBriefRenderer.Over(u, labels))).Append("</h3><ul>");
                foreach (var a in u.Added)
                {
                    sb.Append("<li>").Append(E(a)).Append("</li>");
                }

                sb.Append("</ul>");
            }
        }

        sb.Append("\n<h2>Sources</h2><ul>");
        foreach (var s in briefing.Sources)
        {
            sb.Append("<li><strong>").Append(E(s.Label)).Append("</strong> ").Append(E(s.Outlet ?? "unknown outlet"))
                .Append(s.Published is null ? string.Empty : ", " + E(s.Published)).Append(" — ").Append(E(s.Title ?? s.Lead ?? s.Article))
                .Append(" <span class=\"pill\">").Append(E(s.Article)).Append(s.Group != s.Article ? " · same lineage as " + E(s.Group) : string.Empty).Append("</span></li>");
        }

        sb.Append("</ul>\n</main></body></html>\n");
        return sb.ToString();
    }

    /// <summary>A vertical timeline: one dot per entry in date order, the date and text beside it.</summary>
    private static string TimelineSvg(Briefing briefing, Dictionary<string, string> labels)
    {
        const int rowHeight = 46;
        const int width = 900;
        var entries = briefing.Timeline;
        var height = (entries.Count * rowHeight) + 20;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Timeline\" width=\"100%\" viewBox=\"0 0 {width} {height}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"100\" y1=\"10\" x2=\"100\" y2=\"{height - 10}\" stroke=\"#d9dee8\" stroke-width=\"3\"/>");
        for (var i = 0; i < entries.Count; i++)
        {
            var y = 24 + (i * rowHeight);
            var t = entries[i];
            var said = t.Speaker is { } who ? $"{who}: {t.Text}" : t.Text;
            var text = said.Length > 120 ? string.Concat(said.AsSpan(0, 119), "…") : said;
            var cites = string.Join(" ", t.Articles.Select(a => labels.GetValueOrDefault(a, a)));
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"100\" cy=\"{y}\" r=\"7\" fill=\"#2457c5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"date\" x=\"88\" y=\"{y + 4}\" text-anchor=\"end\">").Append(E(t.Date)).Append("</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"116\" y=\"{y + 4}\">").Append(E(text)).Append("</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"116\" y=\"{y + 20}\" fill=\"#5b6475\">").Append(E(cites)).Append("</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
}
