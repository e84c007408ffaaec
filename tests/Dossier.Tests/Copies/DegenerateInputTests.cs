using Dossier.Copies;

namespace Dossier.Tests.Copies;

public sealed class DegenerateInputTests
{
    [Fact]
    public void Should_relate_nothing_to_an_empty_text()
    {
        // Given an empty text, a whitespace text and a real story, twice each
        var texts = new[] { "", "   \n\n  ", CopyTestData.Story(1, 12), "", "  ", CopyTestData.Story(1, 12) };
        var docs = texts.Select(t => CopyDoc.Of(t)).ToList();

        // When they are processed in order
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();

        // Then only the two stories are related, as exact copies
        docs[0].Profile.WordCount.ShouldBe(0);
        CopySignature.Of(docs[0].Profile).BandKeys.ShouldBeEmpty();
        found.Count.ShouldBe(1);
        (found[0].A, found[0].B, found[0].Match.Kind).ShouldBe((2, 5, CopyKind.Exact));
    }

    [Fact]
    public void Should_relate_one_word_articles_only_to_the_same_word()
    {
        // Given 600 one-word articles over 30 words
        var words = new[] { "Yes", "No", "Breaking", "Update", "Correction", "Kim", "Putin", "Seoul", "Moscow", "Ukraine" };
        var docs = Enumerable.Range(0, 600).Select(i => CopyDoc.Of(words[i % words.Length] + (i % 3 == 0 ? "." : ""))).ToList();

        // When they are processed in order
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();

        // Then each article after the first of its word is an exact copy of that first one, and nothing else
        found.Count.ShouldBe(600 - words.Length);
        found.ShouldAllBe(f => f.Match.Kind == CopyKind.Exact && f.A == f.B % words.Length);
    }

    [Fact]
    public void Should_handle_a_five_megabyte_article()
    {
        // Given a 5 MB article, an unrelated story, and a copy of the big article with one word changed
        var big = CopyTestData.Story(7, 40_000);
        while (big.Length < 5_000_000)
        {
            big += "\n\n" + CopyTestData.Story(big.Length, 2_000);
        }

        const string other = "The museum reopened its east wing on Saturday after a two-year renovation. Visitors queued for hours to see the restored ceiling paintings. The director thanked donors who paid for most of the work.";
        var docs = new[] { CopyDoc.Of(big), CopyDoc.Of(other), CopyDoc.Of(CopyTestData.Edited(big)) };

        // When they are processed in order
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();

        // Then the copy is a near copy of the big article and the small story is related to neither
        big.Length.ShouldBeGreaterThanOrEqualTo(5_000_000);
        found.Select(f => (f.A, f.B, f.Match.Kind)).ShouldBe([(0, 2, CopyKind.Near)]);
    }

    [Fact]
    public void Should_handle_a_five_megabyte_article_without_a_full_stop()
    {
        // Given a 5 MB article that is one sentence (no full stop anywhere), a copy of it with one word changed, and
        // a copy with a word changed in every thousand
        var words = CopyTestData.Story(11, 400).Replace(".", "", StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var sb = new System.Text.StringBuilder();
        for (var i = 0; sb.Length < 5_000_000; i++)
        {
            sb.Append(words[i % words.Length]).Append(i % 997 == 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "").Append(' ');
        }

        var big = sb.ToString();
        var noisy = string.Join(' ', big.Split(' ').Select((w, i) => i % 1000 == 7 ? "x" + w : w));
        var docs = new[] { CopyDoc.Of(big), CopyDoc.Of(CopyTestData.Edited(big)), CopyDoc.Of(noisy) };

        // When they are processed in order
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();

        // Then both copies are near copies of the article (and of each other), found without comparing every word with every word
        docs[0].Profile.Sentences.ShouldHaveSingleItem();
        found.Select(f => (f.A, f.B, f.Match.Kind)).Order().ShouldBe([(0, 1, CopyKind.Near), (0, 2, CopyKind.Near), (1, 2, CopyKind.Near)]);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Should_link_thousands_of_identical_articles_to_the_first_one()
    {
        // Given 5,000 identical articles after one different story
        var story = CopyTestData.Story(3, 15);
        var docs = new List<CopyDoc> { CopyDoc.Of(CopyTestData.Story(4, 15)) };
        docs.AddRange(Enumerable.Range(0, 5_000).Select(_ => CopyDoc.Of(story)));

        // When they are processed in order
        var detector = new CopyDetector(i => docs[i]);
        var found = docs.SelectMany(d => detector.Process(d).Copies).ToList();

        // Then there are 4,999 exact relations, each to the first copy: one group, one independent source
        found.Count.ShouldBe(4_999);
        found.ShouldAllBe(f => f.A == 1 && f.Match.Kind == CopyKind.Exact);
        var ids = Enumerable.Range(0, docs.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var relations = found.Select(f => new Dossier.Store.ArticleRelation(ids[f.A], ids[f.B], "exact", 1)).ToList();
        CopyGroups.IndependentSources(ids, relations).ShouldBe(2);
    }
}
