namespace Dossier.Stories;

/// <summary>
/// The agglomeration of the topic step, with an optional relative (rank-based) linking rule. Plain: the most
/// similar pair of live groups merges while its similarity reaches <see cref="Threshold"/>. With
/// <see cref="Neighbours"/> = k &gt; 0: each story's k most similar stories are found once, before any merge; a
/// pair whose similarity is below <see cref="FreeThreshold"/> may then merge only when the two groups are linked, that
/// is when a story of one is among the k nearest of a story of the other (<see cref="Mutual"/>: each among the
/// other's k nearest), and still only at or above <see cref="Threshold"/> (the floor). The density of the
/// similarities differs from topic to topic (the two events of one topic may be 0.02 or 0.3 apart while unrelated
/// stories reach 0.05), so an absolute threshold alone either splits sparse topics or merges unrelated dense ones;
/// a story's nearest story is nearly always of its own topic. The floor keeps a story whose nearest story is
/// unrelated (a topic with one story) on its own. Deterministic: pairs are scanned in index order, ties keep the
/// first pair, neighbour ties the lower index.
/// </summary>
/// <param name="Threshold">Least similarity at which two groups merge (the floor when linking is on).</param>
/// <param name="Neighbours">Nearest stories per story that link groups below <paramref name="FreeThreshold"/>; 0 = off.</param>
/// <param name="FreeThreshold">Similarity at or above which two groups merge without a link.</param>
/// <param name="Mutual">Links only between stories that are each among the other's nearest.</param>
public sealed record TopicLinking(float Threshold, int Neighbours = 0, float FreeThreshold = float.PositiveInfinity, bool Mutual = false)
{
    /// <summary>The rule of <see cref="StoryOptions"/> (<c>TopicThreshold</c>, <c>TopicNeighbours</c>, <c>TopicFreeThreshold</c>, <c>TopicMutual</c>).</summary>
    public static TopicLinking From(StoryOptions options, float threshold)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TopicLinking(threshold, options.TopicNeighbours, options.TopicFreeThreshold, options.TopicMutual);
    }

    /// <summary>
    /// Agglomerates <paramref name="count"/> stories. <paramref name="similarity"/>(a, b) is the similarity of the
    /// live groups represented by a and b (a &lt; b; before any merge, of the stories a and b); <paramref name="merge"/>(a, b)
    /// folds group b into group a (a &lt; b), after which a represents both. Returns which representatives are still alive.
    /// </summary>
    public bool[] Agglomerate(int count, Func<int, int, float> similarity, Action<int, int> merge)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(merge);
        var links = Neighbours > 0 ? Links(count, similarity) : null;
        var alive = Enumerable.Repeat(true, count).ToArray();
        while (true)
        {
            var best = (A: -1, B: -1, S: Threshold);
            for (var a = 0; a < count; a++)
            {
                for (var b = a + 1; b < count && alive[a]; b++)
                {
                    if (!alive[b])
                    {
                        continue;
                    }

                    var s = similarity(a, b);
                    if ((s >= best.S && best.A < 0 || s > best.S) && (links is null || s >= FreeThreshold || links[a].Contains(b)))
                    {
                        best = (a, b, s);
                    }
                }
            }

            if (best.A < 0)
            {
                return alive;
            }

            merge(best.A, best.B);
            alive[best.B] = false;
            if (links is not null)
            {
                // Group B's links become group A's.
                foreach (var c in links[best.B])
                {
                    links[c].Remove(best.B);
                    if (c != best.A)
                    {
                        links[c].Add(best.A);
                        links[best.A].Add(c);
                    }
                }

                links[best.A].Remove(best.B);
                links[best.B].Clear();
            }
        }
    }

    /// <summary>Each story's linked stories: its k nearest and those that have it among theirs (mutual: both).</summary>
    private HashSet<int>[] Links(int count, Func<int, int, float> similarity)
    {
        var nearest = new int[count][];
        var row = new float[count];
        var order = new int[count];
        for (var a = 0; a < count; a++)
        {
            var m = 0;
            for (var b = 0; b < count; b++)
            {
                if (b == a)
                {
                    continue;
                }

                var s = a < b ? similarity(a, b) : similarity(b, a);
                if (s > 0)
                {
                    row[m] = s;
                    order[m] = b;
                    m++;
                }
            }

            // Best first, ties: the lower index (the order is ascending and the sort stable).
            nearest[a] = [.. order.Take(m).Select((b, i) => (B: b, S: row[i])).OrderByDescending(p => p.S).Take(Neighbours).Select(p => p.B)];
        }

        var links = new HashSet<int>[count];
        for (var a = 0; a < count; a++)
        {
            links[a] = [];
        }

        for (var a = 0; a < count; a++)
        {
            foreach (var b in nearest[a])
            {
                if (!Mutual || Array.IndexOf(nearest[b], a) >= 0)
                {
                    links[a].Add(b);
                    links[b].Add(a);
                }
            }
        }

        return links;
    }
}
