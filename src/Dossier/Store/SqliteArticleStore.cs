using Dapper;
using Dossier.Core;
using Microsoft.Data.Sqlite;

namespace Dossier.Store;

/// <summary>How a SQLite store file is used.</summary>
public sealed record SqliteStoreOptions
{
    public static SqliteStoreOptions Default { get; } = new();

    /// <summary>
    /// A throwaway file that one process writes and deletes (the temporary store of <c>dossier analyze</c>): no
    /// journal file and no flushes to disk (a crash loses the file, which nobody keeps), and the full-text index is
    /// built on the first <see cref="SqliteArticleStore.Search"/> instead of at every insert. Everything read back is
    /// the same as from a normal store.
    /// </summary>
    public bool Scratch { get; init; }
}

/// <summary>The embedded store: one SQLite file in WAL mode. Plain SQL beside the code that runs it.</summary>
public sealed class SqliteArticleStore : IArticleStore
{
    /// <summary>Schema migrations, applied in order; index + 1 is the schema version.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            source_path TEXT NOT NULL,
            format TEXT NOT NULL,
            raw_input TEXT NOT NULL,
            source_text TEXT NOT NULL,
            text TEXT NOT NULL,
            map BLOB NOT NULL,
            title TEXT, byline TEXT, url TEXT, outlet TEXT, dateline TEXT,
            published TEXT, published_kind TEXT NOT NULL,
            extras TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq', tokenize='porter unicode61');
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TABLE layers (
            article_id TEXT NOT NULL, layer TEXT NOT NULL, json TEXT NOT NULL,
            PRIMARY KEY (article_id, layer)
        );
        CREATE TABLE relations (
            a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL, evidence TEXT,
            PRIMARY KEY (a, b, kind)
        );
        CREATE INDEX relations_b ON relations(b);
        CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, json TEXT);
        CREATE TABLE story_members (
            story_id TEXT NOT NULL, article_id TEXT NOT NULL, ord INTEGER NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_members_article ON story_members(article_id);
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ];

    private const string SelectArticle =
        "SELECT seq, id, source_path AS SourcePath, format, raw_input AS RawInput, source_text AS SourceText, text, map, title, byline, url, outlet, dateline, published, published_kind AS PublishedKind, extras FROM articles";

    private const string SelectInfo =
        "SELECT seq, id, source_path AS SourcePath, format, '' AS RawInput, '' AS SourceText, text, x'' AS map, title, NULL AS byline, NULL AS url, outlet, dateline, published, published_kind AS PublishedKind, '{}' AS extras FROM articles";

    private readonly SqliteConnection _db;
    private readonly bool _scratch;
    private SqliteTransaction? _ambient;

    /// <summary>Articles added since the full-text index was last brought up to date (a scratch store defers it).</summary>
    private bool _searchStale;

    public SqliteArticleStore(string path, SqliteStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Location = path;
        _scratch = (options ?? SqliteStoreOptions.Default).Scratch;
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _db.Open();
            _db.Execute(_scratch
                ? "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
                : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;");
            Migrate();
            if (_scratch)
            {
                // The index is rebuilt from the articles table when it is first searched.
                _db.Execute("DROP TRIGGER IF EXISTS articles_ai;");
                _searchStale = _db.ExecuteScalar<long>("SELECT COUNT(*) FROM articles") > 0;
            }
        }
        catch (SqliteException e)
        {
            DossierThrow.Dossier_BadStoreLocation(path, e.Message);
            throw;
        }
    }

    public string Backend => "sqlite";

    public string Location { get; }

    public static int SchemaVersion => Migrations.Length;

    private void Migrate()
    {
        var version = _db.ExecuteScalar<int>("PRAGMA user_version;");
        if (version > Migrations.Length)
        {
            DossierThrow.Dossier_StoreSchemaTooNew(Location, version, Migrations.Length);
        }

        if (version == Migrations.Length)
        {
            return;
        }

        // BEGIN IMMEDIATE takes the write lock first, so two processes opening a new file migrate it once.
        using var tx = _db.BeginTransaction(deferred: false);
        version = _db.ExecuteScalar<int>("PRAGMA user_version;", transaction: tx);
        for (var v = version; v < Migrations.Length; v++)
        {
            _db.Execute(Migrations[v], transaction: tx);
            _db.Execute($"PRAGMA user_version = {v + 1};", transaction: tx);
        }

        tx.Commit();
    }

    public IngestOutcome AddBatch(IReadOnlyList<Article> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var added = new List<string>();
        var existing = 0;
        using var owned = _ambient is null ? _db.BeginTransaction() : null;
        var tx = _ambient ?? owned!;
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO articles (id, source_path, format, raw_input, source_text, text, map, title, byline, url, outlet, dateline, published, published_kind, extras)
            VALUES ($id, $source_path, $format, $raw_input, $source_text, $text, $map, $title, $byline, $url, $outlet, $dateline, $published, $published_kind, $extras)
            ON CONFLICT(id) DO NOTHING;
            """;
        var names = new[] { "$id", "$source_path", "$format", "$raw_input", "$source_text", "$text", "$map", "$title", "$byline", "$url", "$outlet", "$dateline", "$published", "$published_kind", "$extras" };
        var ps = names.Select(n => cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
        ps[6].SqliteType = SqliteType.Blob;
        cmd.Prepare();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in articles)
        {
            if (!seen.Add(a.Id))
            {
                existing++;
                continue;
            }

            var r = ArticleRow.From(a);
            ps[0].Value = r.Id;
            ps[1].Value = r.SourcePath;
            ps[2].Value = r.Format;
            ps[3].Value = r.RawInput;
            ps[4].Value = r.SourceText;
            ps[5].Value = r.Text;
            ps[6].Value = r.Map;
            ps[7].Value = (object?)r.Title ?? DBNull.Value;
            ps[8].Value = (object?)r.Byline ?? DBNull.Value;
            ps[9].Value = (object?)r.Url ?? DBNull.Value;
            ps[10].Value = (object?)r.Outlet ?? DBNull.Value;
            ps[11].Value = (object?)r.Dateline ?? DBNull.Value;
            ps[12].Value = (object?)r.Published ?? DBNull.Value;
            ps[13].Value = r.PublishedKind;
            ps[14].Value = r.Extras;
            if (cmd.ExecuteNonQuery() == 1)
            {
                added.Add(a.Id);
            }
            else
            {
                existing++;
            }
        }

        owned?.Commit();
        _searchStale |= _scratch && added.Count > 0;
        return new IngestOutcome(added.Count, existing, added);
    }

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

        var rows = _db.Query<ArticleRow>(SelectArticle + " WHERE id >= @lo AND id < @hi LIMIT 2", new { lo = idOrPrefix, hi = idOrPrefix + "\uffff" }, _ambient).ToList();
        if (rows.Count > 1)
        {
            var matches = _db.ExecuteScalar<int>("SELECT COUNT(*) FROM articles WHERE id >= @lo AND id < @hi", new { lo = idOrPrefix, hi = idOrPrefix + "\uffff" }, _ambient);
            DossierThrow.Dossier_AmbiguousId(idOrPrefix, matches);
        }

        return rows.Count == 1 ? rows[0].ToArticle() : null;
    }

    public bool Contains(string id) => _db.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id = @id", new { id }, _ambient) > 0;

    public long Count() => _db.ExecuteScalar<long>("SELECT COUNT(*) FROM articles", transaction: _ambient);

    public IReadOnlyList<ArticleInfo> List(int limit = int.MaxValue, int offset = 0) =>
        _db.Query<ArticleRow>(SelectInfo + " ORDER BY seq LIMIT @limit OFFSET @offset", new { limit, offset }, _ambient).Select(r => r.ToInfo()).ToList();

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
        var terms = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        var match = string.Join(' ', terms);
        if (match.Length == 0)
        {
            return [];
        }

        if (_searchStale)
        {
            Write(tx => _db.Execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild');", transaction: tx));

            // Inside a transaction that may still roll back, the next search rebuilds again.
            _searchStale = _ambient is not null;
        }

        return _db.Query<string>(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH @match ORDER BY bm25(articles_fts), a.seq LIMIT @limit",
            new { match, limit },
            _ambient).ToList();
    }

    public void PutLayers(IReadOnlyList<LayerRecord> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Write(tx => _db.Execute(
            "INSERT INTO layers (article_id, layer, json) VALUES (@ArticleId, @Layer, @Json) ON CONFLICT(article_id, layer) DO UPDATE SET json = excluded.json",
            layers,
            tx));
    }

    public string? GetLayer(string articleId, string layer) =>
        _db.QuerySingleOrDefault<string>("SELECT json FROM layers WHERE article_id = @articleId AND layer = @layer", new { articleId, layer }, _ambient);

    public void PutRelations(IReadOnlyList<ArticleRelation> relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        Write(tx => _db.Execute(
            "INSERT INTO relations (a, b, kind, score, evidence) VALUES (@A, @B, @Kind, @Score, @Evidence) ON CONFLICT(a, b, kind) DO UPDATE SET score = excluded.score, evidence = excluded.evidence",
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
            _db.Execute("DELETE FROM story_members WHERE story_id = @Id", stories.Select(s => new { s.Id }), tx);
            WriteStories(stories, tx);
        });
    }

    /// <summary>Stories and their members, each through one prepared statement.</summary>
    private void WriteStories(IReadOnlyList<StoryRecord> stories, SqliteTransaction tx)
    {
        using (var cmd = Prepared(tx, "INSERT INTO stories (id, title, json) VALUES ($id, $title, $json) ON CONFLICT(id) DO UPDATE SET title = excluded.title, json = excluded.json", "$id", "$title", "$json"))
        {
            foreach (var s in stories)
            {
                cmd.Parameters[0].Value = s.Id;
                cmd.Parameters[1].Value = s.Title;
                cmd.Parameters[2].Value = (object?)s.Json ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        }

        using (var cmd = Prepared(tx, "INSERT INTO story_members (story_id, article_id, ord) VALUES ($story, $article, $ord) ON CONFLICT(story_id, article_id) DO NOTHING", "$story", "$article", "$ord"))
        {
            cmd.Parameters[2].SqliteType = SqliteType.Integer;
            foreach (var s in stories)
            {
                cmd.Parameters[0].Value = s.Id;
                for (var i = 0; i < s.Articles.Count; i++)
                {
                    cmd.Parameters[1].Value = s.Articles[i];
                    cmd.Parameters[2].Value = i;
                    cmd.ExecuteNonQuery();
                }
            }
        }
    }

    /// <summary>A command in the transaction with the named text parameters, prepared once to run many times.</summary>
    private SqliteCommand Prepared(SqliteTransaction tx, string sql, params string[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(p, SqliteType.Text);
        }

        cmd.Prepare();
        return cmd;
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
        Write(tx => _db.Execute("INSERT INTO state (key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", new { key, value }, tx));

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
    private void Write(Action<SqliteTransaction> body)
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
