using Dapper;
using Dossier.Core;
using Npgsql;
using NpgsqlTypes;

namespace Dossier.Store;

/// <summary>
/// The server store: PostgreSQL through Npgsql, shared by any number of processes (see docs/scale-out.md).
/// Plain SQL beside the code that runs it. Full-text search uses a stored <c>tsvector</c> column with a GIN index
/// where SQLite uses FTS5; idempotent writes use <c>ON CONFLICT</c>. One instance holds one connection: open one
/// per thread or process.
/// </summary>
public sealed class PostgresArticleStore : IArticleStore
{
    /// <summary>Schema migrations, applied in order under an advisory lock; index + 1 is the schema version.</summary>
    private static readonly string[] Migrations =
    [
        // 1: articles, layers, relations, stories, state.
        """
        CREATE TABLE articles (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text COLLATE "C" NOT NULL UNIQUE,
            source_path text NOT NULL,
            format text NOT NULL,
            raw_input text NOT NULL,
            source_text text NOT NULL,
            text text NOT NULL,
            map bytea NOT NULL,
            title text, byline text, url text, outlet text, dateline text,
            published text, published_kind text NOT NULL,
            extras text NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
                || setweight(to_tsvector('english'::regconfig, left(text, 200000)), 'B')) STORED
        );
        CREATE INDEX articles_tsv ON articles USING gin (tsv);
        CREATE TABLE layers (
            article_id text COLLATE "C" NOT NULL, layer text COLLATE "C" NOT NULL, json text NOT NULL,
            PRIMARY KEY (article_id, layer)
        );
        CREATE TABLE relations (
            a text COLLATE "C" NOT NULL, b text COLLATE "C" NOT NULL, kind text COLLATE "C" NOT NULL,
            score double precision NOT NULL, evidence text,
            PRIMARY KEY (a, b, kind)
        );
        CREATE INDEX relations_b ON relations (b);
        CREATE TABLE stories (id text COLLATE "C" PRIMARY KEY, title text NOT NULL, json text);
        CREATE TABLE story_members (
            story_id text COLLATE "C" NOT NULL, article_id text COLLATE "C" NOT NULL, ord int NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_members_article ON story_members (article_id);
        CREATE TABLE state (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
        """,

        // 2: the work queue shared by `dossier worker` processes (Dossier.Workers; docs/scale-out.md).
        """
        CREATE TABLE work_jobs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text NOT NULL DEFAULT 'ingest',
            path text NOT NULL,
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'leased', 'done', 'failed')),
            attempts int NOT NULL DEFAULT 0,
            leased_by text,
            lease_until timestamptz,
            enqueued_at timestamptz NOT NULL DEFAULT now(),
            started_at timestamptz,
            finished_at timestamptz,
            articles int NOT NULL DEFAULT 0,
            added int NOT NULL DEFAULT 0,
            error text
        );
        CREATE INDEX work_jobs_open ON work_jobs (id) WHERE state IN ('pending', 'leased');
        CREATE INDEX work_jobs_finished ON work_jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE work_job_articles (
            job_id bigint NOT NULL, ord int NOT NULL, article_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (job_id, ord)
        );
        CREATE TABLE work_applied (article_id text COLLATE "C" PRIMARY KEY, job_id bigint NOT NULL);
        CREATE TABLE work_cursor (name text PRIMARY KEY, job_id bigint NOT NULL);
        INSERT INTO work_cursor (name, job_id) VALUES ('incremental', 0);
        CREATE TABLE workers (
            id text PRIMARY KEY,
            host text NOT NULL,
            pid int NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(),
            heartbeat_at timestamptz NOT NULL DEFAULT now(),
            stopped_at timestamptz,
            lease_seconds int NOT NULL DEFAULT 30,
            jobs int NOT NULL DEFAULT 0,
            articles int NOT NULL DEFAULT 0
        );
        """,
    ];

    private const string Columns =
        "id, source_path, format, raw_input, source_text, text, map, title, byline, url, outlet, dateline, published, published_kind, extras";

    private const string SelectArticle =
        "SELECT seq, id, source_path AS SourcePath, format, raw_input AS RawInput, source_text AS SourceText, text, map, title, byline, url, outlet, dateline, published, published_kind AS PublishedKind, extras FROM articles";

