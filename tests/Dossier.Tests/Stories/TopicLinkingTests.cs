using Dossier.Stories;

namespace Dossier.Tests.Stories;

public sealed class TopicLinkingTests
{
    // An invented story similarity matrix. Topic A (a0, a1) is sparse: its two stories are only 0.03 apart but each
    // is the other's nearest. Topic B (b0, b1, b2) is dense, b2 hangs on b1 (its nearest) and b1's nearest is b0.
    // Topic C (c0, c1) is dense and shares generic words with B: 0.03-0.06 across, yet no story of B or C has one of
    // the other topic as its nearest. d0 stands alone: its nearest story is a0, at 0.015.
    private static readonly string[] Names = ["a0", "a1", "b0", "b1", "b2", "c0", "c1", "d0"];

    private static readonly (string A, string B, float S)[] Pairs =
    [
        ("a0", "a1", 0.03f), ("a0", "d0", 0.015f), ("a1", "d0", 0.005f),
        ("b0", "b1", 0.30f), ("b1", "b2", 0.05f), ("b0", "b2", 0.01f),
        ("c0", "c1", 0.25f),
        ("b0", "c0", 0.06f), ("b1", "c1", 0.06f), ("b0", "c1", 0.04f), ("b1", "c0", 0.04f), ("b2", "c0", 0.03f), ("b2", "c1", 0.03f),
        ("a0", "b0", 0.005f), ("a1", "c1", 0.004f),
    ];

    [Fact]
    public void Should_join_a_sparse_topic_and_keep_unrelated_dense_topics_apart_when_groups_must_be_linked()
    {
        // Given the matrix, where the two dense topics are more similar to each other than the sparse topic's stories are
        // When the stories are agglomerated above a floor of 0.025, merging below 0.1 only groups linked by a nearest story
        var topics = Topics(new TopicLinking(0.025f, Neighbours: 1, FreeThreshold: 0.1f));

        // Then every topic is whole and apart, and the lonely story stays alone
        topics.ShouldBe("a0 a1 | b0 b1 b2 | c0 c1 | d0");
    }

    [Fact]
    public void Should_find_no_absolute_threshold_that_gives_the_topics_of_the_matrix()
    {
        // Given the matrix
        // When the stories are agglomerated at any single threshold, without links
        var found = Enumerable.Range(1, 100).Select(i => Topics(new TopicLinking(i * 0.001f))).ToList();

        // Then each threshold either merges the dense topics or splits the sparse one (which is why the rule exists)
        found.ShouldNotContain("a0 a1 | b0 b1 b2 | c0 c1 | d0");
        found[24].ShouldBe("a0 a1 | b0 b1 b2 c0 c1 | d0");
    }

    [Fact]
    public void Should_leave_a_chained_story_out_when_links_must_be_mutual()
    {
        // Given the matrix, where b2's nearest story is b1 but b1's nearest is b0
        // When only stories that are each other's nearest link groups
        var topics = Topics(new TopicLinking(0.025f, Neighbours: 1, FreeThreshold: 0.1f, Mutual: true));

        // Then b2 stays out of its topic (one-sided links keep it: see the first test)
        topics.ShouldBe("a0 a1 | b0 b1 | b2 | c0 c1 | d0");
    }

    [Fact]
    public void Should_merge_unlinked_groups_at_the_free_threshold()
    {
        // Given the matrix
        // When groups at or above 0.045 merge without a link
        var topics = Topics(new TopicLinking(0.025f, Neighbours: 1, FreeThreshold: 0.045f));

        // Then the dense topics (0.05 apart on average) merge as with the absolute threshold alone
        topics.ShouldBe("a0 a1 | b0 b1 b2 c0 c1 | d0");
    }

    /// <summary>Average linkage over the matrix (every story one article), groups shown in index order.</summary>
    private static string Topics(TopicLinking rule)
    {
        var n = Names.Length;
        var s = new float[n, n];
        foreach (var (a, b, v) in Pairs)
        {
            var (i, j) = (Array.IndexOf(Names, a), Array.IndexOf(Names, b));
            s[i, j] = s[j, i] = v;
        }

        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var alive = rule.Agglomerate(
            n,
            (a, b) => (float)members[a].SelectMany(i => members[b].Select(j => (double)s[i, j])).Average(),
            (a, b) => members[a].AddRange(members[b]));
        return string.Join(" | ", members.Where((_, i) => alive[i]).Select(m => string.Join(" ", m.Order().Select(i => Names[i]))));
    }
}
