using System.Net;
using System.Text.RegularExpressions;

namespace Dossier.Cli.Bench;

/// <summary>One Reuters-21578 story: NEWID, title and body text.</summary>
internal sealed record ReutersStory(int NewId, string Title, string Body);

/// <summary>
/// The seam to Reuters-21578 bodies for the copies benchmark. A minimal SGML reader (NEWID, TITLE, BODY) until
/// the product's Reuters reader is on main; then <see cref="Read"/> switches to it.
/// </summary>
internal static partial class ReutersCorpus
{
    public static Func<string, IReadOnlyList<ReutersStory>> Read { get; set; } = ReadMinimal;

    private static IReadOnlyList<ReutersStory> ReadMinimal(string folder)
    {
        var list = new List<ReutersStory>();
        foreach (var file in Directory.GetFiles(folder, "reut2-*.sgm").Order(StringComparer.Ordinal))
        {
            var sgml = File.ReadAllText(file, System.Text.Encoding.Latin1);
            foreach (Match m in Story().Matches(sgml))
            {
                var body = BodyOf().Match(m.Value);
                if (!body.Success)
                {
                    continue;
                }

                var title = TitleOf().Match(m.Value);
                var text = Unescape(body.Groups[1].Value);
                text = Trailer().Replace(text, "").TrimEnd();
                if (text.Length == 0)
                {
                    continue;
                }

                list.Add(new ReutersStory(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    title.Success ? Unescape(title.Groups[1].Value).Trim() : "", text));
            }
        }

        return list;
    }

    private static string Unescape(string s) => WebUtility.HtmlDecode(s).Replace("\u0003", "", StringComparison.Ordinal).Replace("\u0002", "", StringComparison.Ordinal);

    [GeneratedRegex(@"<REUTERS[^>]*NEWID=""(\d+)""[^>]*>.*?</REUTERS>", RegexOptions.Singleline)]
    private static partial Regex Story();

    [GeneratedRegex(@"<BODY>(.*?)</BODY>", RegexOptions.Singleline)]
    private static partial Regex BodyOf();

    [GeneratedRegex(@"<TITLE>(.*?)</TITLE>", RegexOptions.Singleline)]
    private static partial Regex TitleOf();

    [GeneratedRegex(@"\s*Reuter\s*$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Trailer();
}
