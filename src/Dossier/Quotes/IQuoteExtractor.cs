using Dossier.Entities;
using Dossier.Text;

namespace Dossier.Quotes;

/// <summary>Finds who said what in one article's cleaned text. Implementations are thread-safe.</summary>
public interface IQuoteExtractor
{
    /// <summary>
    /// Quotes and reported speech of <paramref name="text"/>, in text order. <paramref name="entities"/> (optional)
    /// resolves speaker mentions to entities; without it a capitalised-name fallback is used.
    /// <paramref name="textLayer"/> (optional) supplies the sentences.
    /// </summary>
    QuotesLayer Extract(string text, EntityLayer? entities = null, TextLayer? textLayer = null);
}
