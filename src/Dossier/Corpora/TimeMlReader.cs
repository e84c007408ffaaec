using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dossier.Time;

namespace Dossier.Corpora;

/// <summary>A gold TIMEX3 annotation: a span into <see cref="TimeMlDocument.Text"/>.</summary>
public sealed record TimeMlTimex(int Start, int End, TimexType Type, string Value, string Text);

/// <summary>A TimeML document: its text (tags removed), its creation time and its gold time expressions.</summary>
public sealed record TimeMlDocument(string Path, string Text, DateOnly? CreationTime, IReadOnlyList<TimeMlTimex> Timexes);

/// <summary>
/// Reads TimeML files (TimeBank, AQUAINT, TempEval-3; MEANTIME's token XML is read by <see cref="MeantimeReader"/>). The text is the content of the TEXT element with tags removed and entities decoded; the document
/// creation time is the TIMEX3 with <c>functionInDocument="CREATION_TIME"</c>.
/// </summary>
public static partial class TimeMlReader
{
    public static TimeMlDocument ReadFile(string path) => Parse(path, File.ReadAllText(path));

    /// <summary>Reads a TimeML file, or a MEANTIME file (<see cref="MeantimeReader"/>) when that is what it holds.</summary>
    public static TimeMlDocument ReadAnyFile(string path)
    {
        var xml = File.ReadAllText(path);
        return MeantimeReader.IsMeantime(xml) ? MeantimeReader.Parse(path, xml) : Parse(path, xml);
    }

    public static TimeMlDocument Parse(string path, string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        DateOnly? dct = null;
        foreach (Match t in TimexOpen().Matches(xml))
        {
            var attrs = t.Groups["a"].Value;
            if (Attr(attrs, "functionInDocument") == "CREATION_TIME")
            {
                var v = Attr(attrs, "value");
                if (v is not null && v.Length >= 10 && DateOnly.TryParseExact(v[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    dct = d;
                }

                break;
            }
        }

        var ts = xml.IndexOf("<TEXT>", StringComparison.Ordinal);
        var te = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
        var body = ts >= 0 && te > ts ? xml[(ts + 6)..te] : xml;
        var sb = new StringBuilder(body.Length);
        var timexes = new List<TimeMlTimex>();
        (int Start, string Attrs)? open = null;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '<')
            {
                var close = body.IndexOf('>', i);
                if (close < 0)
                {
                    break;
                }

                var tag = body[(i + 1)..close];
                if (tag.StartsWith("TIMEX3", StringComparison.Ordinal))
                {
                    open = (sb.Length, tag);
                }
                else if (tag == "/TIMEX3" && open is not null)
                {
                    var a = open.Value.Attrs;
                    var type = Enum.TryParse<TimexType>(Attr(a, "type") ?? "DATE", ignoreCase: true, out var ty) ? ty : TimexType.Date;
                    timexes.Add(new TimeMlTimex(open.Value.Start, sb.Length, type, Attr(a, "value") ?? "", sb.ToString(open.Value.Start, sb.Length - open.Value.Start)));
                    open = null;
                }

                i = close + 1;
                continue;
            }

            if (c == '&')
            {
                var semi = body.IndexOf(';', i);
                if (semi > i && semi - i <= 8)
                {
                    sb.Append(WebUtility.HtmlDecode(body[i..(semi + 1)]));
                    i = semi + 1;
                    continue;
                }
            }

            sb.Append(c);
            i++;
        }

        return new TimeMlDocument(path, sb.ToString(), dct, timexes);
    }

    private static string? Attr(string attrs, string name)
    {
        var k = attrs.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (k < 0)
        {
            return null;
        }

        var s = k + name.Length + 2;
        var e = attrs.IndexOf('"', s);
        return e < 0 ? null : attrs[s..e];
    }

    [GeneratedRegex(@"<TIMEX3(?<a>[^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex TimexOpen();
}
