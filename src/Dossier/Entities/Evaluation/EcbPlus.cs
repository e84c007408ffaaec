using System.Xml.Linq;

namespace Dossier.Entities.Evaluation;

/// <summary>
/// Scores cross-document entity coreference on ECB+ (folders of <c>N_Mecb.xml</c> / <c>N_Mecbplus.xml</c>):
/// each document's tokens become an article (sentences on their own lines); Dossier finds and resolves entities
/// per topic (all documents of one folder, as one store would hold them); the gold mentions scored are the
/// participant and location mentions (HUMAN_PART_*, NON_HUMAN_PART*, LOC_*) that are names (every word
/// capitalised), with gold clusters from CROSS_DOC_COREF. A gold mention is found when a Dossier mention ends
/// on its last token and overlaps it; unfound mentions count as singletons. B-cubed over the gold mentions.
/// </summary>
public static class EcbPlus
{
    public static CorefScore Score(string folder, int? maxTopics = null, TextWriter? errors = null) =>
        CrossDocumentScorer.Score(Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).Take(maxTopics ?? int.MaxValue)
            .Select(topic => Directory.EnumerateFiles(topic, "*.xml").Order(StringComparer.Ordinal).Select(Read)), errors);

    private static GoldDocument Read(string file)
    {
        var root = XDocument.Load(file).Root!;
        var (text, starts, ends, tokens, index) = CrossDocumentScorer.ReadTokens(root);
        var cluster = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rel in root.Element("Relations")?.Elements("CROSS_DOC_COREF") ?? [])
        {
            foreach (var src in rel.Elements("source"))
            {
                cluster[(string)src.Attribute("m_id")!] = (string)rel.Attribute("note")!;
            }
        }

        var gold = new List<(int, int, string)>();
        foreach (var m in root.Element("Markables")?.Elements() ?? [])
        {
            var kind = m.Name.LocalName;
            if (!(kind.StartsWith("HUMAN_PART", StringComparison.Ordinal) || kind.StartsWith("NON_HUMAN_PART", StringComparison.Ordinal) || kind.StartsWith("LOC", StringComparison.Ordinal)))
            {
                continue;
            }

            var anchors = m.Elements("token_anchor").Select(a => index.TryGetValue((string)a.Attribute("t_id")!, out var t) ? t : -1).Where(t => t >= 0).Order().ToList();
            if (anchors.Count == 0 || !anchors.All(t => tokens[t].Length > 0 && char.IsUpper(tokens[t][0])))
            {
                continue;
            }

            var id = (string)m.Attribute("m_id")!;
            gold.Add((anchors[0], anchors[^1], cluster.TryGetValue(id, out var c) ? c : file + "#" + id));
        }

        return new GoldDocument(Path.GetFileNameWithoutExtension(file), file, text, starts, ends, gold);
    }
}
