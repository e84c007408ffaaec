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

    private const string MeantimeSample = """
        <?xml version="1.0" ?><Document doc_id="1" doc_name="1_Sample" lang="en">
        <token number="0" sentence="0" t_id="1">GM</token>
        <token number="1" sentence="0" t_id="2">reports</token>
        <token number="2" sentence="0" t_id="3">losses</token>
        <token number="3" sentence="1" t_id="4">May</token>
        <token number="4" sentence="1" t_id="5">07</token>
        <token number="5" sentence="1" t_id="6">,</token>
        <token number="6" sentence="1" t_id="7">2009</token>
        <token number="7" sentence="2" t_id="8">GM</token>
        <token number="8" sentence="2" t_id="9">'s</token>
        <token number="9" sentence="2" t_id="10">loss</token>
        <token number="10" sentence="2" t_id="11">(</token>
        <token number="11" sentence="2" t_id="12">$</token>
        <token number="12" sentence="2" t_id="13">6</token>
        <token number="13" sentence="2" t_id="14">billion</token>
        <token number="14" sentence="2" t_id="15">)</token>
        <token number="15" sentence="2" t_id="16">came</token>
        <token number="16" sentence="2" t_id="17">``</token>
        <token number="17" sentence="2" t_id="18">yesterday</token>
        <token number="18" sentence="2" t_id="19">''</token>
        <token number="19" sentence="2" t_id="20">.</token>
        <token number="20" sentence="6" t_id="21">Later</token>
        <token number="21" sentence="6" t_id="22">today</token>
        <token number="22" sentence="6" t_id="23">.</token>
        <Markables>
        <TIMEX3 anchorTimeID="" functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2009-05-07">
        <token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/>
        </TIMEX3>
        <TIMEX3 anchorTimeID="1" functionInDocument="NONE" m_id="2" type="DATE" value="2009-05-06">
        <token_anchor t_id="18"/>
        </TIMEX3>
        <TIMEX3 TAG_DESCRIPTOR="May 2006" anchorTimeID="" functionInDocument="NONE" m_id="3" type="DATE" value="2006-05"/>
        </Markables>
        </Document>
        """;

    [Fact]
    public void Should_read_text_creation_time_and_gold_spans_from_MEANTIME()
    {
        // Given a MEANTIME document: title, dateline (the creation time), a body sentence and an empty TIMEX3
        // When it is read
        var doc = MeantimeReader.Parse("1_Sample.xml", MeantimeSample);

        // Then the text is rebuilt from the tokens without the dateline, and only the body's TIMEX3 is gold
        doc.CreationTime.ShouldBe(new DateOnly(2009, 5, 7));
        doc.Text.ShouldBe("GM reports losses\n\nGM's loss ($6 billion) came \"yesterday\".");
        doc.Timexes.Count.ShouldBe(1);
        doc.Text[doc.Timexes[0].Start..doc.Timexes[0].End].ShouldBe("yesterday");
        doc.Timexes[0].Value.ShouldBe("2009-05-06");
    }

    [Fact]
    public void Should_read_a_MEANTIME_file_by_its_content()
    {
        // Given a MEANTIME file with an .xml name
        var path = Path.Combine(Path.GetTempPath(), "dossier-meantime-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(path, MeantimeSample);
        try
        {
            // When it is read as any time-annotated file
            var doc = TimeMlReader.ReadAnyFile(path);

            // Then the MEANTIME reader read it
            doc.CreationTime.ShouldBe(new DateOnly(2009, 5, 7));
            doc.Timexes.Count.ShouldBe(1);
        }
        finally
        {
            File.Delete(path);
        }
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
        r.Relaxed.F1.ShouldBeGreaterThanOrEqualTo(0.94);
        r.Strict.F1.ShouldBeGreaterThanOrEqualTo(0.865);
        r.Value.F1.ShouldBeGreaterThanOrEqualTo(0.82);
    }

    [SharedFact("data/meantime")]
    public void Should_keep_MEANTIME_scores_above_their_floors()
    {
        // Given MEANTIME English (120 Wikinews articles, not used to write rules), each anchored on its dateline
        var docs = Directory.EnumerateFiles(Repo.Data("meantime"), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(TimeMlReader.ReadAnyFile).ToList();

        // When the tagger is scored
        var r = new TimeEvaluator(TimeTagger.Default).Evaluate(docs);

        // Then the scores stay at the measured level (docs/quality.md "Time")
        docs.Count.ShouldBe(120);
        r.Relaxed.Gold.ShouldBe(368);
        r.Relaxed.F1.ShouldBeGreaterThanOrEqualTo(0.865);
        r.Strict.F1.ShouldBeGreaterThanOrEqualTo(0.775);
        r.Value.F1.ShouldBeGreaterThanOrEqualTo(0.72);
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
