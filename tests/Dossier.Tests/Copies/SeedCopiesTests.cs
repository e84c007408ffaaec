using Dossier.Copies;
using Dossier.Tests.Support;
using Xunit.Abstractions;

namespace Dossier.Tests.Copies;

public sealed class SeedCopiesTests(ITestOutputHelper output)
{
    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Repo.Seeds, prefix + "_*.txt").Single());

    [SharedFact("seeds")]
    public void Should_relate_the_rewrite_to_the_wire_story_and_not_the_other_outlet()
    {
        // Given the three seed articles, in file order
        var docs = new[] { "000", "001", "004" }.Select(s => CopyDoc.Of(Seed(s))).ToList();

        // When each is compared with the earlier ones
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();
        foreach (var pair in new[] { (0, 1), (0, 2), (1, 2) })
        {
            var m = CopyComparer.Default.Compare(docs[pair.Item1].Profile, docs[pair.Item2].Profile);
            var e = SentenceAligner.Align(docs[pair.Item1].Profile, docs[pair.Item2].Profile);
            output.WriteLine($"{pair}: {m?.Kind} {m?.Score} cov {e.CoverageA:0.00}/{e.CoverageB:0.00} matched {e.MatchedCount} of {docs[pair.Item1].Profile.Sentences.Length}/{docs[pair.Item2].Profile.Sentences.Length}");
        }

        var al = SentenceAligner.Align(docs[0].Profile, docs[1].Profile, AlignOptions.Default with { MinReworded = 0.3, MinSharedTerms = 2 });
        foreach (var m in al.Matches.Where(m => m.A >= 0))
        {
            output.WriteLine($"{m.Status} {m.Score:0.00} | {docs[0].Profile.Sentences[m.A].Span.Slice(docs[0].Profile.Text)} || {(m.B >= 0 ? docs[1].Profile.Sentences[m.B].Span.Slice(docs[1].Profile.Text) : "")}");
        }

        // Then 000 and 001 are related as a rewrite or a version, and 004 is related to neither
        found.ShouldContain(c => c.A == 0 && c.B == 1 && (c.Match.Kind == CopyKind.Rewrite || c.Match.Kind == CopyKind.Version));
        found.ShouldNotContain(c => c.A == 2 || c.B == 2);
    }
}
