using System.Text;
using Dossier.Entities.Ner;

namespace Dossier.Stories.Dense;

/// <summary>
/// The unlabelled news text <see cref="StoryVectorTrainer"/> learns from, none of it a stories evaluation set:
/// Reuters-21578 bodies, PolNeAR article texts, CoNLL-2003 documents (tokens joined again). Each reader returns
/// documents in a fixed order (files by ordinal name).
/// </summary>
public static class StoryTrainingTexts
{
    /// <summary>Article bodies of every <c>*.sgm</c> file in the folder.</summary>
    public static IEnumerable<string> Reuters(string folder) => UnlabelledStatistics.ReutersBodies(folder);

    /// <summary>Every <c>*.txt</c> under <c>*/text/</c> of the PolNeAR folder (train and dev).</summary>
    public static IEnumerable<string> PolNear(string folder) =>
        Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "text")).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.txt").Order(StringComparer.Ordinal))
            .Select(f => File.ReadAllText(f, Encoding.UTF8));

    /// <summary>
    /// Documents of a CoNLL-2003 file (a sentence a line, tokens joined by spaces). Split at <c>-DOCSTART-</c> lines
    /// when present, else at each dateline sentence ("BRUSSELS 1996-08-22"), which starts a new document together
    /// with the headline sentence before it.
    /// </summary>
    public static IEnumerable<string> Conll(string file)
    {
        var sentences = new List<string>();
        foreach (var sentence in Entities.Ner.Conll.Read(file))
        {
            if (sentence.DocumentStart)
            {
                sentences.Add("");
            }

            if (sentence.Words.Length <= 8 && IsDate(sentence.Words[^1]) && sentences.Count > 0 && sentences[^1].Length > 0)
            {
                var headline = sentences[^1];
                sentences[^1] = "";
                sentences.Add(headline);
            }

            sentences.Add(string.Join(' ', sentence.Words));
        }

        var doc = new StringBuilder();
        foreach (var s in sentences.Append(""))
        {
            if (s.Length == 0)
            {
                if (doc.Length > 0)
                {
                    yield return doc.ToString();
                    doc.Clear();
                }
            }
            else
            {
                doc.Append(s).Append('\n');
            }
        }
    }

    private static bool IsDate(string token) =>
        token.Length == 10 && token[4] == '-' && token[7] == '-' && token.Where((ch, i) => i is not (4 or 7)).All(char.IsAsciiDigit);
}
