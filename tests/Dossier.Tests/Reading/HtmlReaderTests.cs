using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Reading.Html;
using Dossier.Tests.Support;

namespace Dossier.Tests.Reading;

public sealed class HtmlReaderTests
{
    private static readonly string HtmlCases = Path.Combine(Repo.Cases, "html");

    public static TheoryData<string> Pages() => [.. Names()];

    private static List<string> Names() =>
        [.. Directory.EnumerateFiles(HtmlCases, "*.html").Where(f => File.Exists(Path.ChangeExtension(f, ".txt"))).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Should_extract_the_main_text_of_each_fixture_page(string name)
    {
        // Given a realistic news page with page furniture, and its expected main text
        var html = File.ReadAllText(Path.Combine(HtmlCases, name + ".html"));
        var expected = File.ReadAllText(Path.Combine(HtmlCases, name + ".txt"));

        // When it is read
        var result = new HtmlReader().ReadPage(name + ".html", html);

        // Then the main text scores token F1 >= 0.97 against the expectation
        result.Rejection.ShouldBeNull();
        var score = ExtractionScore.Of(result.Document!.SourceText, expected);
        score.F1.ShouldBeGreaterThanOrEqualTo(0.97, $"precision {score.Precision:F3} recall {score.Recall:F3}\n{result.Document.SourceText}");
    }

    [Fact]
    public void Should_score_all_fixture_pages_together_above_the_floor()
    {
        // Given every fixture page
        var scores = Names().Select(name =>
        {
            var doc = new HtmlReader().ReadPage(name, File.ReadAllText(Path.Combine(HtmlCases, name + ".html"))).Document!;
            return ExtractionScore.Of(doc.SourceText, File.ReadAllText(Path.Combine(HtmlCases, name + ".txt")));
        }).ToList();

        // Then the mean token F1 is at least the documented floor (docs/quality.md "Reading")
        scores.Count.ShouldBeGreaterThanOrEqualTo(4);
        scores.Average(s => s.F1).ShouldBeGreaterThanOrEqualTo(0.98);
        scores.Average(s => s.Precision).ShouldBeGreaterThanOrEqualTo(0.97);
    }

    [Fact]
    public void Should_take_title_byline_date_and_site_from_json_ld_and_meta_tags()
    {
        // Given a page with JSON-LD and Open Graph tags
        var html = File.ReadAllText(Path.Combine(HtmlCases, "harbour-fire.html"));

        // When read and cleaned
        var doc = new HtmlReader().ReadPage("harbour-fire.html", html).Document!;
        var article = ArticleCleaner.Default.Clean(doc);

        // Then metadata is the page's own, dates in UTC
        article.Title.ShouldBe("Fire at Port Kessel harbour warehouse forces evacuation");
        article.Byline.ShouldBe("Marta Olsen");
        article.Outlet.ShouldBe("The Coastal Herald");
        article.Published.ShouldBe(new DateTimeOffset(2024, 3, 5, 13, 30, 0, TimeSpan.Zero));
        article.PublishedKind.ShouldBe(DateKind.Given);
        article.Url.ShouldBe("https://coastalherald.example/news/2024/03/05/port-kessel-fire");
        article.Dateline.ShouldBe("PORT KESSEL");
        article.RawInput.ShouldBe(html);
        article.Format.ShouldBe(SourceFormat.Html);
    }

    [Fact]
    public void Should_move_the_credit_line_of_a_wire_page_into_contributors()
    {
        // Given an AP story on a news site
        var html = File.ReadAllText(Path.Combine(HtmlCases, "wire-quake.html"));

        // When read and cleaned
        var article = ArticleCleaner.Default.Clean(new HtmlReader().ReadPage("wire-quake.html", html).Document!);

        // Then the credit line and separator are out of the text, the contributor is named, the date comes from JSON-LD
        article.Text.ShouldNotContain("contributed");
        article.Text.ShouldNotContain("___");
        article.Contributors.ShouldBe(["Carla Pinto"]);
        article.Dateline.ShouldBe("SAN TEODORO, Valmora");
        article.Outlet.ShouldBe("World News Network");
        article.Byline.ShouldBe("Luis Ortega");
        article.Published.ShouldBe(new DateTimeOffset(2024, 1, 20, 3, 12, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Should_reject_a_page_without_body_text()
    {
        // Given a script-only page
        var html = File.ReadAllText(Path.Combine(HtmlCases, "empty-page.html"));

        // When read
        var result = new HtmlReader().ReadPage("empty-page.html", html);

        // Then it is one rejection naming the reason
        result.Rejection.ShouldNotBeNull();
        result.Rejection.Reason.ShouldBe(RejectionReason.MalformedHtml);
        result.Rejection.ToString().ShouldStartWith("empty-page.html: ");
    }

    [Fact]
    public void Should_run_every_boilerplate_rule_example()
    {
        // Given the boilerplate data file
        var rules = BoilerplateRules.Default;

        // Then each paragraph rule matches its example, and each class example is judged as written
        foreach (var r in rules.ParagraphRules)
        {
            rules.IsBoilerplateParagraph(r.Example).ShouldBeTrue($"{r.Pattern} on {r.Example}");
        }

        foreach (var c in rules.ClassExamples)
        {
            rules.IsBoilerplateClass(c.Class).ShouldBe(c.Removed, c.Class);
        }

        rules.IsBoilerplateParagraph("The fire service said the blaze started shortly after 7 a.m.").ShouldBeFalse();
    }

    [Fact]
    public void Should_convert_smartreader_local_dates_to_utc()
    {
        // Given a local time as SmartReader reports it
        var local = new DateTime(2024, 3, 5, 14, 30, 0, DateTimeKind.Local);

        // When converted
        var utc = HtmlReader.ToUtc(local)!.Value;

        // Then it is the same instant in UTC
        utc.Offset.ShouldBe(TimeSpan.Zero);
        utc.UtcDateTime.ShouldBe(local.ToUniversalTime());
    }

    [Fact]
    public void Should_score_tokens_as_bags()
    {
        // Given an extraction with one extra word
        var s = ExtractionScore.Of("a b c d", "a b c");

        // Then precision 3/4 and recall 1
        s.Precision.ShouldBe(0.75);
        s.Recall.ShouldBe(1);
    }
}
