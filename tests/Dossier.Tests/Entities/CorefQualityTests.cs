using Dossier.Entities.Evaluation;
using Dossier.Tests.Support;

namespace Dossier.Tests.Entities;

public sealed class CorefQualityTests
{
    [SharedFact("data/meantime")]
    public void Should_keep_the_MEANTIME_cross_document_B3_F1_above_its_floor()
    {
        // Given the four MEANTIME English corpora, each resolved as one store
        var folder = Path.Combine(Repo.Shared, "data", "meantime");

        // When Dossier finds and resolves their entities and its clusters are scored against the gold instances
        var score = Meantime.Score(folder);

        // Then every named gold mention is scored and B-cubed F1 stays above the floor under docs/quality.md's figure,
        // and above the same-string baseline
        score.GoldMentions.ShouldBe(1640);
        score.F1.ShouldBeGreaterThan(0.80, score.ToString());
        score.F1.ShouldBeGreaterThan(score.SameStringF1, score.ToString());
    }
}
