using System.Globalization;
using Dossier.Core;

namespace Dossier.Corpora;

/// <summary>One attribution of the PolNeAR corpus: source, cue and content spans (each possibly discontinuous).</summary>
public sealed record PolNearAttribution(IReadOnlyList<TextSpan> Source, IReadOnlyList<TextSpan> Cue, IReadOnlyList<TextSpan> Content);

/// <summary>One annotated PolNeAR document: its text and attributions.</summary>
public sealed record PolNearDocument(string Name, string Annotator, string Text, IReadOnlyList<PolNearAttribution> Attributions);

/// <summary>
/// Reads a PolNeAR split (<c>text/NAME.txt</c> and brat standoff <c>attributions/NAME_ANNOTATOR.ann</c>). A text
/// annotated by several annotators is read once, with the first annotator in name order.
/// </summary>
public static class PolNearCorpus
{
    public static IReadOnlyList<PolNearDocument> Load(string splitDirectory)
    {
        var textDir = Path.Combine(splitDirectory, "text");
        var annDir = Path.Combine(splitDirectory, "attributions");
        if (!Directory.Exists(textDir) || !Directory.Exists(annDir))
        {
            throw new DossierException($"{splitDirectory}: not a PolNeAR split (expected text/ and attributions/ folders).");
        }

        var docs = new List<PolNearDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ann in Directory.EnumerateFiles(annDir, "*.ann").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(ann);
            var cut = stem.LastIndexOf('_');
            var name = cut > 0 ? stem[..cut] : stem;
            var annotator = cut > 0 ? stem[(cut + 1)..] : "";
            var textPath = Path.Combine(textDir, name + ".txt");
            if (!File.Exists(textPath) || !seen.Add(name))
            {
                continue;
            }

            var text = File.ReadAllText(textPath);
            docs.Add(new PolNearDocument(name, annotator, text, ParseAnn(File.ReadAllLines(ann))));
        }

        return docs;
    }

    /// <summary>Parses brat standoff lines into attributions (E lines linking Source, Cue and Content text-bound annotations).</summary>
    public static IReadOnlyList<PolNearAttribution> ParseAnn(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var spans = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        var events = new List<string>();
        foreach (var line in lines)
        {
            var cols = line.Split('\t');
            if (cols.Length < 2)
            {
                continue;
            }

            if (cols[0].StartsWith('T'))
            {
                var head = cols[1];
                var sp = head.IndexOf(' ', StringComparison.Ordinal);
                if (sp < 0)
                {
                    continue;
                }

                var list = new List<TextSpan>();
                foreach (var frag in head[(sp + 1)..].Split(';'))
                {
                    var p = frag.Trim().Split(' ');
                    if (p.Length == 2 && int.TryParse(p[0], CultureInfo.InvariantCulture, out var a) && int.TryParse(p[1], CultureInfo.InvariantCulture, out var b))
                    {
                        list.Add(new TextSpan(a, b));
                    }
                }

                spans[cols[0]] = list;
            }
            else if (cols[0].StartsWith('E'))
            {
                events.Add(cols[1]);
            }
        }

        var result = new List<PolNearAttribution>();
        foreach (var e in events)
        {
            List<TextSpan> source = [], cue = [], content = [];
            foreach (var arg in e.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = arg.Split(':');
                if (kv.Length != 2 || !spans.TryGetValue(kv[1], out var s))
                {
                    continue;
                }

                var role = kv[0].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
                switch (role)
                {
                    case "Source":
                        source.AddRange(s);
                        break;
                    case "Cue":
                        cue.AddRange(s);
                        break;
                    case "Content":
                        content.AddRange(s);
                        break;
                }
            }

            if (content.Count > 0)
            {
                result.Add(new PolNearAttribution(source, cue, content));
            }
        }

        return result;
    }
}
