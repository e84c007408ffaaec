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
/// One gold document: its text (tokens joined by spaces, sentences on their own lines), each token's character
/// span, and the gold mentions scored (first and last token, cross-document cluster).
/// </summary>
public sealed record GoldDocument(string Id, string Path, string Text, int[] Starts, int[] Ends, IReadOnlyList<(int First, int Last, string Cluster)> Gold);

/// <summary>
/// Cross-document entity coreference scoring shared by the ECB+ and MEANTIME readers: each topic's documents are
/// analysed as one store would hold them (tokeniser, NER, rules, in-article and cross-article resolution); a gold
/// mention is found when a Dossier mention ends on its last token (before a possessive "'s" kept in that token) and
/// overlaps it, and takes that mention's corpus
/// entity as its response cluster; unfound mentions are singletons. B-cubed over the gold mentions of all topics,
/// with a same-string baseline (lower-cased gold mention text) beside it.
/// </summary>
public static class CrossDocumentScorer
{
    /// <summary>Scores the topics; <paramref name="errors"/>, when given, gets one line per gold mention not found or not resolved to its gold cluster's majority entity.</summary>
    public static CorefScore Score(IEnumerable<IEnumerable<GoldDocument>> topics, TextWriter? errors = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        double p = 0, r = 0, bp = 0, br = 0;
        int mentions = 0, matched = 0, docs = 0, topicCount = 0;
        foreach (var topic in topics)
        {
            var gold = new List<(string Doc, int Start, int End, string Cluster)>();
            var surface = new List<string>();
            var layers = new List<(string Doc, EntityLayer Layer)>();
            foreach (var d in topic)
            {
                var article = new Article { Id = d.Id, SourcePath = d.Path, Format = SourceFormat.Text, RawInput = d.Text, SourceText = d.Text, Text = d.Text, Map = OffsetMap.Identity(d.Text.Length) };
                layers.Add((d.Id, new EntityStage().Annotate(article, NewsTextAnalyzer.Default.Analyze(d.Text))));
                gold.AddRange(d.Gold.Select(g => (d.Id, d.Starts[g.First], NameEnd(d.Text, d.Starts[g.First], d.Ends[g.Last]), g.Cluster)));
                surface.AddRange(d.Gold.Select(g => d.Text[d.Starts[g.First]..d.Ends[g.Last]].ToLowerInvariant()));
                docs++;
            }

            topicCount++;
            var resolved = CorpusResolver.Default.Resolve(layers);
            var byDoc = layers.ToDictionary(l => l.Doc, l => l.Layer, StringComparer.Ordinal);

            var response = new string[gold.Count];
            for (var g = 0; g < gold.Count; g++)
            {
                var (doc, start, end, _) = gold[g];
                var hit = byDoc[doc].Mentions.FirstOrDefault(m => m.End == end && m.Start < end && m.End > start && m.Cluster >= 0);
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

            var goldSets = Groups(gold.Select(g => g.Cluster).ToList());
            var responseSets = Groups(response);
            if (errors is not null)
            {
                foreach (var (cluster, members) in goldSets)
                {
                    var majority = members.GroupBy(m => response[m], StringComparer.Ordinal).MaxBy(g => g.Count())!.Key;
                    var names = string.Join(" | ", members.Select(m => surface[m]).Distinct(StringComparer.Ordinal).Take(6));
                    foreach (var m in members.Where(m => response[m] != majority || response[m].StartsWith("single", StringComparison.Ordinal)))
                    {
                        var other = responseSets[response[m]].Where(x => gold[x].Cluster != cluster).Select(x => surface[x]).Distinct(StringComparer.Ordinal).Take(4);
                        errors.WriteLine($"{(response[m].StartsWith("single", StringComparison.Ordinal) ? "UNFOUND" : "SPLIT")}\t{surface[m]}\t{gold[m].Doc}\tgold: {names}\twrongly with: {string.Join(" | ", other)}");
                    }
                }
            }

            var surfaceSets = Groups(surface);
            for (var g = 0; g < gold.Count; g++)
            {
                var goldSet = goldSets[gold[g].Cluster];
                var respSet = responseSets[response[g]];
                var both = goldSet.Count(respSet.Contains);
                p += (double)both / respSet.Count;
                r += (double)both / goldSet.Count;
                var sameSet = surfaceSets[surface[g]];
                var bothSame = goldSet.Count(sameSet.Contains);
                bp += (double)bothSame / sameSet.Count;
                br += (double)bothSame / goldSet.Count;
            }

            mentions += gold.Count;
        }

        var precision = mentions == 0 ? 0 : p / mentions;
        var recall = mentions == 0 ? 0 : r / mentions;
        var basePrecision = mentions == 0 ? 0 : bp / mentions;
        var baseRecall = mentions == 0 ? 0 : br / mentions;
        return new CorefScore(topicCount, docs, mentions, matched, precision, recall, F1(precision, recall), F1(basePrecision, baseRecall));
    }

    /// <summary>
    /// The <c>token</c> elements of an ECB+ or MEANTIME document (<c>t_id</c>, <c>sentence</c> attributes) as text:
    /// tokens joined by spaces, a new line at each sentence change; each token's span, its text, and its index by t_id.
    /// </summary>
    public static (string Text, int[] Starts, int[] Ends, string[] Tokens, Dictionary<string, int> Index) ReadTokens(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var tokens = root.Elements("token").ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var b = new System.Text.StringBuilder();
        var starts = new int[tokens.Count];
        var ends = new int[tokens.Count];
        var words = new string[tokens.Count];
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
            words[i] = tokens[i].Value;
            b.Append(words[i]);
            ends[i] = b.Length;
            index[(string)tokens[i].Attribute("t_id")!] = i;
        }

        return (b.ToString(), starts, ends, words, index);
    }

    /// <summary>Where a gold mention's name ends: before a possessive "'s" its corpus kept in the last token ("Nixon's").</summary>
    private static int NameEnd(string text, int start, int end) =>
        end - start > 2 && text[end - 1] is 's' or 'S' && text[end - 2] is '\'' or '\u2019' ? end - 2 : end;

    private static Dictionary<string, HashSet<int>> Groups(IReadOnlyList<string> keys)
    {
        var groups = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!groups.TryGetValue(keys[i], out var set))
            {
                groups[keys[i]] = set = [];
            }

            set.Add(i);
        }

        return groups;
    }

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
