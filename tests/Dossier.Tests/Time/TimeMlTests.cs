using System.Text.Json;
using Dossier.Corpora;
using Dossier.Tests.Support;
using Dossier.Time;

namespace Dossier.Tests.Time;

/// <summary>The TimeML reader, the TempEval-3 scorer and the quality floors on TempEval-3 training data.</summary>
public sealed class TimeMlTests
{
    private const string Sample = """
        <?xml version="1.0" ?>
        <TimeML>
        <DOCID>T1</DOCID>
        <DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
        <TEXT>
        Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> &amp; bonds rose <TIMEX3 tid="t1" type="DATE" value="1998-01-07" functionInDocument="NONE">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D" functionInDocument="NONE">three days</TIMEX3> of gains.
        </TEXT>
        </TimeML>
        """;

    [Fact]
    public void Should_read_text_creation_time_and_gold_spans_from_TimeML()
    {
        // Given a TimeML document with an entity and two TIMEX3 tags
        // When it is read
        var doc = TimeMlReader.Parse("t.tml", Sample);

        // Then the creation time is the DCT, tags are removed, entities decoded, and the gold spans cover their text
        doc.CreationTime.ShouldBe(new DateOnly(1998, 1, 8));
        doc.Text.ShouldContain("Stocks fell & bonds rose yesterday after three days of gains.");
        doc.Timexes.Count.ShouldBe(2);
        doc.Text[doc.Timexes[0].Start..doc.Timexes[0].End].ShouldBe("yesterday");
        doc.Timexes[0].Value.ShouldBe("1998-01-07");
        doc.Timexes[1].Type.ShouldBe(TimexType.Duration);
        doc.Text[doc.Timexes[1].Start..doc.Timexes[1].End].ShouldBe("three days");
    }

    [Fact]
    public void Should_score_a_perfect_document_at_one()
    {
        // Given the sample document
        var doc = TimeMlReader.Parse("t.tml", Sample);

        // When it is scored
        var r = new TimeEvaluator(TimeTagger.Default).Evaluate([doc]);

        // Then strict, relaxed and value F1 are 1
        r.Strict.F1.ShouldBe(1.0);
        r.Relaxed.F1.ShouldBe(1.0);
        r.Value.F1.ShouldBe(1.0);
    }

    [Fact]
    public void Should_count_an_overlapping_span_as_relaxed_but_not_strict()
    {
        // Given gold "three days of gains" (longer than what the tagger finds)
        var xml = Sample.Replace("three days</TIMEX3> of gains", "three days of gains</TIMEX3>", StringComparison.Ordinal);
        var doc = TimeMlReader.Parse("t.tml", xml);

        // When it is scored
        var r = new TimeEvaluator(TimeTagger.Default).Evaluate([doc]);

        // Then one of two is strict, both relaxed
        r.Strict.Correct.ShouldBe(1);
        r.Relaxed.Correct.ShouldBe(2);
    }

    [Theory]
    [InlineData("2000-W07", "2000-W7", true)]
    [InlineData("2000-W07-WE", "2000-W7-WE", true)]
    [InlineData("2000-W17", "2000-W17", true)]
    [InlineData("2000-W08", "2000-W7", false)]
    [InlineData("1998", "1998-XX", false)]
    public void Should_treat_a_week_with_and_without_its_leading_zero_as_one_value(string system, string gold, bool same)
    {
        // Given a system and a gold value
        // When they are compared
        var r = TimeEvaluator.SameValue(system, gold);

        // Then only the same week written two ways (or equal strings) count as the same
        r.ShouldBe(same);
    }

    [SharedFact("data/tempeval3")]
    public void Should_keep_TempEval3_training_scores_above_their_floors()
    {
        // Given TempEval-3 training data (TimeBank + AQUAINT), each anchored on its creation time
        var docs = Directory.EnumerateFiles(Repo.Data("tempeval3"), "*.tml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(TimeMlReader.ReadFile).ToList();

        // When the tagger is scored
        var r = new TimeEvaluator(TimeTagger.Default).Evaluate(docs);

        // Then the scores stay at the measured level (docs/quality.md "Time")
        docs.Count.ShouldBe(256);
        r.Relaxed.F1.ShouldBeGreaterThanOrEqualTo(0.93);
        r.Strict.F1.ShouldBeGreaterThanOrEqualTo(0.85);
        r.Value.F1.ShouldBeGreaterThanOrEqualTo(0.79);
    }

    [SharedFact("data/tempeval3/TimeBank")]
    public void Should_print_the_documented_fields_from_eval_time()
    {
        // Given a few TimeBank files
        var files = Directory.EnumerateFiles(Path.Combine(Repo.Data("tempeval3"), "TimeBank"), "*.tml").Order(StringComparer.Ordinal).Take(3).ToArray();

        // When eval-time runs with --json
        var r = CliRunner.Run(["eval-time", .. files, "--json", "--errors", "2"]);

        // Then it exits 0 with the fields of docs/json/eval-time.md
        r.ExitCode.ShouldBe(0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        root.GetProperty("files").GetInt32().ShouldBe(3);
        foreach (var k in new[] { "strict", "relaxed", "value", "type" })
        {
            root.GetProperty(k).GetProperty("f1").GetDouble().ShouldBeInRange(0, 1);
        }

        root.GetProperty("errors").GetArrayLength().ShouldBeLessThanOrEqualTo(2);
    }
}
