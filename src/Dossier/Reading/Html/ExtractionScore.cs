namespace Dossier.Reading.Html;

/// <summary>
/// Token precision/recall/F1 of an extracted main text against the expected one, as article-extraction benchmarks
/// score it: both texts are split into lower-cased word tokens and compared as bags (multisets).
/// </summary>
public readonly record struct ExtractionScore(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static ExtractionScore Of(string extracted, string expected)
    {
        ArgumentNullException.ThrowIfNull(extracted);
        ArgumentNullException.ThrowIfNull(expected);
        var got = Bag(extracted);
        var want = Bag(expected);
        var common = got.Sum(kv => Math.Min(kv.Value, want.GetValueOrDefault(kv.Key)));
        var nGot = got.Values.Sum();
        var nWant = want.Values.Sum();
        return new ExtractionScore(nGot == 0 ? 0 : (double)common / nGot, nWant == 0 ? 0 : (double)common / nWant);
    }

    public static IReadOnlyList<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var word = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (word && start < 0)
            {
                start = i;
            }
            else if (!word && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return tokens;
    }

    private static Dictionary<string, int> Bag(string text)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in Tokens(text))
        {
            bag[t] = bag.GetValueOrDefault(t) + 1;
        }

        return bag;
    }
}
