using Dossier.Core;

namespace Dossier.Reading;

/// <summary>
/// Plain text articles: the whole file is one article. An optional first-line header <c>date YYYY-MM-DD</c>
/// gives the publication date; it is left in <see cref="RawDocument.SourceText"/> and removed by cleaning.
/// </summary>
public sealed class PlainTextReader : IArticleReader
{
    public string Name => "text";

    public bool CanRead(string path, string head) => true;

    public IEnumerable<ReadResult> Read(InputText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        yield return ReadResult.Ok(new RawDocument
        {
            SourcePath = input.Path,
            Format = SourceFormat.Text,
            RawInput = input.Text,
            SourceText = input.Text,
        });
    }
}
