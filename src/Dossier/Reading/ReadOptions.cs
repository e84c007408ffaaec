namespace Dossier.Reading;

/// <summary>How inputs are read. Change with <c>with</c>: <c>ReadOptions.Default with { MaxBytes = 1 &lt;&lt; 20 }</c>.</summary>
public sealed record ReadOptions
{
    public static ReadOptions Default { get; } = new();

    /// <summary>Inputs larger than this are rejected (default 32 MiB; <c>--max-size</c>).</summary>
    public long MaxBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>File extensions skipped silently when walking folders (not when named directly).</summary>
    public IReadOnlySet<string> IgnoredExtensions { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".md5", ".gz", ".zip", ".db", ".db-wal", ".db-shm", ".DS_Store" };
}
