namespace Dossier.Reading;

/// <summary>Reads one input format. Readers are stateless and thread-safe.</summary>
public interface IArticleReader
{
    /// <summary>Short name: text, html, feed, jsonl, reuters.</summary>
    string Name { get; }

    /// <summary>Whether this reader takes the input, judged by its name and its first characters.</summary>
    bool CanRead(string path, string head);

    /// <summary>Reads every article of an input already decoded as UTF-8 text.</summary>
    IEnumerable<ReadResult> Read(InputText input);
}

/// <summary>An input decoded to text: its path (or "-" for standard input) and contents.</summary>
public sealed record InputText(string Path, string Text);
