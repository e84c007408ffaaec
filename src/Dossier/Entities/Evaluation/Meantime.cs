using System.Xml.Linq;

namespace Dossier.Entities.Evaluation;

/// <summary>
/// Scores cross-document entity coreference on MEANTIME English (folders <c>corpus_airbus</c>, <c>corpus_apple</c>,
/// <c>corpus_gm</c>, <c>corpus_stock</c> of NAF/CAT XML files): each corpus is one topic, its documents resolved
/// together. The gold mentions scored are the ENTITY_MENTIONs that are names: syntactic type NAM or PRE.NAM, or no
/// syntactic type, every word capitalised and not a lone pronoun; each is linked by REFERS_TO to an ENTITY whose <c>instance_id</c> is
/// its cross-document cluster (an ENTITY without one is a cluster of its own document). Scored by
/// <see cref="CrossDocumentScorer"/>.
/// </summary>
public static class Meantime
{
    /// <summary>Capitalised pronouns (sentence-initial "It", "We") left without a syntactic type in the annotation: not names.</summary>
    private static readonly HashSet<string> Pronouns = new(["I", "It", "We", "He", "She", "They", "You", "This", "That", "These", "Those", "Its", "Our", "Their", "His", "Her", "Us", "Them"], StringComparer.OrdinalIgnoreCase);

    public static CorefScore Score(string folder, int? maxTopics = null, TextWriter? errors = null) =>
        CrossDocumentScorer.Score(Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).Take(maxTopics ?? int.MaxValue)
            .Select(topic => Directory.EnumerateFiles(topic, "*.xml").Order(StringComparer.Ordinal).Select(Read)), errors);

    private static GoldDocument Read(string file)
    {
        var x = XDocument.Load(file);
        var (text, starts, ends, tokens, index) = CrossDocumentScorer.ReadTokens(x.Root!);
        var markables = x.Root!.Element("Markables");
        var entities = (markables?.Elements("ENTITY") ?? [])
            .ToDictionary(e => (string)e.Attribute("m_id")!, e => (string?)e.Attribute("instance_id") is { Length: > 0 } id ? id : file + "#" + (string)e.Attribute("m_id")!, StringComparer.Ordinal);
        var cluster = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rel in x.Root.Element("Relations")?.Elements("REFERS_TO") ?? [])
        {
            var target = (string?)rel.Element("target")?.Attribute("m_id");
            if (target is null || !entities.TryGetValue(target, out var instance))
            {
                continue;
            }

            foreach (var src in rel.Elements("source"))
            {
                cluster[(string)src.Attribute("m_id")!] = instance;
            }
        }

        var gold = new List<(int, int, string)>();
        foreach (var m in markables?.Elements("ENTITY_MENTION") ?? [])
        {
            if (!cluster.TryGetValue((string)m.Attribute("m_id")!, out var c))
            {
                continue;
            }

            var anchors = m.Elements("token_anchor").Select(a => index.TryGetValue((string)a.Attribute("t_id")!, out var t) ? t : -1).Where(t => t >= 0).Order().ToList();
            if (anchors.Count == 0)
            {
                continue;
            }

            var syntactic = (string?)m.Attribute("syntactic_type") ?? "";
            var name = syntactic is "NAM" or "PRE.NAM"
                || (syntactic.Length == 0 && anchors.All(t => tokens[t].Length > 0 && char.IsUpper(tokens[t][0])) && !(anchors.Count == 1 && Pronouns.Contains(tokens[anchors[0]])));
            if (name)
            {
                gold.Add((anchors[0], anchors[^1], c));
            }
        }

        return new GoldDocument(System.IO.Path.GetFileNameWithoutExtension(file), file, text, starts, ends, gold);
    }
}
