using Dossier.Analysis;
using Dossier.Cli.Commands;
using Spectre.Console.Testing;

namespace Dossier.Tests.Cli;

/// <summary>The analysis as people read it: article text is untrusted and never becomes console markup.</summary>
public sealed class AnalysisViewTests
{
    [Fact]
    public void Should_show_each_side_of_a_conflict_with_its_outlets_and_keep_markup_in_article_text_literal()
    {
        // Given a story of two outlets that disagree, one side's text holding what looks like console markup
        var doc = new AnalysisDocument();
        doc.Articles.Add(new ArticleEntry { Id = "a1", Outlet = "Ledger", Title = "Dam [red]bursts[/]" });
        doc.Articles.Add(new ArticleEntry { Id = "b2", Outlet = "Gazette", Title = "Dam toll" });
        doc.Stories.Add(new StoryEntry { Id = "s1", Title = "Dam bursts", Articles = ["a1", "b2"], Outlets = ["Gazette", "Ledger"], IndependentSources = 2 });
        doc.Conflicts.Add(new ConflictEntry
        {
            Story = "s1",
            Topic = "people: 12 / 14",
            Claims =
            [
                new ConflictClaim { Text = "At least 12 [bold]people[/] died.", Articles = ["a1"] },
                new ConflictClaim { Text = "Fourteen people are dead.", Articles = ["b2"] },
            ],
        });
        doc.Exclusives.Add(new ExclusiveEntry { Story = "s1", Text = "Only here.", Article = "b2" });
        var console = new TestConsole().Width(200);

        // When it is rendered for people
        AnalysisView.Render(console, doc);

        // Then both sides are shown with who says them, the markup-like text verbatim, and the exclusives counted
        var output = console.Output;
        output.ShouldContain("Where sources differ");
        output.ShouldContain("people: 12 / 14: At least 12 [bold]people[/] died. [Ledger] vs Fourteen people are dead. [Gazette]");
        output.ShouldContain("Dam [red]bursts[/]");
        output.ShouldContain("1 fact reported by one source only (exclusives[] in --json).");
    }
}