    private const string SelectInfo =
        "SELECT seq, id, source_path AS SourcePath, format, '' AS RawInput, '' AS SourceText, text, ''::bytea AS map, title, NULL AS byline, NULL AS url, outlet, dateline, published, published_kind AS PublishedKind, '{}' AS extras FROM articles";

    private const string InsertBatch =
        $"""
        INSERT INTO articles ({Columns})
        SELECT {Columns}
        FROM unnest(@id, @source_path, @format, @raw_input, @source_text, @text, @map, @title, @byline, @url, @outlet, @dateline, @published, @published_kind, @extras)
             WITH ORDINALITY AS t({Columns}, ord)
        ORDER BY ord
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """;

    private readonly NpgsqlConnection _db;
    private NpgsqlTransaction? _ambient;

    /// <param name="location">A <c>postgres://</c> URL or an Npgsql keyword connection string.</param>
    public PostgresArticleStore(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = PostgresLocation.Printable(location);
        ConnectionString = PostgresLocation.ToConnectionString(location);
        try
        {
            _db = new NpgsqlConnection(ConnectionString);
            _db.Open();
            Migrate();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            DossierThrow.Dossier_BadStoreLocation(Location, e.Message);
            throw;
        }
    }

    public string Backend => "postgres";

    public string Location { get; }

    public static int SchemaVersion => Migrations.Length;

    /// <summary>The Npgsql connection string (with password), for the worker's second connection.</summary>
    internal string ConnectionString { get; }

    /// <summary>The open connection and current transaction, for queue statements that must commit with store writes.</summary>
    internal NpgsqlConnection Connection => _db;

    internal NpgsqlTransaction? Ambient => _ambient;

