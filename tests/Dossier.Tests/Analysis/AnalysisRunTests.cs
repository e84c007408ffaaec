using System.Text.Json;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Store;
using Dossier.Tests.Support;

namespace Dossier.Tests.Analysis;

/// <summary>
/// The overlapped analysis run (annotation while ingesting, incremental stages once or per batch, articles from
/// memory) gives the same document as ingesting with the incremental stages per batch and then analysing the
/// stored articles.
/// </summary>
public sealed class AnalysisRunTests
{
    [Theory]
    [InlineData(true, 500, "stories")]
    [InlineData(false, 500, "")]
    [InlineData(true, 3, "stories")]
    [InlineData(true, 3, "copies,stories")]
    [InlineData(false, 3, "")]
    public void Should_give_the_same_document_as_ingest_then_analyze(bool deferIncremental, int batchSize, string deferrable)
    {
        // Given the samples ingested the plain way: incremental stages per batch, then the stored articles analysed
        using var dir = new TempDir();
        var options = IngestOptions.Default with { BatchSize = batchSize };
        string expected;
        using (var store = new SqliteArticleStore(dir.File("plain.db")))
        {
            var ingestor = new Ingestor(store, options);
            ingestor.BatchStored += DossierPipelineBuilder.Default.IncrementalHandler(store);
            var report = ingestor.Ingest([Repo.Samples]);
            expected = JsonSerializer.Serialize(new Analyzer().Analyze(store, report.ArticleIds));
        }

        // When the same inputs go through an analysis run
        string actual;
        using (var store = new SqliteArticleStore(dir.File("run.db")))
        {
            using var run = new AnalysisRun(store, options: new AnalysisRunOptions { DeferIncremental = deferIncremental, Deferrable = deferrable.Split(',') });
            var ingestor = new Ingestor(store, options);
            ingestor.BatchStored += run.OnBatchStored;
            var report = ingestor.Ingest([Repo.Samples]);
            actual = JsonSerializer.Serialize(run.Finish(report.ArticleIds).Document);

            // And the incremental stages stored their stories
            store.GetStories().ShouldNotBeEmpty();
        }

        // Then the documents are the same
        actual.ShouldBe(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_keep_the_clusterer_state_unless_the_store_is_thrown_away(bool throwaway)
    {
        // Given the samples analysed through a run on a store that is, or is not, deleted after it
        using var dir = new TempDir();
        using var store = new SqliteArticleStore(dir.File("run.db"));
        string document;
        using (var run = new AnalysisRun(store, options: new AnalysisRunOptions { DeferIncremental = true, ThrowawayStore = throwaway }))
        {
            var ingestor = new Ingestor(store);
            ingestor.BatchStored += run.OnBatchStored;
            document = JsonSerializer.Serialize(run.Finish(ingestor.Ingest([Repo.Samples]).ArticleIds).Document);
        }

        // Then the stories are stored either way, and the online clusterer's state only for a store that is kept
        store.GetStories().ShouldNotBeEmpty();
        (store.GetState(Dossier.Stories.StoryService.ClustererKey) is not null).ShouldBe(!throwaway);
        document.ShouldContain("\"stories\"");
    }

    [Fact]
    public void Should_analyse_articles_already_stored_as_stored()
    {
        // Given a store that already holds the samples
        using var dir = new TempDir();
        using var store = new SqliteArticleStore(dir.File("s.db"));
        var first = new Ingestor(store);
        first.BatchStored += DossierPipelineBuilder.Default.IncrementalHandler(store);
        var ids = first.Ingest([Repo.Samples]).ArticleIds;
        var expected = JsonSerializer.Serialize(new Analyzer().Analyze(store, ids));

        // When they are ingested again through an analysis run (nothing new is added)
        using var run = new AnalysisRun(store);
        var again = new Ingestor(store);
        again.BatchStored += run.OnBatchStored;
        var report = again.Ingest([Repo.Samples]);

        // Then nothing was added and the analysis is the same
        report.Added.ShouldBe(0);
        JsonSerializer.Serialize(run.Finish(report.ArticleIds).Document).ShouldBe(expected);
    }

    [Fact]
    public void Should_keep_the_stored_articles_without_their_input_item_as_read()
    {
        // Given the samples ingested through an analysis run
        using var dir = new TempDir();
        using var store = new SqliteArticleStore(dir.File("s.db"));
        using var run = new AnalysisRun(store);
        var ingestor = new Ingestor(store);
        ingestor.BatchStored += run.OnBatchStored;
        var report = ingestor.Ingest([Repo.Samples]);

        // When the run finishes
        var context = run.Finish(report.ArticleIds);

        // Then the articles in memory have their texts but not the input item, which the store keeps
        context.Articles.ShouldNotBeEmpty();
        foreach (var a in context.Articles)
        {
            a.Article.RawInput.ShouldBeEmpty();
            a.Text.ShouldNotBeEmpty();
            store.Get(a.Id)!.RawInput.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void Should_run_the_sections_that_need_no_layer_while_the_articles_are_annotated()
    {
        // Given an article stage that holds every article until a section needing no layer has run, and a later
        // section that needs the stage's layer
        using var dir = new TempDir();
        using var store = new SqliteArticleStore(dir.File("s.db"));
        using var early = new ManualResetEventSlim();
        var seen = new List<bool>();
        var pipeline = new DossierPipelineBuilder()
            .Use(new HeldStage(early))
            .Use(new Section("early", [], _ => early.Set()))
            .Use(new Section("late", [typeof(Held)], c => seen.AddRange(c.Articles.Select(a => a.Get<Held>()?.Released == true))))
            .Build();

        // When the samples go through an analysis run
        using var run = new AnalysisRun(store, pipeline);
        var ingestor = new Ingestor(store);
        ingestor.BatchStored += run.OnBatchStored;
        run.Finish(ingestor.Ingest([Repo.Samples]).ArticleIds);

        // Then the first section ran before the annotation ended and the later one saw every layer
        seen.ShouldNotBeEmpty();
        seen.ShouldAllBe(x => x);
    }

    private sealed record Held(bool Released);

    /// <summary>Adds <see cref="Held"/> once the event is set; after waiting 30 s in vain, at once with false.</summary>
    private sealed class HeldStage(ManualResetEventSlim release) : IArticleStage
    {
        private volatile bool _gaveUp;

        public string Name => "held";

        public IReadOnlyList<Type> Requires => [];

        public IReadOnlyList<Type> Provides => [typeof(Held)];

        public void Run(AnnotatedArticle article)
        {
            var released = !_gaveUp && release.Wait(TimeSpan.FromSeconds(30));
            _gaveUp |= !released;
            article.Set(new Held(released));
        }
    }

    private sealed class Section(string name, IReadOnlyList<Type> requires, Action<CorpusContext> run) : ICorpusStage
    {
        public string Name => name;

        public IReadOnlyList<Type> Requires => requires;

        public IReadOnlyList<string> After => [];

        public void Run(CorpusContext context) => run(context);
    }
}
