using Dapper;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Store;

namespace Dossier.Workers;

/// <summary>
/// The single writer of the incremental corpus stages (copies, stories) when several workers share a store.
/// Workers store articles in whatever order they finish; this step feeds them to
/// <see cref="DossierPipeline.ApplyIncremental"/> in queue order (job id, then position in the file), each article
/// once, so the corpus state equals a serial run over the same inputs. It holds a PostgreSQL advisory lock for
/// the length of one transaction, which also moves the cursor (<c>work_cursor</c>) and records the articles
/// applied (<c>work_applied</c>): a worker killed while applying leaves nothing half-done.
/// </summary>
public sealed class IncrementalApplier
{
    private readonly PostgresArticleStore _store;
    private readonly DossierPipeline _pipeline;
    private readonly int _maxArticles;

    public IncrementalApplier(IArticleStore store, DossierPipeline pipeline, int maxArticles = 500)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store as PostgresArticleStore
            ?? throw new DossierException($"Cannot run workers on store '{store.Location}': they need a PostgreSQL store.");
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _maxArticles = Math.Max(1, maxArticles);
    }

    /// <summary>
    /// Applies finished jobs in order until the next job is not finished. With <paramref name="wait"/> false it
    /// returns at once when another worker holds the writer lock. Returns the number of articles applied.
    /// </summary>
    public int ApplyPending(bool wait)
    {
        var total = 0;
        while (true)
        {
            var applied = -1;
            _store.InTransaction(() => applied = ApplyStep(wait));
            if (applied < 0)
            {
                return total;
            }

            total += applied;
        }
    }

    /// <summary>One transaction: returns articles applied, or -1 when there was nothing to do (or no lock).</summary>
    private int ApplyStep(bool wait)
    {
        var db = _store.Connection;
        var tx = _store.Ambient;
        if (wait)
        {
            // Wait as long as the writer before us needs: its step (copies and stories of up to 500 articles) may outlast a command timeout.
            db.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLocks.Incremental }, tx, commandTimeout: 0);
        }
        else if (!db.ExecuteScalar<bool>("SELECT pg_try_advisory_xact_lock(@key)", new { key = AdvisoryLocks.Incremental }, tx))
        {
            return -1;
        }

        var cursor = db.ExecuteScalar<long>("SELECT job_id FROM work_cursor WHERE name = 'incremental' FOR UPDATE", transaction: tx);
        var next = db.Query<(long Id, string State, int Articles)>(
            "SELECT id, state, articles FROM work_jobs WHERE id > @cursor ORDER BY id LIMIT 256", new { cursor }, tx).ToList();
        var jobs = new List<long>();
        var count = 0;
        foreach (var j in next)
        {
            if (j.State is not ("done" or "failed") || (jobs.Count > 0 && count + j.Articles > _maxArticles))
            {
                break;
            }

            jobs.Add(j.Id);
            count += j.Articles;
        }

        if (jobs.Count == 0)
        {
            return -1;
        }

        var ids = db.Query<string>(
            "SELECT article_id FROM work_job_articles WHERE job_id = ANY(@jobs) ORDER BY job_id, ord", new { jobs = jobs.ToArray() }, tx).ToList();
        var done = db.Query<string>(
            "SELECT article_id FROM work_applied WHERE article_id = ANY(@ids)", new { ids = ids.ToArray() }, tx).ToHashSet(StringComparer.Ordinal);
        var fresh = new List<string>();
        foreach (var id in ids)
        {
            if (done.Add(id))
            {
                fresh.Add(id);
            }
        }

        var articles = _store.GetMany(fresh);
        _pipeline.ApplyIncremental(_store, articles);
        db.Execute(
            "INSERT INTO work_applied (article_id, job_id) SELECT a, @job FROM unnest(@ids) AS t(a) ON CONFLICT DO NOTHING",
            new { ids = fresh.ToArray(), job = jobs[^1] },
            tx);
        db.Execute("UPDATE work_cursor SET job_id = @job WHERE name = 'incremental'", new { job = jobs[^1] }, tx);
        return articles.Count;
    }
}