    private void Migrate()
    {
        using var tx = _db.BeginTransaction();
        _db.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLocks.Migrate }, tx);
        _db.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", transaction: tx);
        var version = _db.ExecuteScalar<int?>("SELECT max(version) FROM schema_migrations", transaction: tx) ?? 0;
        if (version > Migrations.Length)
        {
            DossierThrow.Dossier_StoreSchemaTooNew(Location, version, Migrations.Length);
        }

        for (var v = version; v < Migrations.Length; v++)
        {
            _db.Execute(Migrations[v], transaction: tx);
            _db.Execute("INSERT INTO schema_migrations (version) VALUES (@v)", new { v = v + 1 }, tx);
        }

        tx.Commit();
    }

    public IngestOutcome AddBatch(IReadOnlyList<Article> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ArticleRow>(articles.Count);
        foreach (var a in articles)
        {
            if (seen.Add(a.Id))
            {
                rows.Add(ArticleRow.From(a));
            }
        }

        if (rows.Count == 0)
        {
            return new IngestOutcome(0, articles.Count, []);
        }

        // Two workers inserting overlapping batches in different orders can deadlock; PostgreSQL aborts one,
        // which retries its whole batch (nothing of it was committed).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var inserted = new HashSet<string>(StringComparer.Ordinal);
                Write(tx =>
                {
                    using var cmd = new NpgsqlCommand(InsertBatch, _db, tx);
                    cmd.Parameters.Add(Array("id", rows.Select(r => r.Id)));
                    cmd.Parameters.Add(Array("source_path", rows.Select(r => r.SourcePath)));
                    cmd.Parameters.Add(Array("format", rows.Select(r => r.Format)));
                    cmd.Parameters.Add(Array("raw_input", rows.Select(r => r.RawInput)));
                    cmd.Parameters.Add(Array("source_text", rows.Select(r => r.SourceText)));
                    cmd.Parameters.Add(Array("text", rows.Select(r => r.Text)));
                    cmd.Parameters.Add(new NpgsqlParameter("map", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = rows.Select(r => r.Map).ToArray() });
                    cmd.Parameters.Add(Array("title", rows.Select(r => r.Title)));
                    cmd.Parameters.Add(Array("byline", rows.Select(r => r.Byline)));
                    cmd.Parameters.Add(Array("url", rows.Select(r => r.Url)));
                    cmd.Parameters.Add(Array("outlet", rows.Select(r => r.Outlet)));
                    cmd.Parameters.Add(Array("dateline", rows.Select(r => r.Dateline)));
                    cmd.Parameters.Add(Array("published", rows.Select(r => r.Published)));
                    cmd.Parameters.Add(Array("published_kind", rows.Select(r => r.PublishedKind)));
                    cmd.Parameters.Add(Array("extras", rows.Select(r => r.Extras)));
                    using var reader = cmd.ExecuteReader();
                    while (reader.Read())
                    {
                        inserted.Add(reader.GetString(0));
                    }
                });
                var added = rows.Where(r => inserted.Contains(r.Id)).Select(r => r.Id).ToList();
                return new IngestOutcome(added.Count, articles.Count - added.Count, added);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && _ambient is null && attempt < 8)
            {
                Thread.Sleep(Random.Shared.Next(5, 50) * attempt);
            }
        }
    }

    private static NpgsqlParameter Array(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    public Article? Get(string idOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        var exact = _db.QuerySingleOrDefault<ArticleRow>(SelectArticle + " WHERE id = @id", new { id = idOrPrefix }, _ambient);
        if (exact is not null)
        {
            return exact.ToArticle();
        }

        if (idOrPrefix.Length == 0)
        {
            return null;
        }

        var like = idOrPrefix.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        var rows = _db.Query<ArticleRow>(SelectArticle + @" WHERE id LIKE @like ESCAPE '\' ORDER BY id LIMIT 2", new { like }, _ambient).ToList();
        if (rows.Count > 1)
        {
            var matches = _db.ExecuteScalar<int>(@"SELECT count(*) FROM articles WHERE id LIKE @like ESCAPE '\'", new { like }, _ambient);
            DossierThrow.Dossier_AmbiguousId(idOrPrefix, matches);
        }

        return rows.Count == 1 ? rows[0].ToArticle() : null;
    }

    /// <summary>Articles by full id, in the order asked; ids not stored are left out.</summary>
    internal IReadOnlyList<Article> GetMany(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = _db.Query<ArticleRow>(SelectArticle + " WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, _ambient)
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToArticle()).ToList();
    }

    public bool Contains(string id) => _db.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM articles WHERE id = @id)", new { id }, _ambient);

    public long Count() => _db.ExecuteScalar<long>("SELECT count(*) FROM articles", transaction: _ambient);

    public IReadOnlyList<ArticleInfo> List(int limit = int.MaxValue, int offset = 0) =>
        _db.Query<ArticleRow>(SelectInfo + " ORDER BY seq LIMIT @limit OFFSET @offset", new { limit = (long)limit, offset = (long)offset }, _ambient)
            .Select(r => r.ToInfo()).ToList();

    public IEnumerable<Article> Enumerate()
    {
        long last = 0;
        while (true)
        {
            var page = _db.Query<ArticleRow>(SelectArticle + " WHERE seq > @last ORDER BY seq LIMIT 500", new { last }, _ambient).ToList();
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var r in page)
            {
                yield return r.ToArticle();
            }

            last = page[^1].Seq;
        }
    }

    public IReadOnlyList<string> Search(string query, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        return _db.Query<string>(
            """
            SELECT a.id FROM articles a, plainto_tsquery('english'::regconfig, @query) q
            WHERE a.tsv @@ q
            ORDER BY ts_rank(a.tsv, q) DESC, a.seq
            LIMIT @limit
            """,
            new { query, limit },
            _ambient).ToList();
    }

    public void PutLayers(IReadOnlyList<LayerRecord> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Write(tx => _db.Execute(
            "INSERT INTO layers (article_id, layer, json) VALUES (@ArticleId, @Layer, @Json) ON CONFLICT (article_id, layer) DO UPDATE SET json = excluded.json",
            layers,
            tx));
    }

    public string? GetLayer(string articleId, string layer) =>
        _db.QuerySingleOrDefault<string>("SELECT json FROM layers WHERE article_id = @articleId AND layer = @layer", new { articleId, layer }, _ambient);

    public void PutRelations(IReadOnlyList<ArticleRelation> relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        Write(tx => _db.Execute(
            "INSERT INTO relations (a, b, kind, score, evidence) VALUES (@A, @B, @Kind, @Score, @Evidence) ON CONFLICT (a, b, kind) DO UPDATE SET score = excluded.score, evidence = excluded.evidence",
            relations,
            tx));
    }

    public IReadOnlyList<ArticleRelation> GetRelations(string? articleId = null) =>
        (articleId is null
            ? _db.Query<RelationRow>("SELECT a, b, kind, score, evidence FROM relations ORDER BY a, b, kind", transaction: _ambient)
            : _db.Query<RelationRow>("SELECT a, b, kind, score, evidence FROM relations WHERE a = @id OR b = @id ORDER BY a, b, kind", new { id = articleId }, _ambient))
        .Select(r => new ArticleRelation(r.A, r.B, r.Kind, r.Score, r.Evidence)).ToList();

    public void ReplaceStories(IReadOnlyList<StoryRecord> stories)
    {
        ArgumentNullException.ThrowIfNull(stories);
        Write(tx =>
        {
            _db.Execute("DELETE FROM story_members; DELETE FROM stories;", transaction: tx);
            WriteStories(stories, tx);
        });
    }

    public void UpsertStories(IReadOnlyList<StoryRecord> stories)
    {
        ArgumentNullException.ThrowIfNull(stories);
        Write(tx =>
        {
            _db.Execute("DELETE FROM story_members WHERE story_id = ANY(@ids)", new { ids = stories.Select(s => s.Id).ToArray() }, tx);
            WriteStories(stories, tx);
        });
    }

    private void WriteStories(IReadOnlyList<StoryRecord> stories, NpgsqlTransaction tx)
    {
        _db.Execute(
            "INSERT INTO stories (id, title, json) VALUES (@Id, @Title, @Json) ON CONFLICT (id) DO UPDATE SET title = excluded.title, json = excluded.json",
            stories.Select(s => new { s.Id, s.Title, s.Json }),
            tx);
        _db.Execute(
            "INSERT INTO story_members (story_id, article_id, ord) VALUES (@StoryId, @ArticleId, @Ord) ON CONFLICT (story_id, article_id) DO NOTHING",
            stories.SelectMany(s => s.Articles.Select((a, i) => new { StoryId = s.Id, ArticleId = a, Ord = i })),
            tx);
    }

    public IReadOnlyList<StoryRecord> GetStories()
    {
        var members = _db.Query<(string StoryId, string ArticleId)>("SELECT story_id, article_id FROM story_members ORDER BY story_id, ord", transaction: _ambient)
            .GroupBy(m => m.StoryId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.ArticleId).ToList(), StringComparer.Ordinal);
        return _db.Query<(string Id, string Title, string? Json)>("SELECT id, title, json FROM stories ORDER BY id", transaction: _ambient)
            .Select(s => new StoryRecord(s.Id, s.Title, members.TryGetValue(s.Id, out var m) ? m : [], s.Json))
            .ToList();
    }

    public string? GetState(string key) => _db.QuerySingleOrDefault<string>("SELECT value FROM state WHERE key = @key", new { key }, _ambient);

    public void PutState(string key, string value) =>
        Write(tx => _db.Execute("INSERT INTO state (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value }, tx));

    public void InTransaction(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_ambient is not null)
        {
            work();
            return;
        }

        using var tx = _db.BeginTransaction();
        _ambient = tx;
        try
        {
            work();
            tx.Commit();
        }
        finally
        {
            _ambient = null;
        }
    }

    /// <summary>Runs a write in the ambient transaction, or in its own.</summary>
    private void Write(Action<NpgsqlTransaction> body)
    {
        if (_ambient is not null)
        {
            body(_ambient);
            return;
        }

        using var tx = _db.BeginTransaction();
        body(tx);
        tx.Commit();
    }

    public void Dispose() => _db.Dispose();

    private sealed class RelationRow
    {
        public string A { get; set; } = "";

        public string B { get; set; } = "";

        public string Kind { get; set; } = "";

        public double Score { get; set; }

        public string? Evidence { get; set; }
    }
}

/// <summary>PostgreSQL advisory lock keys Dossier takes (docs/scale-out.md lists what each guards).</summary>
internal static class AdvisoryLocks
{
    /// <summary>Schema migrations: one process migrates, the others wait and find the schema current.</summary>
    public const long Migrate = 0x646F_7373_0001;

    /// <summary>Enqueueing: job ids are committed in id order, so the incremental cursor never skips one.</summary>
    public const long Enqueue = 0x646F_7373_0002;

    /// <summary>The single writer of the incremental stages (copies, stories).</summary>
    public const long Incremental = 0x646F_7373_0003;
}
