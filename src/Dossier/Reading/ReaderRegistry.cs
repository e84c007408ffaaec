namespace Dossier.Reading;

/// <summary>Picks the reader for an input: by extension first, then by sniffing its first characters.</summary>
public sealed class ReaderRegistry
{
    private readonly IReadOnlyList<IArticleReader> _readers;

    public ReaderRegistry(IReadOnlyList<IArticleReader> readers)
    {
        _readers = readers;
    }

    /// <summary>Every built-in reader; plain text last, as the fallback.</summary>
    public static ReaderRegistry Default { get; } = new([new ReutersReader(), new FeedReader(), new Html.HtmlReader(), new JsonLinesReader(), new PlainTextReader()]);

    public IReadOnlyList<IArticleReader> Readers => _readers;

    public IArticleReader Pick(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.Length > 4096 ? text[..4096] : text;
        foreach (var r in _readers)
        {
            if (r.CanRead(path, head))
            {
                return r;
            }
        }

        return _readers[^1];
    }

    /// <summary>Reads one loaded input with the reader that fits it.</summary>
    public IEnumerable<ReadResult> Read(InputText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Pick(input.Path, input.Text).Read(input);
    }
}
