using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Tests.Support;

namespace Dossier.Tests.Cleaning;

public sealed class SeedCleaningTests
{
    private static Article Seed(string prefix)
    {
        var path = Directory.EnumerateFiles(Repo.Seeds, prefix + "_*.txt").Single();
        var (input, rejection) = InputLoader.Load(path);
        rejection.ShouldBeNull();
        return ArticleCleaner.Default.Clean(ReaderRegistry.Default.Read(input!).Single().Document!);
    }

    [SharedFact("seeds")]
    public void Should_clean_seed_000_dateline_outlet_separator_and_credits()
    {
        // Given the AP story ending with "___" and a credit line
        var a = Seed("000");

        // Then the dateline stays in the text, the outlet is AP, the credit line and separator are out
        a.ShouldHaveConsistentSpans();
        a.Text.ShouldStartWith("SEOUL, South Korea (AP) — North Korean leader");
        a.Dateline.ShouldBe("SEOUL, South Korea");
        a.Outlet.ShouldBe("AP");
        a.Text.ShouldNotContain("___");
        a.Text.ShouldNotContain("contributed");
        a.Contributors.ShouldBe(["Litvinova", "Hyung-jin Kim", "Mari Yamaguchi", "Jim Heintz"]);
        a.CreditLines.Single().ShouldStartWith("Litvinova reported from Tallinn, Estonia.");
        a.Text.ShouldNotContain("“");
        a.Text.ShouldContain("\"We express our deep concern");
        a.Versions.Count.ShouldBe(1);
        a.PublishedKind.ShouldBe(DateKind.Unknown);
        a.Paragraphs.Count.ShouldBe(21);
    }

    [SharedFact("seeds")]
    public void Should_split_seed_001_into_two_versions_with_its_quotes_normalised()
    {
        // Given the AP update with the previous version below a breaking-news marker, "date" header on the first line
        var a = Seed("001");

        // Then the header gives the date, the marker splits two versions (oldest first), '' quotes are "
        a.ShouldHaveConsistentSpans();
        a.Published.ShouldBe(new DateTimeOffset(2023, 9, 13, 0, 0, 0, TimeSpan.Zero));
        a.PublishedKind.ShouldBe(DateKind.Given);
        a.Text.ShouldStartWith("SEOUL, South Korea — North Korean leader Kim Jong Un arrived Friday");
        a.Versions.Count.ShouldBe(2);
        a.Versions[0].Marker.ShouldBe("THIS IS BREAKING NEWS. Previous version of story below:");
        a.Versions[0].Span.Slice(a.Text).ShouldStartWith("North Korea's Kim Jong Un vowed \"full and unconditional support\" for Russia's");
        a.Versions[1].Marker.ShouldBeNull();
        a.Versions[1].Span.Start.ShouldBe(0);
        a.Latest.ShouldBe(a.Versions[1].Span);
        a.Text.ShouldNotContain("BREAKING NEWS");
        a.Text.ShouldNotContain("''");
        a.Text.ShouldNotContain("contributed");
        a.Contributors.ShouldBe(["Litvinova", "Haruka Nuga", "Mari Yamaguchi", "Emma Burrows", "Edith M. Lederer", "Jim Heintz"]);
        a.Dateline.ShouldBe("SEOUL, South Korea");
        a.Outlet.ShouldBe("AP");
    }

    [SharedFact("seeds")]
    public void Should_keep_seed_004_captions_once_and_find_yonhap()
    {
        // Given the Korea Herald / Yonhap story whose captions are each printed twice in a row
        var a = Seed("004");

        // Then each caption is kept once and recognised, the outlet is Yonhap from the credit
        a.ShouldHaveConsistentSpans();
        a.Published.ShouldBe(new DateTimeOffset(2023, 9, 14, 0, 0, 0, TimeSpan.Zero));
        a.Captions.Count.ShouldBe(3);
        foreach (var c in a.Captions)
        {
            var caption = c.Slice(a.Text);
            caption.ShouldEndWith("(Yonhap)");
            a.Text.Split(caption).Length.ShouldBe(2, "each caption appears once");
        }

        a.Outlet.ShouldBe("Yonhap");
        a.Text.ShouldContain("perceived \"imperialists' military threats.\"");
        int.Parse(a.Metadata["duplicates_removed"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(3);
    }

    [Fact]
    public void Should_run_every_cleaning_rule_example()
    {
        // Given the rules data file
        var r = CleaningRules.Default;
        var raw = r.Raw;

        // Then every rule's example does what the data file says
        r.Separator.IsMatch(raw.Separator.Example).ShouldBeTrue();
        foreach (var m in r.Markers)
        {
            m.Pattern.IsMatch(m.Example).ShouldBeTrue(m.Example);
        }

        foreach (var c in raw.Credits)
        {
            r.IsCreditLine(c.Example).ShouldBeTrue(c.Example);
        }

        foreach (var c in raw.ContributorExamples)
        {
            r.Contributors(c.Line).ShouldBe(c.Names, c.Line);
        }

        r.Byline.Match(raw.Byline.Example).Groups["name"].Value.ShouldBe(raw.Byline.Name);
        var d = r.Dateline.Match(raw.Dateline.Example);
        d.Groups["place"].Value.ShouldBe(raw.Dateline.Place);
        d.Groups["credit"].Value.ShouldBe(raw.Dateline.Credit);
        foreach (var c in raw.CaptionExamples)
        {
            r.IsCaption(c.Text, printedTwice: false).ShouldBe(c.Caption, c.Text);
        }

        r.UrlDate.IsMatch(raw.UrlDateExample).ShouldBeTrue();
        r.OutletName("Associated Press").ShouldBe("AP");
        r.IsCreditLine("He said the factory was working normally.").ShouldBeFalse();
    }

    [Fact]
    public void Should_infer_the_date_from_the_url_when_none_is_given()
    {
        // Given a JSON line with a dated URL and no published field
        var doc = new JsonLinesReader().Read(new InputText("x.jsonl", "{\"url\":\"https://n.example/2023/09/14/kim\",\"text\":\"Kim left.\"}")).Single().Document!;

        // When cleaned
        var a = ArticleCleaner.Default.Clean(doc);

        // Then the date is inferred
        a.Published.ShouldBe(new DateTimeOffset(2023, 9, 14, 0, 0, 0, TimeSpan.Zero));
        a.PublishedKind.ShouldBe(DateKind.Inferred);
        a.Metadata["published_from"].ShouldBe("url");
    }
}
