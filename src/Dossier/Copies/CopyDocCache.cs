namespace Dossier.Copies;

/// <summary>
/// Recently used copy documents by ordinal, least recently used dropped first, bounded by their total words. The
/// same earlier texts come up as candidates again and again (template stories, a story and its copies), and
/// rebuilding a profile from the stored text costs a tokenisation. Not thread-safe.
/// </summary>
internal sealed class CopyDocCache(long maxWords)
{
    private readonly Dictionary<int, LinkedListNode<(int Ordinal, CopyDoc Doc, long Words)>> _map = [];
    private readonly LinkedList<(int Ordinal, CopyDoc Doc, long Words)> _order = new();

    /// <summary>Words held.</summary>
    public long Words { get; private set; }

    public int Count => _map.Count;

    public CopyDoc? Get(int ordinal)
    {
        if (!_map.TryGetValue(ordinal, out var node))
        {
            return null;
        }

        _order.Remove(node);
        _order.AddFirst(node);
        return node.Value.Doc;
    }

    public void Put(int ordinal, CopyDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var words = 1L + doc.Profile.WordCount + doc.EarlierVersions.Sum(v => (long)v.WordCount);
        if (words > maxWords / 4)
        {
            // A huge text would push out everything else: it is rebuilt when needed.
            return;
        }

        if (_map.Remove(ordinal, out var old))
        {
            _order.Remove(old);
            Words -= old.Value.Words;
        }

        _map[ordinal] = _order.AddFirst((ordinal, doc, words));
        Words += words;
        while (Words > maxWords && _order.Last is { } last)
        {
            _order.RemoveLast();
            _map.Remove(last.Value.Ordinal);
            Words -= last.Value.Words;
        }
    }

    public void Clear()
    {
        _map.Clear();
        _order.Clear();
        Words = 0;
    }
}
