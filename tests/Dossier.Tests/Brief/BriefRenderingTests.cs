using AngleSharp.Html.Parser;
using Dossier.Brief;
using Dossier.Tests.Claims;

namespace Dossier.Tests.Brief;

public sealed class BriefRenderingTests
{
    private const string Hostile = "Officials said <script>alert('x')</script> the <img src=x onerror=alert(1)> dam \"><svg onload=alert(2)> failed on Tuesday, killing 12 people [link](javascript:alert(3)).";

    private static Briefing HostileBriefing()
    {
        // Given articles whose text is trying to become markup
        var a = Articles.FromText("a.txt", Hostile + "\n\nRescue teams searched the riverbank villages through the night, governor Anya Morel said.");
        var b = Articles.FromText("b.txt", Hostile.Replace("12", "14", StringComparison.Ordinal) + "\n\nRescue teams searched riverbank villages overnight, governor Anya Morel told reporters.");
        var context = Articles.Analyze([a, b]);
        return new BriefService().Brief(context, "all", "<b>Title</b>", [a.Id, b.Id]);
    }

    [Fact]
    public void Should_render_untrusted_text_in_html_as_text_only()
    {
        var briefing = HostileBriefing();

        // When it is rendered as HTML
        var html = new HtmlBriefRenderer().Render(briefing);

        // Then the document has no script, no event handlers, no embedded elements, no external references
        var doc = new HtmlParser().ParseDocument(html);
        doc.QuerySelectorAll("script, img, iframe, object, embed, link, foreignObject").Length.ShouldBe(0);
        doc.All.SelectMany(e => e.Attributes).ShouldNotContain(at => at.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        doc.All.SelectMany(e => e.Attributes).Where(at => at.Name is "src" or "href").ShouldBeEmpty();
        doc.QuerySelectorAll("svg").Length.ShouldBeLessThanOrEqualTo(1);
        doc.QuerySelectorAll("svg *").Select(e => e.LocalName).Distinct().ShouldAllBe(n => n == "line" || n == "circle" || n == "text");

        // And the hostile text is there, as text
        doc.Body!.TextContent.ShouldContain("<script>alert('x')</script>");
        doc.Title.ShouldBe(briefing.Headline);
    }

    [Fact]
    public void Should_escape_markdown_structure_in_untrusted_text()
    {
        var md = new MarkdownBriefRenderer().Render(HostileBriefing());

        md.ShouldNotContain("<script>");
        md.ShouldNotContain("<img");
        md.ShouldContain("&lt;script&gt;");
        md.ShouldContain("\\[link\\]");
    }

    [Fact]
    public void Should_cite_every_summary_sentence_and_draw_the_conflict()
    {
        var briefing = HostileBriefing();

        briefing.Summary.ShouldNotBeEmpty();
        briefing.Summary.ShouldAllBe(s => s.Articles.Count > 0);
        briefing.Conflicts.ShouldContain(c => c.Topic == "people: 12 / 14");
        briefing.Coverage.Cells.ShouldAllBe(row => row.Count == briefing.Sources.Count);
        var html = new HtmlBriefRenderer().Render(briefing);
        html.ShouldContain("people: 12 / 14");
    }
}
