using System.Text;

namespace Dossier.Brief;

/// <summary>The briefing as Markdown. Article text is escaped so it cannot become Markdown structure or HTML.</summary>
public sealed class MarkdownBriefRenderer : IBriefRenderer
{
    public string Format => "md";

    public string Render(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var labels = briefing.Sources.ToDictionary(s => s.Article, s => s.Label, StringComparer.Ordinal);
        string Cite(IEnumerable<string> ids) => "[" + string.Join(", ", ids.Select(i => labels.GetValueOrDefault(i, i))) + "]";
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(Esc(briefing.Headline)).AppendLine();
        sb.Append("Story `").Append(briefing.Story.Id).Append("`: ").Append(briefing.Sources.Count).Append(" articles, ")
            .Append(briefing.Sources.Select(s => s.Group).Distinct(StringComparer.Ordinal).Count()).AppendLine(" independent sources.").AppendLine();

        sb.AppendLine("## Sources").AppendLine();
        foreach (var s in briefing.Sources)
        {
            sb.Append("- **").Append(s.Label).Append("** ").Append(Esc(s.Outlet ?? "unknown outlet"))
                .Append(s.Published is null ? string.Empty : ", " + s.Published)
                .Append(" — ").Append(Esc(s.Title ?? s.Lead ?? s.Article)).Append(" (`").Append(s.Article).Append("`)")
                .AppendLine(s.Group != s.Article ? $" — same lineage as `{s.Group}`" : string.Empty);
        }

        sb.AppendLine().AppendLine("## Summary").AppendLine();
        foreach (var s in briefing.Summary)
        {
            sb.Append("- ").Append(Esc(s.Text)).Append(' ').AppendLine(Cite(s.Articles));
        }

        if (briefing.Timeline.Count > 0)
        {
            sb.AppendLine().AppendLine("## Timeline").AppendLine();
            foreach (var t in briefing.Timeline)
            {
                sb.Append("- **").Append(t.Date).Append("** ").Append(t.Speaker is { } who ? Esc(who) + ": " : "").Append(Esc(t.Text)).Append(' ').AppendLine(Cite(t.Articles));
            }
        }

        if (briefing.People.Count > 0)
        {
            sb.AppendLine().AppendLine("## People").AppendLine();
            foreach (var p in briefing.People)
            {
                sb.Append("- **").Append(Esc(p.Name)).Append("**");
                if (p.Roles.Count > 0)
                {
                    sb.Append(", ").Append(Esc(string.Join("; ", p.Roles)));
                }

                if (p.Aliases.Count > 0)
                {
                    sb.Append(" (also: ").Append(Esc(string.Join(", ", p.Aliases))).Append(')');
                }

                sb.Append(' ').AppendLine(Cite(p.Articles.Where(labels.ContainsKey)));
            }
        }

        if (briefing.QuotesBySpeaker.Count > 0)
        {
            sb.AppendLine().AppendLine("## Quotes by speaker").AppendLine();
            foreach (var g in briefing.QuotesBySpeaker)
            {
                var lines = QuoteLines.Of(g.Quotes);
                if (lines.Count == 0)
                {
                    continue;
                }

                sb.Append("### ").AppendLine(Esc(g.Speaker)).AppendLine();
                foreach (var q in lines)
                {
                    sb.Append("- ").Append(q.Direct ? "“" + Esc(q.Text) + "”" : Esc(q.Text)).Append(' ').AppendLine(Cite(q.Articles));
                }

                sb.AppendLine();
            }
        }

        sb.AppendLine().AppendLine("## Agreement").AppendLine().AppendLine("### All or most sources report").AppendLine();
        foreach (var c in briefing.Consensus)
        {
            sb.Append("- ").Append(Esc(c.Text)).Append(' ').AppendLine(Cite(c.Articles));
        }

        sb.AppendLine().AppendLine("### Only one source reports").AppendLine();
        foreach (var e in briefing.Exclusives)
        {
            sb.Append("- ").Append(Esc(e.Text)).Append(' ').AppendLine(Cite(e.Articles.Count > 0 ? e.Articles : [e.Article]));
        }

        sb.AppendLine().AppendLine("### Conflicts").AppendLine();
        foreach (var c in briefing.Conflicts)
        {
            sb.Append("- **").Append(Esc(c.Topic)).AppendLine("**");
            foreach (var side in c.Claims)
            {
                sb.Append("  - ").Append(Esc(side.Text)).Append(' ').AppendLine(Cite(side.Articles));
            }
        }

        if (briefing.Coverage.Claims.Count > 0)
        {
            sb.AppendLine().AppendLine("## Coverage").AppendLine();
            sb.Append("| Claim | ").Append(string.Join(" | ", briefing.Coverage.Sources.Select(s => labels.GetValueOrDefault(s, s)))).AppendLine(" |");
            sb.Append("|---|").Append(string.Concat(Enumerable.Repeat("---|", briefing.Coverage.Sources.Count))).AppendLine();
            for (var i = 0; i < briefing.Coverage.Claims.Count; i++)
            {
                sb.Append("| ").Append(Esc(Short(briefing.Coverage.Claims[i])).Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                    .Append(string.Join(" | ", briefing.Coverage.Cells[i].Select(b => b ? "●" : " "))).AppendLine(" |");
            }
        }

        if (briefing.Updates.Count > 0)
        {
            sb.AppendLine().AppendLine("## What the latest versions added").AppendLine();
            foreach (var u in briefing.Updates)
            {
                sb.Append("- ").Append(labels.GetValueOrDefault(u.Article, u.Article)).Append(" over ").AppendLine(Esc(Over(u, labels)));
                foreach (var a in u.Added)
                {
                    sb.Append("  - ").AppendLine(Esc(a));
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>"previous version in the same article, S4 and S5".</summary>
    internal static string Over(VersionUpdate u, IReadOnlyDictionary<string, string> labels)
    {
        var all = new[] { u.Over }.Concat(u.AlsoOver).Select(x => labels.GetValueOrDefault(x, x)).ToList();
        return all.Count == 1 ? all[0] : string.Join(", ", all.Take(all.Count - 1)) + " and " + all[^1];
    }

    private static string Short(string s) => s.Length <= 90 ? s : string.Concat(s.AsSpan(0, 89), "…");

    /// <summary>Escapes Markdown structure and HTML in untrusted text.</summary>
    internal static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\r':
                case '\n':
                    sb.Append(' ');
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '!':
                    sb.Append('\\').Append(ch);
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }
}
