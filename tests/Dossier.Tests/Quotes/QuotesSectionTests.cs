using Dossier.Tests.Claims;

namespace Dossier.Tests.Quotes;

public sealed class QuotesSectionTests
{
    [Fact]
    public void Should_name_a_speaker_spelled_two_ways_by_the_one_entity_of_the_analysis()
    {
        // Given two outlets' articles that spell the same speaker two ways
        var a = Articles.FromText("a.txt", "Dam inquiry opens\n\nThe head of the Veridian Water Authority, Ilan Dzhavo, was suspended on Thursday.\n\n\"We will answer every question,\" Ilan Dzhavo told reporters in Lorrin on Thursday.", "Alder Courier");
        var b = Articles.FromText("b.txt", "Water chief suspended\n\nVeridia suspended the head of its water authority, Ilan Djavo, on Thursday.\n\n\"We will answer every question,\" Ilan Djavo told reporters in Lorrin.", "MPA");

        // When they are analysed together
        var doc = Articles.Analyze([a, b]).Document;

        // Then both quotes name the speaker as entities[] does, one identity across spellings
        var entity = doc.Entities.Single(e => e.Name.StartsWith("Ilan D", StringComparison.Ordinal));
        entity.Aliases.ShouldContain(n => n.StartsWith("Ilan D", StringComparison.Ordinal));
        doc.Quotes.Where(q => q.Direct).Select(q => q.Speaker).ShouldBe([entity.Name, entity.Name]);
    }
}
