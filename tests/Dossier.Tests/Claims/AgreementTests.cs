using Dossier.Claims;

namespace Dossier.Tests.Claims;

public sealed class AgreementTests
{
    private static readonly string[] Wire =
    [
        "PORT ALDER (NWS) — Floodwater from the failed Tarsk dam killed 12 people in the valley on Tuesday, officials said.",
        "Rescue teams searched the riverbank villages through the night, regional governor Anya Morel said.",
        "The dam, built in 1961, had been listed for repairs since 2019.",
    ];

    private static readonly string[] Local =
    [
        "Floodwater from the collapsed Tarsk dam killed 14 people in the valley on Tuesday, hospital officials said.",
        "Rescue teams searched riverbank villages overnight, governor Anya Morell told reporters.",
        "A school in Vessa will stay closed until Friday, the district office said.",
    ];

    [Fact]
    public void Should_find_consensus_exclusive_and_number_conflict_between_two_sources()
    {
        // Given two independent reports of one event, disagreeing on the death toll
        var a = Articles.FromText("wire.txt", string.Join("\n\n", Wire));
        var b = Articles.FromText("local.txt", string.Join("\n\n", Local));

        // When their claims are analysed as one story
        var claims = a.Require<ClaimLayer>().Claims.Concat(b.Require<ClaimLayer>().Claims).ToList();
        var result = new AgreementAnalyzer().Analyze("s", claims, id => id);

        // Then the rescue fact is consensus, the school closure an exclusive, and 12 vs 14 a conflict
        result.Sources.ShouldBe(2);
        result.Consensus.ShouldContain(f => f.Representative.Text.Contains("Rescue teams", StringComparison.Ordinal) && f.Articles.Count == 2);
        result.Exclusives.ShouldContain(f => f.Representative.Text.Contains("school in Vessa", StringComparison.Ordinal) && f.Articles[0] == b.Id);
        var conflict = result.Conflicts.Where(c => c.Kind == "number").ShouldHaveSingleItem();
        conflict.Topic.ShouldBe("people: 12 / 14");
        conflict.Sides.Select(s => s.Articles.Single()).ShouldBe([a.Id, b.Id], ignoreOrder: true);
    }

    [Fact]
    public void Should_report_a_name_spelled_two_ways_but_not_hyphenation()
    {
        // Given two sources spelling one official's name differently, and a leader's name hyphenated differently
        var a = Articles.FromText("a.txt", "Officials said Kim Jong Un brought Jo Chun Yong, who heads munitions policy, to the talks in Vladivostok.");
        var b = Articles.FromText("b.txt", "Kim Jong-un was joined by Jo Chun Ryong, a munitions official, at the talks in Vladivostok, officials said.");

        // When analysed
        var claims = a.Require<ClaimLayer>().Claims.Concat(b.Require<ClaimLayer>().Claims).ToList();
        var result = new AgreementAnalyzer().Analyze("s", claims, id => id);

        // Then only the romanisation difference is a conflict
        var names = result.Conflicts.Where(c => c.Kind == "name").ToList();
        names.ShouldHaveSingleItem().Topic.ShouldContain("Jo Chun");
        names[0].Topic.ShouldContain("Ryong");
    }

