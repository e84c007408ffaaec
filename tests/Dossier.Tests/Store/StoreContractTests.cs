using Dossier.Core;
using Dossier.Store;
using Dossier.Tests.Support;

namespace Dossier.Tests.Store;

/// <summary>
/// The one store suite every backend passes (issue 3 item 6, issue 10 item 1). A backend is a subclass that
/// says how to open a fresh store, re-open it, and force its schema version.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    private readonly List<IArticleStore> _open = [];

    /// <summary>Opens the store under test (the same location every call within one test).</summary>
    protected abstract IArticleStore OpenStore();

    /// <summary>Sets the stored schema version, as a newer dossier would have left it.</summary>
    protected abstract void ForceSchemaVersion(int version);

    protected abstract int SupportedSchemaVersion { get; }

    private IArticleStore Open()
    {
        var s = OpenStore();
        _open.Add(s);
        return s;
    }

    public virtual void Dispose()
    {
        foreach (var s in _open)
        {
            s.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [StoreFact]
    public void Should_store_an_article_once_when_added_twice_within_and_across_batches()
    {
        // Given two articles, one of them twice in the first batch
        using var store = Open();
        var a = StoreData.Make("Seoul, the first story about the ferry.");
        var b = StoreData.Make("Busan, a second story about the port.");

        // When the batch is added, then added again with b once more
        var first = store.AddBatch([a, b, a]);
        var second = store.AddBatch([b, a]);

        // Then each is stored once
        first.Added.ShouldBe(2);
        first.Existing.ShouldBe(1);
        first.AddedIds.ShouldBe([a.Id, b.Id]);
        second.Added.ShouldBe(0);
        second.Existing.ShouldBe(2);
        second.AddedIds.ShouldBeEmpty();
        store.Count().ShouldBe(2);
        store.Contains(a.Id).ShouldBeTrue();
        store.Contains("0000000000000000").ShouldBeFalse();
    }

    [StoreFact]
    public void Should_round_trip_every_article_field()
    {
        // Given an article with versions, captions, paragraphs, credits, metadata and a non-identity map
        using var store = Open();
        var a = StoreData.Full();

        // When it is stored and read back by id
        store.AddBatch([a]);
        var back = store.Get(a.Id).ShouldNotBeNull();

        // Then everything that matters is equal
        StoreData.ShouldEqual(back, a);
        back.Map.ToSource(new TextSpan(0, 5)).ShouldBe(a.Map.ToSource(new TextSpan(0, 5)));
        back.Text[back.Latest.Start..back.Latest.End].ShouldBe(a.Text[a.Latest.Start..a.Latest.End]);
    }

    [StoreFact]
    public void Should_get_by_full_id_unique_prefix_and_refuse_an_ambiguous_prefix()
    {
        // Given three articles, two of whose ids share a prefix
        using var store = Open();
        var x = StoreData.Make("one", id: "abc1000000000000");
        var y = StoreData.Make("two", id: "abc2000000000000");
        var z = StoreData.Make("three", id: "f000000000000000");
        store.AddBatch([x, y, z]);

        // Then a full id and a unique prefix find one; an ambiguous prefix is an error; an unknown one is null
        store.Get("abc1000000000000")!.Text.ShouldBe("one");
        store.Get("abc2")!.Text.ShouldBe("two");
        store.Get("f")!.Text.ShouldBe("three");
        var e = Should.Throw<DossierException>(() => store.Get("abc"));
        e.Message.ShouldContain("'abc' matches 2 articles");
        store.Get("9").ShouldBeNull();
        store.Get("ab%").ShouldBeNull();
    }

    [StoreFact]
    public void Should_list_and_enumerate_in_ingest_order()
    {
        // Given articles added over two batches in a known order
        using var store = Open();
        var items = Enumerable.Range(0, 7).Select(i => StoreData.Make($"Article number {i} about nothing.", id: $"{9 - i:x}{i:x}00000000000000")).ToList();
        store.AddBatch(items.Take(4).ToList());
        store.AddBatch(items.Skip(4).ToList());

        // When listed and enumerated
        var list = store.List();
        var page = store.List(limit: 2, offset: 3);
        var all = store.Enumerate().ToList();

        // Then the order is the ingest order, whatever the ids
        list.Select(i => i.Id).ShouldBe(items.Select(i => i.Id));
        list.Select(i => i.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        list[0].Length.ShouldBe(items[0].Text.Length);
        list[0].Title.ShouldBe(items[0].Title);
        list[0].Outlet.ShouldBe(items[0].Outlet);
        page.Select(i => i.Id).ShouldBe([items[3].Id, items[4].Id]);
        all.Select(a => a.Id).ShouldBe(items.Select(i => i.Id));
        all.Select(a => a.Text).ShouldBe(items.Select(i => i.Text));
        store.Count().ShouldBe(7);
    }

    [StoreFact]
    public void Should_enumerate_more_articles_than_one_page()
    {
        // Given more articles than one page of the streaming enumeration
        using var store = Open();
        var items = Enumerable.Range(0, 1203).Select(i => StoreData.Make($"Short article {i}.")).ToList();
        store.AddBatch(items);

        // Then all of them come back once, in order
        store.Enumerate().Select(a => a.Id).ShouldBe(items.Select(i => i.Id));
    }

    [StoreFact]
    public void Should_find_articles_by_words_in_title_and_text()
    {
        // Given three articles
        using var store = Open();
        var ferry = StoreData.Make("The ferry sank near Jindo island; rescuers searched all night.", title: "Ferry disaster");
        var port = StoreData.Make("Port workers went on strike over wages.", title: "Strike at the port");
        var both = StoreData.Make("After the ferry sinking, the port stayed closed.", title: "Port closed");
        store.AddBatch([ferry, port, both]);

        // Then a search finds the articles holding every word (stemmed), best first
        store.Search("ferry").ShouldBe([ferry.Id, both.Id], ignoreOrder: true);
        store.Search("rescuers searched").ShouldBe([ferry.Id]);
        store.Search("strikes").ShouldBe([port.Id]);
        store.Search("ferry port").ShouldBe([both.Id]);
        store.Search("volcano").ShouldBeEmpty();
        store.Search("  ").ShouldBeEmpty();
        store.Search("\"ferry").ShouldContain(ferry.Id);
        store.Search("port", limit: 1).Count.ShouldBe(1);
    }

    [StoreFact]
    public void Should_replace_layers_per_article_and_name()
    {
        // Given a layer stored twice and another beside it
        using var store = Open();
        store.PutLayers([new LayerRecord("a1", "entities", "[1]"), new LayerRecord("a1", "quotes", "[]")]);
        store.PutLayers([new LayerRecord("a1", "entities", "[2]")]);

        // Then the latest value wins and the other layer is untouched
        store.GetLayer("a1", "entities").ShouldBe("[2]");
        store.GetLayer("a1", "quotes").ShouldBe("[]");
        store.GetLayer("a2", "entities").ShouldBeNull();
    }

    [StoreFact]
    public void Should_upsert_relations_and_filter_them_by_article()
    {
        // Given relations, one of them stored twice with a new score
        using var store = Open();
        store.PutRelations([new ArticleRelation("a", "b", "exact", 1.0), new ArticleRelation("b", "c", "near", 0.8, "{\"shared\":3}")]);
        store.PutRelations([new ArticleRelation("b", "c", "near", 0.9, "{\"shared\":4}"), new ArticleRelation("b", "c", "rewrite", 0.5)]);

        // Then there is one relation per (a, b, kind), in a stable order
        store.GetRelations().ShouldBe(
        [
            new ArticleRelation("a", "b", "exact", 1.0),
            new ArticleRelation("b", "c", "near", 0.9, "{\"shared\":4}"),
            new ArticleRelation("b", "c", "rewrite", 0.5),
        ]);
        store.GetRelations("c").Count.ShouldBe(2);
        store.GetRelations("a").ShouldBe([new ArticleRelation("a", "b", "exact", 1.0)]);
        store.GetRelations("zzz").ShouldBeEmpty();
    }

    [StoreFact]
    public void Should_replace_all_stories_or_upsert_some()
    {
        // Given two stories
        using var store = Open();
        store.ReplaceStories([new StoryRecord("s1", "Ferry", ["a", "b"]), new StoryRecord("s2", "Port", ["c"], "{\"k\":1}")]);

        // When one is upserted with new members and a third added
        store.UpsertStories([new StoryRecord("s2", "Port strike", ["d", "c"]), new StoryRecord("s3", "Other", ["e"])]);

        // Then members keep their order and the untouched story stays
        var stories = store.GetStories();
        stories.Select(s => s.Id).ShouldBe(["s1", "s2", "s3"]);
        stories[0].Articles.ShouldBe(["a", "b"]);
        stories[1].Title.ShouldBe("Port strike");
        stories[1].Articles.ShouldBe(["d", "c"]);
        stories[1].Json.ShouldBeNull();
        stories[2].Articles.ShouldBe(["e"]);

        // When everything is replaced
        store.ReplaceStories([new StoryRecord("s9", "All", ["a", "c"], "{}")]);

        // Then only the new assignment is left
        var after = store.GetStories();
        after.Count.ShouldBe(1);
        after[0].Id.ShouldBe("s9");
        after[0].Articles.ShouldBe(["a", "c"]);
        after[0].Json.ShouldBe("{}");
    }

    [StoreFact]
    public void Should_keep_state_by_key()
    {
        using var store = Open();
        store.GetState("copies.index").ShouldBeNull();
        store.PutState("copies.index", "v1");
        store.PutState("copies.index", "v2");
        store.PutState("stories.model", "{}");
        store.GetState("copies.index").ShouldBe("v2");
        store.GetState("stories.model").ShouldBe("{}");
    }

    [StoreFact]
    public void Should_commit_a_transaction_whole_or_not_at_all()
    {
        // Given a store with one article
        using var store = Open();
        var a = StoreData.Make("kept");
        store.AddBatch([a]);

        // When a transaction writes articles, state, relations and stories and then fails
        Should.Throw<InvalidOperationException>(() => store.InTransaction(() =>
        {
            store.AddBatch([StoreData.Make("lost")]);
            store.PutState("k", "lost");
            store.PutRelations([new ArticleRelation("a", "b", "near", 1)]);
            store.InTransaction(() => store.UpsertStories([new StoryRecord("s", "lost", ["a"])]));
            store.Count().ShouldBe(2);
            throw new InvalidOperationException("boom");
        }));

        // Then none of it is stored
        store.Count().ShouldBe(1);
        store.GetState("k").ShouldBeNull();
        store.GetRelations().ShouldBeEmpty();
        store.GetStories().ShouldBeEmpty();

        // When a transaction succeeds, all of it is stored
        store.InTransaction(() =>
        {
            store.AddBatch([StoreData.Make("new")]);
            store.PutState("k", "v");
        });
        store.Count().ShouldBe(2);
        store.GetState("k").ShouldBe("v");
    }

    [StoreFact]
    public void Should_reopen_an_existing_store_without_migrating_again()
    {
        // Given a store with data
        var a = StoreData.Full();
        using (var store = Open())
        {
            store.AddBatch([a]);
            store.PutState("k", "v");
        }

        // When it is opened again (twice, at once)
        using var again = Open();
        using var third = Open();

        // Then the data is there and nothing was duplicated
        again.Count().ShouldBe(1);
        third.GetState("k").ShouldBe("v");
        StoreData.ShouldEqual(again.Get(a.Id)!, a);
        again.Backend.ShouldBeOneOf("sqlite", "postgres");
        again.Location.ShouldNotBeNullOrWhiteSpace();
    }

    [StoreFact]
    public void Should_refuse_a_store_with_a_newer_schema_version()
    {
        // Given a store written by a newer dossier
        using (Open())
        {
        }

        ForceSchemaVersion(SupportedSchemaVersion + 1);

        // When it is opened, then the error says what and why
        var e = Should.Throw<DossierException>(() => Open());
        e.Message.ShouldContain($"schema version {SupportedSchemaVersion + 1}");
        e.Message.ShouldContain($"({SupportedSchemaVersion})");
        e.Message.ShouldContain("Upgrade dossier");
    }
}

/// <summary>The suite on a SQLite file in a temporary folder, opened as each subclass says.</summary>
public abstract class SqliteFileContractTests : StoreContractTests
{
    private readonly TempDir _dir = new();

    protected string DbPath => _dir.File("store.db");

    protected override int SupportedSchemaVersion => SqliteArticleStore.SchemaVersion;

    protected override void ForceSchemaVersion(int version)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"PRAGMA user_version = {version}";
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The suite on SQLite (a file in a temporary folder).</summary>
public sealed class SqliteStoreContractTests : SqliteFileContractTests
{
    protected override IArticleStore OpenStore() => StoreFactory.Open(DbPath);
}

/// <summary>The suite on a scratch SQLite file (the temporary store of <c>dossier analyze</c>: no journal, full-text index built when first searched).</summary>
public sealed class SqliteScratchStoreContractTests : SqliteFileContractTests
{
    protected override IArticleStore OpenStore() => StoreFactory.OpenScratch(DbPath);
}

/// <summary>The suite on PostgreSQL (a fresh database per test on the throwaway cluster).</summary>
[Collection("postgres")]
[RequiresPostgres]
public sealed class PostgresStoreContractTests(PostgresCluster cluster) : StoreContractTests
{
    private readonly Lazy<string> _connection = new(cluster.CreateDatabase);

    protected override int SupportedSchemaVersion => PostgresArticleStore.SchemaVersion;

    protected override IArticleStore OpenStore() => StoreFactory.Open(_connection.Value);

    protected override void ForceSchemaVersion(int version)
    {
        using var c = new Npgsql.NpgsqlConnection(_connection.Value);
        c.Open();
        using var cmd = new Npgsql.NpgsqlCommand($"INSERT INTO schema_migrations (version) VALUES ({version})", c);
        cmd.ExecuteNonQuery();
    }
}
