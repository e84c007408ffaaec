using Dossier.Copies;

namespace Dossier.Tests.Copies;

/// <summary>Every entry of Copies/Data/variants.txt, spellings.txt and generic-names.txt, run as a test.</summary>
public sealed class CopyWordsTests
{
    private static ulong HashOf(string words) => CopyText.Analyze(words).Words.ShouldHaveSingleItem().Hash;

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var (form, kept) in CopyText.VariantList)
        {
            data.Add(form, kept);
        }

        return data;
    }

    public static TheoryData<string, string, int> Spellings()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (british, american, keep) in CopyText.SpellingList)
        {
            data.Add(british, american, keep);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Should_read_each_form_of_a_variant_as_the_word_kept(string form, string kept)
    {
        // Given a form of a word ("mln", "per cent") and the form kept ("million", "pct")
        // When both are read
        // Then they are one word
        HashOf(form).ShouldBe(HashOf(kept), $"{form} = {kept}");
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Should_read_a_british_ending_as_its_american_form(string british, string american, int keep)
    {
        // Given a word with the British ending and the same word with the American one
        var stem = "abcdef"[..keep];

        // When both are read
        // Then they are one word for comparisons, and two words for the exact hash (the words as written)
        HashOf(stem + british).ShouldBe(HashOf(stem + american));
        CopyProfile.Build(stem + british).ExactHash.ShouldNotBe(CopyProfile.Build(stem + american).ExactHash);
    }

    [Theory]
    [InlineData("four", "for")]
    [InlineData("hour", "hor")]
    [InlineData("rise", "rize")]
    [InlineData("company", "companies")]
    public void Should_keep_words_apart_that_no_rule_joins(string a, string b)
    {
        // Given two words that only look alike (a British ending needs letters before it)
        // When both are read
        // Then they stay two words
        HashOf(a).ShouldNotBe(HashOf(b));
    }

    [Fact]
    public void Should_read_initials_with_or_without_dots_as_one_word()
    {
        // Given "U.S.", "US" and "United States" in sentences
        var dotted = CopyText.Analyze("The U.S. Treasury said so.").Words;
        var plain = CopyText.Analyze("The US Treasury said so.").Words;
        var spelled = CopyText.Analyze("The United States Treasury said so.").Words;

        // When their words are compared
        // Then each is one word, the same word, and the dotted one still ends no sentence
        dotted.Select(w => w.Hash).ShouldBe(plain.Select(w => w.Hash));
        spelled.Select(w => w.Hash).ShouldBe(plain.Select(w => w.Hash));
        CopyText.Analyze("The U.S. Treasury said so.").Sentences.ShouldHaveSingleItem();
    }

    [Fact]
    public void Should_read_each_generic_name_as_one_generic_word()
    {
        // Given the words that name no one in particular
        // When each is read as a capitalised word inside a sentence
        // Then it is one word, known as generic; a specific name is not
        foreach (var name in CopyText.GenericNameList)
        {
            var word = CopyText.Analyze("Shares of " + char.ToUpperInvariant(name[0]) + name[1..] + " rose.").Words[2];
            CopyText.IsGenericName(word.Hash).ShouldBeTrue(name);
        }

        CopyText.IsGenericName(HashOf("Petrobras")).ShouldBeFalse();
    }
}
