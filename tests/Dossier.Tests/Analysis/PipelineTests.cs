using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Tests.Analysis;

/// <summary>How the pipeline runs corpus stages that read only layers: alongside the others, checked at build time.</summary>
public sealed class PipelineTests
{
    [Fact]
    public void Should_run_a_layers_only_section_alongside_the_other_sections()
    {
        // Given a section that reads only layers and a later one that waits until the first has run
        using var ran = new ManualResetEventSlim();
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("waits", layersOnly: false, run: () => ran.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the layers-only section did not run alongside")))
            .Use(new Probe("layers", layersOnly: true, run: ran.Set))
            .Build();

        // When the corpus stages run
        var context = new CorpusContext(new NoStore(), [], new AnalysisDocument());
        pipeline.RunCorpus(context);

        // Then the waiting section saw the other one run on another thread
        ran.IsSet.ShouldBeTrue();
    }

    [Fact]
    public void Should_report_the_failure_of_a_layers_only_section()
    {
        // Given a section that reads only layers and fails
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("other", layersOnly: false, run: () => { }))
            .Use(new Probe("layers", layersOnly: true, run: () => throw new InvalidOperationException("boom")))
            .Build();

        // When the corpus stages run, then its failure is the run's
        var context = new CorpusContext(new NoStore(), [], new AnalysisDocument());
        Should.Throw<InvalidOperationException>(() => pipeline.RunCorpus(context)).Message.ShouldBe("boom");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Should_refuse_an_order_across_the_two_threads_of_corpus_stages(bool firstLayersOnly, bool secondLayersOnly)
    {
        // Given a stage that must come after one running on the other thread
        var builder = new DossierPipelineBuilder()
            .Use(new Probe("first", firstLayersOnly, () => { }))
            .Use(new Probe("second", secondLayersOnly, () => { }, after: "first"));

        // When the pipeline is built, then the order is refused with both names
        var e = Should.Throw<InvalidOperationException>(builder.Build);
        e.Message.ShouldContain("'second'");
        e.Message.ShouldContain("'first'");
    }

    private sealed class Probe(string name, bool layersOnly, Action run, string? after = null) : ICorpusStage
    {
        public string Name => name;

        public IReadOnlyList<Type> Requires => [];

        public IReadOnlyList<string> After => after is null ? [] : [after];

        public bool ReadsLayersOnly => layersOnly;

        public void Run(CorpusContext context) => run();
    }

    /// <summary>A store no stage of these tests may touch.</summary>
    private sealed class NoStore : IArticleStore
    {
        public string Backend => "none";

        public string Location => "none";

        public IngestOutcome AddBatch(IReadOnlyList<Article> articles) => throw new NotSupportedException();

        public Article? Get(string idOrPrefix) => throw new NotSupportedException();

        public bool Contains(string id) => throw new NotSupportedException();

        public long Count() => throw new NotSupportedException();

        public IReadOnlyList<ArticleInfo> List(int limit = int.MaxValue, int offset = 0) => throw new NotSupportedException();

        public IEnumerable<Article> Enumerate() => throw new NotSupportedException();

        public IReadOnlyList<string> Search(string query, int limit = 20) => throw new NotSupportedException();

        public void PutLayers(IReadOnlyList<LayerRecord> layers) => throw new NotSupportedException();

        public string? GetLayer(string articleId, string layer) => throw new NotSupportedException();

        public void PutRelations(IReadOnlyList<ArticleRelation> relations) => throw new NotSupportedException();

        public IReadOnlyList<ArticleRelation> GetRelations(string? articleId = null) => throw new NotSupportedException();

        public void ReplaceStories(IReadOnlyList<StoryRecord> stories) => throw new NotSupportedException();

        public void UpsertStories(IReadOnlyList<StoryRecord> stories) => throw new NotSupportedException();

        public IReadOnlyList<StoryRecord> GetStories() => throw new NotSupportedException();

        public string? GetState(string key) => throw new NotSupportedException();

        public void PutState(string key, string value) => throw new NotSupportedException();

        public void InTransaction(Action work) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
