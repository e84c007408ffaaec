using Dossier.Core;

namespace Dossier.Tests.Copies;

/// <summary>Articles and texts for copy tests, deterministic.</summary>
internal static class CopyTestData
{
    private static readonly string[] Vocabulary =
    [
        "government", "minister", "market", "shares", "bank", "rate", "percent", "company", "talks", "agreement",
        "election", "president", "police", "court", "ruling", "storm", "flood", "rescue", "officials", "report",
        "oil", "prices", "exports", "imports", "factory", "workers", "union", "strike", "budget", "taxes",
    ];

    public static Article Article(string text, string? id = null, string? raw = null) => new()
    {
        Id = id ?? ContentHash.Of(raw ?? text),
        SourcePath = "test.txt",
        Format = SourceFormat.Text,
        RawInput = raw ?? text,
        SourceText = text,
        Text = text,
        Map = OffsetMap.Identity(text.Length),
        Versions = [new ArticleVersion(0, new TextSpan(0, text.Length), null)],
    };

    /// <summary>A story of <paramref name="sentences"/> random sentences from a small vocabulary (seeded).</summary>
    public static string Story(int seed, int sentences)
    {
        var r = new Random(seed);
        var parts = new List<string>(sentences);
        for (var s = 0; s < sentences; s++)
        {
            var n = 8 + r.Next(10);
            var words = Enumerable.Range(0, n).Select(_ => Vocabulary[r.Next(Vocabulary.Length)]).ToList();
            words.Insert(r.Next(n), r.Next(1000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var sentence = string.Join(' ', words);
            parts.Add(char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".");
        }

        return string.Join(' ', parts.Chunk(3).Select(c => string.Join(' ', c))).Replace(". ", ".\n\n", StringComparison.Ordinal);
    }

    /// <summary>The story with one word of one sentence changed ("percent" to "points": "pct" would be the same word).</summary>
    public static string Edited(string story)
    {
        var at = story.IndexOf(" percent ", StringComparison.Ordinal);
        return at >= 0 ? string.Concat(story.AsSpan(0, at), " points ", story.AsSpan(at + 9)) : story.Insert(story.IndexOf(' ', StringComparison.Ordinal), " reportedly");
    }
}