    [Fact]
    public void Should_count_copies_once()
    {
        // Given a wire story and its verbatim reprint in one lineage, and an independent report
        var wire = Articles.FromText("wire.txt", string.Join("\n\n", Wire));
        var copy = Articles.FromText("copy.txt", string.Join("\n\n", Wire) + "\n\nThis story was reprinted.");
        var local = Articles.FromText("local.txt", string.Join("\n\n", Local));
        var claims = new[] { wire, copy, local }.SelectMany(a => a.Require<ClaimLayer>().Claims).ToList();

        // When the copy belongs to the wire's source group
        string Group(string id) => id == copy.Id ? wire.Id : id;
        var result = new AgreementAnalyzer().Analyze("s", claims, Group);

        // Then there are two independent sources and a wire-only fact is an exclusive, not consensus
        result.Sources.ShouldBe(2);
        result.Consensus.ShouldNotContain(f => f.Representative.Text.Contains("built in 1961", StringComparison.Ordinal));
        result.Exclusives.ShouldContain(f => f.Representative.Text.Contains("built in 1961", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_find_opposite_statements_about_the_same_people()
    {
        var a = Articles.FromText("a.txt", "Kremlin spokesman Dmitry Peskov confirmed that Putin had accepted the invitation to visit Pyongyang.");
        var b = Articles.FromText("b.txt", "Kremlin spokesman Dmitry Peskov said there are currently no plans for a Putin visit to Pyongyang.");
        var claims = a.Require<ClaimLayer>().Claims.Concat(b.Require<ClaimLayer>().Claims).ToList();

        var result = new AgreementAnalyzer().Analyze("s", claims, id => id);

        var statement = result.Conflicts.Where(c => c.Kind == "statement").ShouldHaveSingleItem();
        statement.Sides.Count.ShouldBe(2);
        statement.Sides.ShouldContain(s => s.Text.Contains("no plans", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_group_quote_wordings_from_different_sources_as_a_conflict()
    {
        var groups = new List<(string?, IReadOnlyList<QuoteVariant>)>
        {
            ("Kim Jong Un", [new("a", "appropriate time", true), new("b", "convenient time", true), new("c", "appropriate moment", true)]),
            ("Kim Jong Un", [new("a", "pleasure", true), new("b", "pleasure", true)]),
            ("Dmitry Peskov", [new("a", "that Lavrov was expected to visit in October", false), new("c", "that Lavrov was instructed to meet in October", false)]),
        };

        var result = new AgreementAnalyzer().Analyze("s", [], id => id, groups);

        var q = result.Conflicts.ShouldHaveSingleItem();
        q.Kind.ShouldBe("quote");
        q.Sides.Count.ShouldBe(3);
    }

    [Fact]
    public void Should_count_two_versions_of_one_wire_story_once_when_no_copy_links_them()
    {
        // Given a wire story, a longer paper that prints four of its sentences word for word, and an outlet in its own words
        var wire = Articles.FromText("harbour-wire.txt", string.Join("\n\n",
            "PELLA (HW) — The ferry Saint Odile ran aground on a sandbank outside Pella harbour on Thursday with 212 passengers on board, the port authority said.",
            "All passengers were taken off by lifeboats within three hours and none was hurt, the authority said.",
            "The ferry had left Pella for the island of Maro shortly after 7 a.m. in thick fog.",
            "Tugboats were expected to pull the vessel off the sandbank at high tide on Friday morning.",
            "The operator, Maro Lines, said it would refund every ticket."));
        var paper = Articles.FromText("coastal-daily.txt", string.Join("\n\n",
            "The ferry Saint Odile ran aground on a sandbank outside Pella harbour on Thursday with 212 passengers on board, the port authority said.",
            "All passengers were taken off by lifeboats within three hours and none was hurt, the authority said.",
            "The ferry had left Pella for the island of Maro shortly after 7 a.m. in thick fog.",
            "Tugboats were expected to pull the vessel off the sandbank at high tide on Friday morning.",
            "The harbour master, Ines Corr, said the fog had been the thickest of the year.",
            "Fishermen in Pella said the sandbank had shifted after the winter storms.",
            "Divers will inspect the hull again on Friday.",
            "The ferry was built in 1988 and was last inspected in March."));
        var island = Articles.FromText("island-news.txt", string.Join("\n\n",
            "A ferry carrying 212 passengers from Pella to Maro struck a sandbank in dense fog on Thursday morning.",
            "Lifeboats brought everyone ashore, and nobody was injured.",
            "The island's mayor asked for a second ferry to be put on the route."));

        // When analysed with every article its own source (no copy relation between them)
        var claims = new[] { wire, paper, island }.SelectMany(a => a.Require<ClaimLayer>().Claims).ToList();
        var result = new AgreementAnalyzer().Analyze("s", claims, id => id);

        // Then the two versions count as one source, and no shared wire sentence is consensus of two sources
        result.Sources.ShouldBe(2);
        result.Consensus.ShouldNotContain(f => f.Representative.Text.Contains("Tugboats", StringComparison.Ordinal));
        result.Exclusives.ShouldContain(f => f.Representative.Text.Contains("Ines Corr", StringComparison.Ordinal));
    }
}
