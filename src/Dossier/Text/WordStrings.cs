namespace Dossier.Text;

/// <summary>
/// Word strings without allocating one per occurrence: each thread keeps the strings it has made for the words it has
/// seen, looked up by the word as written (news reuses its words). Thread-safe; <see cref="Exact"/> equals
/// <c>word.ToString()</c> and <see cref="Lower"/> equals <c>word.ToString().ToLowerInvariant()</c>.
/// </summary>
public static class WordStrings
{
    private const int MaxCached = 200_000;

    /// <summary>Longer words are not cached.</summary>
    private const int MaxCachedLength = 48;

    [ThreadStatic]
    private static Cache? _cache;

    /// <summary>The word as a string.</summary>
    public static string Exact(ReadOnlySpan<char> word) => word.Length > MaxCachedLength ? word.ToString() : (_cache ??= new()).Get(word).Exact;

    /// <summary>The word lower-cased (invariant culture).</summary>
    public static string Lower(ReadOnlySpan<char> word) =>
        word.Length > MaxCachedLength ? word.ToString().ToLowerInvariant() : (_cache ??= new()).Get(word).Lower;

    /// <summary>The token's text lower-cased.</summary>
    public static string Lower(string text, Token token)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Lower(text.AsSpan(token.Start, token.Length));
    }

    private sealed class Cache
    {
        private readonly Dictionary<string, (string Exact, string Lower)> _words = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Exact, string Lower)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public Cache()
        {
            _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public (string Exact, string Lower) Get(ReadOnlySpan<char> word)
        {
            if (_lookup.TryGetValue(word, out var known))
            {
                return known;
            }

            if (_words.Count >= MaxCached)
            {
                _words.Clear();
            }

            var exact = word.ToString();
            var entry = (exact, exact.ToLowerInvariant());
            _words[exact] = entry;
            return entry;
        }
    }
}
