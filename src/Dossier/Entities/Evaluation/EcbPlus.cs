using System.Globalization;
using System.Xml.Linq;
using Dossier.Core;
using Dossier.Text;

namespace Dossier.Entities.Evaluation;

/// <summary>B-cubed scores of an entity coreference run.</summary>
public sealed record CorefScore(int Topics, int Documents, int GoldMentions, int Matched, double Precision, double Recall, double F1, double SameStringF1)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Topics} topics, {Documents} documents, {GoldMentions} gold named mentions ({Matched} found): B3 P {Precision:0.0000} R {Recall:0.0000} F1 {F1:0.0000}; same-string baseline over the gold mentions F1 {SameStringF1:0.0000}");
}

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
    public static CorefScore Score(string folder, int? maxTopics = null)
    {
        double p = 0, r = 0, bp = 0, br = 0;
        int mentions = 0, matched = 0, docs = 0, topics = 0;
        foreach (var topic in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).Take(maxTopics ?? int.MaxValue))
        {
            var gold = new List<(string Doc, int Start, int End, string Cluster)>();
            var surface = new List<string>();
            var layers = new List<(string Doc, EntityLayer Layer, int[] TokenStart, int[] TokenEnd)>();
            foreach (var file in Directory.EnumerateFiles(topic, "*.xml").Order(StringComparer.Ordinal))
            {
                var (text, starts, ends, goldMentions) = Read(file);
                var id = Path.GetFileNameWithoutExtension(file);
                var article = new Article { Id = id, SourcePath = file, Format = SourceFormat.Text, RawInput = text, SourceText = text, Text = text, Map = OffsetMap.Identity(text.Length) };
                var layer = new EntityStage().Annotate(article, NewsTextAnalyzer.Default.Analyze(text));
                layers.Add((id, layer, starts, ends));
                gold.AddRange(goldMentions.Select(g => (id, starts[g.First], ends[g.Last], g.Cluster)));
                surface.AddRange(goldMentions.Select(g => text[starts[g.First]..ends[g.Last]].ToLowerInvariant()));
                docs++;
            }

            topics++;
            var resolved = CorpusResolver.Default.Resolve(layers.Select(l => (l.Doc, l.Layer)));

            // Response cluster of each gold mention: the corpus entity of the Dossier mention found on it.
            var response = new string[gold.Count];
            for (var g = 0; g < gold.Count; g++)
            {
                var (doc, start, end, _) = gold[g];
                var layer = layers.First(l => l.Doc == doc).Layer;
                var hit = layer.Mentions.FirstOrDefault(m => m.End == end && m.Start < end && m.End > start && m.Cluster >= 0);
                int? entity = hit is null ? null : resolved.Of.TryGetValue((doc, hit.Cluster), out var e) ? e : -1;
                if (entity is >= 0)
                {
                    response[g] = "e" + entity.Value.ToString(CultureInfo.InvariantCulture);
                    matched++;
                }
                else
                {
                    response[g] = "single" + g.ToString(CultureInfo.InvariantCulture);
                }
            }

            for (var g = 0; g < gold.Count; g++)
            {
                var goldSet = Enumerable.Range(0, gold.Count).Where(x => gold[x].Cluster == gold[g].Cluster).ToHashSet();
                var respSet = Enumerable.Range(0, gold.Count).Where(x => response[x] == response[g]).ToHashSet();
                var both = goldSet.Intersect(respSet).Count();
                p += (double)both / respSet.Count;
                r += (double)both / goldSet.Count;
                var sameSet = Enumerable.Range(0, gold.Count).Where(x => surface[x] == surface[g]).ToHashSet();
                var bothSame = goldSet.Intersect(sameSet).Count();
                bp += (double)bothSame / sameSet.Count;
                br += (double)bothSame / goldSet.Count;
            }

            mentions += gold.Count;
        }

        var precision = mentions == 0 ? 0 : p / mentions;
        var recall = mentions == 0 ? 0 : r / mentions;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var basePrecision = mentions == 0 ? 0 : bp / mentions;
        var baseRecall = mentions == 0 ? 0 : br / mentions;
        var baseF1 = basePrecision + baseRecall == 0 ? 0 : 2 * basePrecision * baseRecall / (basePrecision + baseRecall);
        return new CorefScore(topics, docs, mentions, matched, precision, recall, f1, baseF1);
    }

    private static (string Text, int[] Starts, int[] Ends, List<(int First, int Last, string Cluster)> Gold) Read(string file)
    {
        var x = XDocument.Load(file);
        var tokens = x.Root!.Elements("token").ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var b = new System.Text.StringBuilder();
        var starts = new int[tokens.Count];
        var ends = new int[tokens.Count];
        var sentence = tokens.Count == 0 ? "" : (string?)tokens[0].Attribute("sentence") ?? "";
        for (var i = 0; i < tokens.Count; i++)
        {
            var s = (string?)tokens[i].Attribute("sentence") ?? "";
            if (i > 0)
            {
                b.Append(s != sentence ? '\n' : ' ');
            }

            sentence = s;
            starts[i] = b.Length;
            b.Append(tokens[i].Value);
            ends[i] = b.Length;
            index[(string)tokens[i].Attribute("t_id")!] = i;
        }

        var cluster = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rel in x.Root.Element("Relations")?.Elements("CROSS_DOC_COREF") ?? [])
        {
            foreach (var src in rel.Elements("source"))
            {
                cluster[(string)src.Attribute("m_id")!] = (string)rel.Attribute("note")!;
            }
        }

        var gold = new List<(int, int, string)>();
        foreach (var m in x.Root.Element("Markables")?.Elements() ?? [])
        {
            var kind = m.Name.LocalName;
            if (!(kind.StartsWith("HUMAN_PART", StringComparison.Ordinal) || kind.StartsWith("NON_HUMAN_PART", StringComparison.Ordinal) || kind.StartsWith("LOC", StringComparison.Ordinal)))
            {
                continue;
            }

            var anchors = m.Elements("token_anchor").Select(a => index.TryGetValue((string)a.Attribute("t_id")!, out var t) ? t : -1).Where(t => t >= 0).Order().ToList();
            if (anchors.Count == 0 || !anchors.All(t => tokens[t].Value.Length > 0 && char.IsUpper(tokens[t].Value[0])))
            {
                continue;
            }

            var id = (string)m.Attribute("m_id")!;
            gold.Add((anchors[0], anchors[^1], cluster.TryGetValue(id, out var c) ? c : file + "#" + id));
        }

        return (b.ToString(), starts, ends, gold);
    }
}
