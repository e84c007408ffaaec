namespace Dossier.Cli.Bench;

/// <summary>
/// One benchmark run by <c>dossier bench NAME</c>. Every class implementing this in the CLI assembly is
/// registered: adding a benchmark is adding a file. Figures go to docs/benchmarks.md with the exact command.
/// </summary>
public interface IBenchmark
{
    /// <summary>The name after <c>dossier bench</c> (ingest, copies, stories, ner, quotes, dates, analyze...).</summary>
    string Name { get; }

    string Description { get; }

    BenchResult Run(BenchContext context);
}

/// <summary>What a benchmark gets: the corpus path (default ../shared/data/reuters21578), a size, a scratch folder.</summary>
public sealed record BenchContext(string? Corpus, int? Size, string Scratch, Action<string> Log, IReadOnlyDictionary<string, string> Options);

/// <summary>A measured figure.</summary>
public sealed record BenchMetric(string Name, double Value, string Unit);

/// <summary>What a benchmark measured.</summary>
public sealed record BenchResult(string Benchmark, IReadOnlyList<BenchMetric> Metrics, IReadOnlyList<string> Notes);
