using System.Text;
using Dossier.Core;

namespace Dossier.Tests.Cleaning;

/// <summary>Checks every span of an article against its text and its map back to the source text.</summary>
internal static class CleaningAssertions
{
    public static void ShouldHaveConsistentSpans(this Article a)
    {
        var all = a.Paragraphs.Concat(a.Captions).ToList();
        foreach (var s in all)
        {
            s.Start.ShouldBeGreaterThanOrEqualTo(0);
            s.End.ShouldBeLessThanOrEqualTo(a.Text.Length);
            s.IsEmpty.ShouldBeFalse();
            var clean = s.Slice(a.Text);
            clean.ShouldBe(clean.Trim(), "spans hold no outer whitespace");

            // The span maps back into SourceText onto the same text before normalisation.
            var src = a.Map.ToSource(s);
            src.Start.ShouldBeGreaterThanOrEqualTo(0);
            src.End.ShouldBeLessThanOrEqualTo(a.SourceText.Length);
            Squash(src.Slice(a.SourceText)).ShouldBe(Squash(clean), $"span {s} -> {src}");
        }

        foreach (var c in a.Captions)
        {
            a.Paragraphs.ShouldContain(c);
        }

        for (var i = 0; i < a.Versions.Count; i++)
        {
            // A version is whole paragraphs; its source range holds each of their source ranges.
            var v = a.Versions[i];
            v.Index.ShouldBe(i);
            v.Span.End.ShouldBeLessThanOrEqualTo(a.Text.Length);
            var inside = a.Paragraphs.Where(p => p.Start >= v.Span.Start && p.End <= v.Span.End).ToList();
            inside.ShouldNotBeEmpty();
            inside[0].Start.ShouldBe(v.Span.Start);
            inside[^1].End.ShouldBe(v.Span.End);
            var vs = a.Map.ToSource(v.Span);
            foreach (var p in inside)
            {
                var ps = a.Map.ToSource(p);
                (ps.Start >= vs.Start && ps.End <= vs.End).ShouldBeTrue($"paragraph {p} of version {i}");
            }
        }
    }

    private static readonly Dictionary<string, string> Decomposed =
        Dossier.Cleaning.CleaningRules.Default.Compose.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    private static string Decompose(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            sb.Append(Decomposed.TryGetValue(ch.ToString(), out var d) ? d : ch.ToString());
        }

        return sb.ToString();
    }

    /// <summary>Letters and digits only, quotes folded: what normalisation never changes.</summary>
    public static string Squash(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in Decompose(s))
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Replace("ﬁ", "fi", StringComparison.Ordinal);
    }
}
