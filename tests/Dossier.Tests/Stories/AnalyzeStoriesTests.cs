using System.Text.Json;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Store;
using Dossier.Stories;
using Dossier.Tests.Support;

namespace Dossier.Tests.Stories;

/// <summary>
/// <c>dossier analyze</c> with a throwaway store defers the online story clustering to the end; when the stories
/// section re-clusters the store in batch anyway, the online pass is skipped and the stored state is that of a rebuild.
/// </summary>
public sealed class AnalyzeStoriesTests
{
    [Theory]
    [InlineData(25_000, false)]
    [InlineData(0, true)]
    public void Should_skip_the_online_pass_only_when_the_batch_rebuild_follows(int limit, bool online)
    {
        // Given the samples ingested the plain way (stories per batch), then rebuilt in batch
        using var dir = new TempDir();
        var options = StoryOptions.Default with { AnalyzeRebuildLimit = limit };
        var pipeline = new DossierPipelineBuilder().Use(new Dossier.Copies.CopiesStage()).Use(new StoryStage(options)).Use(new StoriesSection(options)).Build();
        string expectedState;
        string expected;
        using (var store = new SqliteArticleStore(dir.File("plain.db")))
        {
            var ingestor = new Ingestor(store);
            ingestor.BatchStored += pipeline.IncrementalHandler(store);
            ingestor.Ingest([Repo.Samples]);
            if (!online)
            {
                new StoryService(store, options).Rebuild();
            }

            expectedState = store.GetState(StoryService.ClustererKey) ?? "";
            expected = JsonSerializer.Serialize(new StoryService(store, options).GetStories());
        }

        // When the same inputs go through analyze's run (incremental stages deferred to the end)
        var stages = new List<string>();
        using var run = new SqliteArticleStore(dir.File("run.db"));
        using (var analysis = new AnalysisRun(run, pipeline, new AnalysisRunOptions { DeferIncremental = true }))
        {
            var ingestor = new Ingestor(run);
            ingestor.BatchStored += analysis.OnBatchStored;
            var report = ingestor.Ingest([Repo.Samples]);
            analysis.Finish(report.ArticleIds, stages.Add);
        }

        // Then the online pass ran only when no rebuild followed, and the stored stories and state are the same
        stages.Contains("stories (incremental)").ShouldBe(online);
        (run.GetState(StoryService.ClustererKey) ?? "").ShouldBe(expectedState);
        JsonSerializer.Serialize(new StoryService(run, options).GetStories()).ShouldBe(expected);
    }
}
