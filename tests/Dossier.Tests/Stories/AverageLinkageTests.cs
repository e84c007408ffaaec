using Dossier.Stories;

namespace Dossier.Tests.Stories;

public sealed class AverageLinkageTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Should_merge_the_same_groups_over_a_dense_matrix_as_over_the_sparse_graph(int seed)
    {
        // Given a random similarity graph of 40 nodes, some standing for several articles
        var random = new Random(seed);
        const int n = 40;
        var edges = new Dictionary<long, float>();
        var dense = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < 0.3)
                {
                    var s = (float)random.NextDouble();
                    edges[AverageLinkage.Key(i, j)] = s;
                    dense[(i * n) + j] = dense[(j * n) + i] = s;
                }
            }
        }

        var sizes = Enumerable.Range(0, n).Select(_ => random.Next(1, 4)).ToList();

        // When both implementations agglomerate at the same threshold
        var sparse = AverageLinkage.Agglomerate(n, edges, 0.2f, sizes);
        var fromDense = AverageLinkage.AgglomerateDense(n, dense, 0.2f, sizes);

        // Then they give the same groups, and some merged
        static string Show(List<List<int>> groups) => string.Join(" | ", groups.Select(g => string.Join(",", g)));
        Show(fromDense).ShouldBe(Show(sparse));
        sparse.Count.ShouldBeLessThan(n);
    }
}
