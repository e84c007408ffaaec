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

    [Fact]
    public void Should_refuse_a_layers_only_section_after_one_that_is_not()
    {
        // Given a section that reads only layers but must come after one that reads the store
        var builder = new DossierPipelineBuilder()
            .Use(new Probe("first", layersOnly: false, () => { }))
            .Use(new Probe("second", layersOnly: true, () => { }, after: "first"));

        // When the pipeline is built, then the order is refused with both names
        var e = Should.Throw<InvalidOperationException>(builder.Build);
        e.Message.ShouldContain("'second'");
        e.Message.ShouldContain("'first'");
    }

    [Fact]
    public void Should_wait_for_a_layers_only_section_that_a_later_one_comes_after()
    {
        // Given a slow layers-only section and a later one that must come after it
        var done = 0;
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("slow", layersOnly: true, () => { Thread.Sleep(300); Volatile.Write(ref done, 1); }))
            .Use(new Probe("after", layersOnly: false, () => Volatile.Read(ref done).ShouldBe(1), after: "slow"))
            .Build();

        // When the corpus stages run, then the later one ran after it
        pipeline.RunCorpus(new CorpusContext(new NoStore(), [], new AnalysisDocument()));
        done.ShouldBe(1);
    }

    [Fact]
    public void Should_give_a_later_section_the_result_of_a_layers_only_one_still_running()
    {
        // Given a slow layers-only section that sets a result, and a later section that asks for it
        string? seen = null;
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("slow", layersOnly: true, run: null, body: c => { Thread.Sleep(300); c.Set(new Result("from the slow section")); }))
            .Use(new Probe("reader", layersOnly: false, run: null, body: c => seen = c.Get<Result>()?.Text))
            .Build();

        // When the corpus stages run, then the later section got the result
        pipeline.RunCorpus(new CorpusContext(new NoStore(), [], new AnalysisDocument()));
        seen.ShouldBe("from the slow section");
    }

    [Fact]
    public void Should_run_sections_that_read_only_what_they_come_after_alongside_each_other()
    {
        // Given two sections that read only what an earlier one wrote, the first waiting until the second has run
        using var ran = new ManualResetEventSlim();
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("stories", layersOnly: false, run: () => { }))
            .Use(new Probe("waits", layersOnly: false, run: () => ran.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the other section did not run alongside"), after: "stories", afterOnly: true))
            .Use(new Probe("other", layersOnly: false, run: ran.Set, after: "stories", afterOnly: true))
            .Build();

        // When the corpus stages run
        pipeline.RunCorpus(new CorpusContext(new NoStore(), [], new AnalysisDocument()));

        // Then the first saw the second run on another thread
        ran.IsSet.ShouldBeTrue();
    }

    [Fact]
    public void Should_start_a_section_only_after_the_sections_it_comes_after()
    {
        // Given a slow section run alongside, and one that must come after it
        var done = 0;
        var order = new List<string>();
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("slow", layersOnly: false, () => { Thread.Sleep(300); Volatile.Write(ref done, 1); }, afterOnly: true))
            .Use(new Probe("after", layersOnly: false, () => Volatile.Read(ref done).ShouldBe(1), after: "slow", afterOnly: true))
            .Use(new Probe("last", layersOnly: false, () => Volatile.Read(ref done).ShouldBe(1)))
            .Build();

        // When the corpus stages run, then each later one ran after it, and every stage was named once in order
        pipeline.RunCorpus(new CorpusContext(new NoStore(), [], new AnalysisDocument()), order.Add);
        done.ShouldBe(1);
        order.ShouldBe(["slow", "after", "last"]);
    }

    [Fact]
    public void Should_report_the_failure_of_a_section_run_alongside_and_skip_those_after_it()
    {
        // Given a section run alongside that fails, and one that comes after it
        var later = false;
        var pipeline = new DossierPipelineBuilder()
            .Use(new Probe("fails", layersOnly: false, () => throw new InvalidOperationException("boom"), afterOnly: true))
            .Use(new Probe("after", layersOnly: false, () => later = true, after: "fails", afterOnly: true))
            .Build();

        // When the corpus stages run, then its failure is the run's and the later section did not run
        Should.Throw<InvalidOperationException>(() => pipeline.RunCorpus(new CorpusContext(new NoStore(), [], new AnalysisDocument()))).Message.ShouldBe("boom");
        later.ShouldBeFalse();
    }

    private sealed record Result(string Text);

    private sealed class Probe(string name, bool layersOnly, Action? run, string? after = null, Action<CorpusContext>? body = null, bool afterOnly = false) : ICorpusStage
    {
        public string Name => name;

        public IReadOnlyList<Type> Requires => [];

        public IReadOnlyList<string> After => after is null ? [] : [after];

        public bool ReadsLayersOnly => layersOnly;

        public bool ReadsAfterOnly => afterOnly;

        public void Run(CorpusContext context)
        {
            run?.Invoke();
            body?.Invoke(context);
        }
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
