using Dossier.Text;

namespace Dossier.Tests.Text;

public sealed class WordStringsTests
{
    [Fact]
    public void Should_give_the_same_strings_as_lower_casing_each_word_however_often_and_however_long()
    {
        // Given words in several cases, repeated, one longer than the cache keeps, one not ASCII
        string[] words = ["Kim", "KIM", "kim", "Kim", "Pyongyang", "ÉLYSÉE", "Élysée", new string('X', 60), "", "9-13/16"];

        foreach (var word in words)
        {
            // When each is asked for twice, from a larger text
            var text = "<" + word + ">";
            var span = text.AsSpan(1, word.Length);

            // Then the strings equal the word and its lower case
            WordStrings.Exact(span).ShouldBe(word);
            WordStrings.Exact(span).ShouldBe(word);
            WordStrings.Lower(span).ShouldBe(word.ToLowerInvariant());
            WordStrings.Lower(span).ShouldBe(word.ToLowerInvariant());
        }
    }
}
