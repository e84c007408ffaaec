using Dossier.Analysis;
using Dossier.Copies;
using Dossier.Core;
using Dossier.Store;
using Dossier.Tests.Support;

namespace Dossier.Tests.Copies;

public sealed class CopiesStageTests
{
    /// <summary>Twenty articles: stories, exact copies, near copies, an update and an unrelated one.</summary>
    private static List<Article> Corpus()
    {
        var list = new List<Article>();
        for (var i = 0; i < 6; i++)
        {
            var story = CopyTestData.Story(100 + i, 12);
            list.Add(CopyTestData.Article(story));
            list.Add(CopyTestData.Article(CopyTestData.Edited(story)));
            list.Add(CopyTestData.Article(story, raw: "other header\n" + story));
        }

        var first = CopyTestData.Story(100, 12);
        list.Add(CopyTestData.Article(CopyTestData.Story(200, 8) + "\n\n" + first));
        list.Add(CopyTestData.Article("The museum reopened its east wing on Saturday after a two-year renovation. Visitors queued for hours."));
        return list;
    }

    private static List<string> Relations(IArticleStore store) =>
        [.. store.GetRelations().Select(r => $"{r.A} {r.B} {r.Kind} {r.Score:0.0000}").Order(StringComparer.Ordinal)];

    private static List<string> Run(string db, IReadOnlyList<Article> articles, int batch, bool forgetBetweenBatches)
    {
        using var store = new SqliteArticleStore(db);
        var stage = new CopiesStage();
        foreach (var chunk in articles.Chunk(batch))
        {
            var outcome = store.AddBatch(chunk);
            var added = outcome.AddedIds.ToHashSet(StringComparer.Ordinal);
            stage.Apply(store, [.. chunk.Where(a => added.Contains(a.Id))]);
            if (forgetBetweenBatches)
            {
                CopiesStage.Forget(store);
            }
        }

        return Relations(store);
    }

    [Fact]
    public void Should_store_the_same_relations_in_one_batch_or_many()
    {
        // Given one corpus
        using var dir = new TempDir();
        var corpus = Corpus();

        // When it is stored in one batch, in batches of 1 and 7, and in batches of 3 with the index rebuilt from the layers each time
        var one = Run(dir.File("one.db"), corpus, corpus.Count, false);
        var single = Run(dir.File("single.db"), corpus, 1, false);
        var seven = Run(dir.File("seven.db"), corpus, 7, false);
        var rebuilt = Run(dir.File("rebuilt.db"), corpus, 3, true);

        // Then the relations are the same, and they include the exact, near and version copies
        one.ShouldNotBeEmpty();
        single.ShouldBe(one);
        seven.ShouldBe(one);
        rebuilt.ShouldBe(one);
        one.ShouldContain(r => r.Contains(" exact ", StringComparison.Ordinal));
        one.ShouldContain(r => r.Contains(" near ", StringComparison.Ordinal));
        one.ShouldContain(r => r.Contains(" version ", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_store_the_same_relations_when_one_batch_spans_several_profile_chunks()
    {
        // Given 600 articles (stories, their near copies and updates), more than the stage profiles at a time
        var articles = new List<Article>();
        for (var i = 0; i < 200; i++)
        {
            var story = CopyTestData.Story(1000 + i, 6);
            articles.Add(CopyTestData.Article(story));
            articles.Add(CopyTestData.Article(CopyTestData.Edited(story)));
            articles.Add(CopyTestData.Article(CopyTestData.Story(5000 + i, 6) + "\n\n" + story));
        }

        using var dir = new TempDir();

        // When they are stored in one batch, and in batches of 7 with the index forgotten in between
        var one = Run(Path.Combine(dir.Path, "one.db"), articles, articles.Count, forgetBetweenBatches: false);
        var many = Run(Path.Combine(dir.Path, "many.db"), articles, 7, forgetBetweenBatches: true);

        // Then the relations are the same, and each story has its copy and its update
        many.ShouldBe(one);
        one.Count(r => r.Contains(" near ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(200);
        one.Count(r => r.Contains(" version ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(200);
    }

    [Fact]
    public void Should_keep_each_article_signature_as_a_layer()
    {
        // Given a store that ran the stage on a corpus
        using var dir = new TempDir();
        var corpus = Corpus();
        Run(dir.File("c.db"), corpus, 5, false);

        // When the layers are read back
        using var store = new SqliteArticleStore(dir.File("c.db"));
        var layer = store.GetLayer(corpus[0].Id, CopiesStage.SignatureLayer);

        // Then each holds a signature with one key per LSH band
        layer.ShouldNotBeNull();
        using var json = System.Text.Json.JsonDocument.Parse(layer);
        var signature = CopySignature.FromBase64(json.RootElement.GetProperty("signature").GetString()!);
        signature.BandKeys.Length.ShouldBe(SignatureOptions.Default.Bands);
        signature.ShouldBeEquivalentTo(CopySignature.Of(CopyProfile.Build(corpus[0].Text)));
    }

    [Fact]
    public void Should_fill_the_copies_section_of_the_analysis()
    {
        // Given a store with the corpus and the default pipeline
        using var dir = new TempDir();
        var corpus = Corpus();
        using var store = new SqliteArticleStore(dir.File("a.db"));
        store.AddBatch(corpus);
        DossierPipelineBuilder.Default.ApplyIncremental(store, corpus);

        // When the articles are analysed
        var doc = new Analyzer().Analyze(store, corpus.Select(a => a.Id));

        // Then copies[] lists each stored relation among them with kind and score
        doc.Copies.Count.ShouldBe(store.GetRelations().Count);
        doc.Copies.ShouldAllBe(c => c.Kind == "exact" || c.Kind == "near" || c.Kind == "rewrite" || c.Kind == "version");
        doc.Copies.ShouldAllBe(c => c.Score > 0 && c.Score <= 1);
    }

    [Fact]
    public void Should_compare_articles_the_stage_never_saw_when_analysing()
    {
        // Given articles stored without the incremental stage
        using var dir = new TempDir();
        var story = CopyTestData.Story(5, 12);
        var articles = new[] { CopyTestData.Article(story), CopyTestData.Article(CopyTestData.Edited(story)) };
        using var store = new SqliteArticleStore(dir.File("b.db"));
        store.AddBatch(articles);

        // When they are analysed
        var doc = new Analyzer(new DossierPipelineBuilder().Use(new CopiesSection()).Build()).Analyze(store, articles.Select(a => a.Id));

        // Then the near copy is found in memory
        doc.Copies.Select(c => (c.A, c.B, c.Kind)).ShouldBe([(articles[0].Id, articles[1].Id, "near")]);
    }
}
