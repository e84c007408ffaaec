using Dossier.Analysis;
using Dossier.Store;
using Dossier.Tests.Samples;
using Dossier.Tests.Support;
using Dossier.Time;
using Xunit.Abstractions;

namespace Dossier.Tests.Time;

/// <summary>The timeline truth of samples/ (tests/cases/samples.json "timeline"): each stated expression resolves to its date.</summary>
public sealed class SampleTimelineTests(ITestOutputHelper output)
{
    [Fact]
    public void Should_resolve_the_sample_timeline_expressions_to_their_dates()
    {
        // Given the samples ingested into a store and annotated (text, time)
        using var dir = new TempDir();
        var db = dir.File("s.db");
        CliRunner.Run("ingest", Repo.Samples, "--db", db).ExitCode.ShouldBe(0);
        using var store = StoreFactory.Open(db);
        var articles = store.Enumerate().Select(a => new AnnotatedArticle(a)).ToList();
        DossierPipelineBuilder.Default.AnnotateAll(articles);
        new TimelineBuilder().AnchorOnStory(articles);
        var corpus = SampleCorpus.Default;

        // When each truth entry's expression is looked up in its article
        var misses = new List<string>();
        var total = 0;
        foreach (var t in corpus.Truth.GetProperty("timeline").EnumerateArray())
        {
            var key = t.GetProperty("article").GetString()!;
            var expression = t.GetProperty("expression").GetString()!;
            var date = t.GetProperty("date").GetString()!;
            var i = corpus.IndexOf(key, articles, a => a.Article.SourcePath);
            i.ShouldBeGreaterThanOrEqualTo(0, $"article {key} not ingested");
            total++;

            // multi-article files: the article of that file whose text holds the expression
            var a = articles[i].Text.Contains(expression, StringComparison.Ordinal) ? articles[i]
                : articles.FirstOrDefault(x => corpus.RelativeFile(x.Article.SourcePath) == corpus.File(key) && x.Text.Contains(expression, StringComparison.Ordinal));
            if (a is null)
            {
                misses.Add($"{key}: '{expression}' not in the cleaned text");
                continue;
            }

            var at = a.Text.IndexOf(expression, StringComparison.Ordinal);

            var layer = a.Require<TimeLayer>();
            var hits = layer.Expressions.Where(e => e.Start < at + expression.Length && at < e.End).ToList();
            if (!hits.Any(e => e.CalendarDate == date))
            {
                misses.Add($"{key}: '{expression}' want {date}, got {string.Join(", ", hits.Select(e => $"'{a.Text[e.Start..e.End]}'={e.Value}"))} (anchor {layer.Anchor?.Date} {layer.Anchor?.Kind})");
            }
        }

        // Then nearly all resolve to the stated date
        foreach (var m in misses)
        {
            output.WriteLine(m);
        }

        total.ShouldBeGreaterThan(30);
        var accuracy = 1.0 - ((double)misses.Count / total);
        output.WriteLine($"accuracy {accuracy:F3} over {total}");
        accuracy.ShouldBeGreaterThanOrEqualTo(0.9, string.Join("\n", misses));
    }
}
