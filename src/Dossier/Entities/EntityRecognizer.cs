using System.Buffers;
using System.Collections.Frozen;
using Dossier.Entities.Ner;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>A recognised name: token range, character span, type, and a role stated before it.</summary>
public sealed record NameSpan(int Sentence, int FirstToken, int EndToken, int Start, int End, EntityType Type, string? Role);

/// <summary>
/// Finds names in an analysed text: the statistical tagger per sentence, then rules on top: titles before a
/// person's name become its role ("Marshal Ri Pyong Chol"), Korean names are completed over their given-name
/// syllables, runs of capitalised words ending in an organisation word become organisations ("Korean Central
/// News Agency", "Pacific Fleet"), and roles stated before a person are recorded ("Kremlin spokesman").
/// </summary>
public sealed class EntityRecognizer
{
    private readonly NerModel _model;
    private readonly EntityLexicon _lexicon;

    public EntityRecognizer(NerModel? model = null, EntityLexicon? lexicon = null)
    {
        _model = model ?? NerModel.Default;
        _lexicon = lexicon ?? EntityLexicon.Default;
    }

    public static EntityRecognizer Default => DefaultInstance.Value;

    private static readonly Lazy<EntityRecognizer> DefaultInstance = new(() => new EntityRecognizer());

    /// <summary>The words the tagger sees for a token (typographic quotes and dashes folded to ASCII as in CoNLL).</summary>
    public static string Word(string text, Token t)
    {
        var s = t.Of(text);
        if (s.Length == 1)
        {
            return s[0] switch
            {
                '\u201C' or '\u201D' or '\u201E' => "\"",
                '\u2018' or '\u2019' => "'",
                '\u2014' or '\u2013' => "--",
                _ => WordStrings.Exact(s),
            };
        }

        if (s.Length == 2 && s[0] == '\u2019')
        {
            return "'" + s[1];
        }

        return WordStrings.Exact(s);
    }

    public List<NameSpan> Recognize(string text, TextLayer layer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(layer);
        var sentences = new string[layer.Sentences.Count][];
        for (var s = 0; s < sentences.Length; s++)
        {
            var sent = layer.Sentences[s];
            var words = new string[sent.TokenCount];
            for (var k = 0; k < words.Length; k++)
            {
                words[k] = Word(text, layer.Tokens[sent.FirstToken + k]);
            }

            sentences[s] = words;
        }

        // The document's word sets and the sentence's spans are the thread's, emptied for each article and sentence.
        var doc = (t_document ??= new NerDocument()).Refill(sentences);

        var spans = t_spans ??= [];
        var result = new List<NameSpan>();
        for (var s = 0; s < sentences.Length; s++)
        {
            var words = sentences[s];
            spans.Clear();
            foreach (var (a, b, type) in NerTags.Spans(Tag(words, doc)))
            {
                spans.Add((a, b, NerTags.ToEntityType(type), null));
            }

            ApplyRules(words, spans);
            SortByStart(spans);
            var first = layer.Sentences[s].FirstToken;
            foreach (var (a, b, type, role) in spans)
            {
                var stated = role ?? (type == EntityType.Person ? RoleBefore(text, layer, words, first, a, spans) : null);
                result.Add(new NameSpan(s, first + a, first + b, layer.Tokens[first + a].Start, layer.Tokens[first + b - 1].End, type, stated));
            }
        }

        return result;
    }

    [ThreadStatic]
    private static NerDocument? t_document;

    [ThreadStatic]
    private static List<(int Start, int End, EntityType Type, string? Role)>? t_spans;

    /// <summary>Sorts the spans by start, keeping the order of equal starts (as <c>OrderBy</c> does).</summary>
    private static void SortByStart(List<(int Start, int End, EntityType Type, string? Role)> spans)
    {
        for (var i = 1; i < spans.Count; i++)
        {
            var x = spans[i];
            var j = i - 1;
            while (j >= 0 && spans[j].Start > x.Start)
            {
                spans[j + 1] = spans[j];
                j--;
            }

            spans[j + 1] = x;
        }
    }

    /// <summary>Tags a sentence; very long "sentences" (unpunctuated text) are tagged in chunks to bound memory.</summary>
    private byte[] Tag(string[] words, NerDocument doc)
    {
        const int Chunk = 400;
        if (words.Length <= Chunk)
        {
            return _model.Predict(words, doc);
        }

        var tags = new byte[words.Length];
        for (var at = 0; at < words.Length; at += Chunk)
        {
            var part = words[at..Math.Min(words.Length, at + Chunk)];
            _model.Predict(part, doc).CopyTo(tags, at);
        }

        return tags;
    }

    private void ApplyRules(string[] words, List<(int Start, int End, EntityType Type, string? Role)> spans)
    {
        // Titles at the front of a person span become its role.
        for (var k = 0; k < spans.Count; k++)
        {
            var (a, b, type, _) = spans[k];
            if (type == EntityType.Person && b - a > 1 && _lexicon.PersonTitles.Contains(words[a]))
            {
                spans[k] = (a + 1, b, type, _lexicon.Honorifics.Contains(words[a]) ? null : words[a]);
            }
            else if (type != EntityType.Person && b - a is 3 or 4 && _lexicon.PersonTitles.Contains(words[a]) && !_lexicon.OrgTitleWords.Contains(words[a])
                && !_lexicon.OrgSuffixes.Contains(words[b - 1]) && !_lexicon.CompanySuffixes.Contains(words[b - 1].TrimEnd('.').ToLowerInvariant()))
            {
                // A title and a two- or three-word name the tagger read as one organisation: "CEO Steve Jobs".
                spans[k] = (a + 1, b, EntityType.Person, words[a]);
            }
        }

        // Korean names: complete "Kim" over following given-name syllables.
        for (var k = 0; k < spans.Count; k++)
        {
            var (a, b, type, role) = spans[k];
            if (!_lexicon.KoreanSurnames.Contains(words[a]) || type is EntityType.Organization or EntityType.Misc)
            {
                continue;
            }

            var end = a + 1;
            while (end < words.Length && end - a <= 2 && IsGivenNamePart(words[end]) && !(end - a == 2 && words[end - 1].Contains('-', StringComparison.Ordinal)))
            {
                end++;
            }

            if (end > b && end - a >= 2 && !spans.Any(o => o.Start >= b && o.Start < end && o.Type == EntityType.Person && o.Start != a))
            {
                spans.RemoveAll(o => o.Start > a && o.Start < end);
                k = spans.FindIndex(o => o.Start == a);
                spans[k] = (a, end, EntityType.Person, role);
            }
        }

        // Korean names whose surname the tagger left out: "Jo [Chun Yong]".
        for (var k = 0; k < spans.Count; k++)
        {
            var (a, b, type, role) = spans[k];
            if (type == EntityType.Person && a > 0 && b - a <= 2 && _lexicon.KoreanSurnames.Contains(words[a - 1])
                && !spans.Any(o => o.Start <= a - 1 && a - 1 < o.End) && Enumerable.Range(a, b - a).All(i => IsGivenNamePart(words[i])))
            {
                spans[k] = (a - 1, b, type, role);
            }
        }

        // Words with a capital inside that the tagger left out are names: "SeaMicro", "YouTube" (organisations),
        // "iPhone", "eBay" (products and services: other). Not "McCain", "DeSantis", "LaGuardia" (the tagger's).
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (w.Length < 4 || !char.IsAsciiLetter(w[0]) || !w.AsSpan(1).ContainsAnyInRange('A', 'Z') || w.AsSpan().ContainsAnyExcept(AsciiLetters))
            {
                continue;
            }

            var inner = w.AsSpan(1).ContainsAnyInRange('a', 'z');
            if (!inner || spans.Any(o => o.Start <= i && i < o.End) || w.StartsWith("Mc", StringComparison.Ordinal) || w.StartsWith("Mac", StringComparison.Ordinal) || (char.IsAsciiLetterUpper(w[0]) && char.IsAsciiLetterUpper(w[2]) && !char.IsAsciiLetterUpper(w[1])))
            {
                continue;
            }

            spans.Add((i, i + 1, char.IsAsciiLetterUpper(w[0]) ? EntityType.Organization : EntityType.Misc, null));
        }

        // Organisations by their last word.
        for (var i = 1; i < words.Length; i++)
        {
            if (!_lexicon.OrgSuffixes.Contains(words[i]))
            {
                continue;
            }

            var inside = spans.FindIndex(o => o.Start <= i && i < o.End);
            if (inside >= 0 && spans[inside].Type == EntityType.Organization)
            {
                continue;
            }

            var start = i;
            while (start > 0 && IsNamePart(words[start - 1]) && !spans.Any(o => o.Type == EntityType.Person && o.Start <= start - 1 && start - 1 < o.End && o.End <= i))
            {
                start--;
            }

            if (start == i)
            {
                continue;
            }

            spans.RemoveAll(o => o.Start < i + 1 && start < o.End);
            spans.Add((start, i + 1, EntityType.Organization, null));
        }

        // An organisation named by its last word continues over "for"/"of" and capitalised words: "Asan Institute for
        // Policy Studies", "Ministry of Foreign Affairs" (the tagger often cuts them in two). Not over a person, a
        // title, a day or month ("the Institute for Policy Studies Monday") or a model number ("the U.S. Army for M1 Abrams").
        for (var k = 0; k < spans.Count; k++)
        {
            var (a, b, type, role) = spans[k];
            if (type != EntityType.Organization || b + 1 >= words.Length || words[b] is not ("for" or "of") || !_lexicon.OrgSuffixes.Contains(words[b - 1])
                || _lexicon.CompanySuffixes.Contains(words[b - 1].TrimEnd('.').ToLowerInvariant()))
            {
                // "Nabisco Inc. of Winston-Salem": the place after a legal form is where the company is.
                continue;
            }

            var end = b + 1;
            while (end < words.Length && IsNamePart(words[end]) && !words[end].Any(char.IsDigit) && !_lexicon.PersonTitles.Contains(words[end]) && !CalendarWords.Contains(words[end])
                && !_lexicon.Roles.Contains(words[end].ToLowerInvariant()) && !(end + 1 < words.Length && _lexicon.Roles.Contains(words[end].ToLowerInvariant() + " " + words[end + 1].ToLowerInvariant()))
                && !spans.Any(o => o.Type == EntityType.Person && o.Start <= end && end < o.End))
            {
                end++;
            }

            if (end == b + 1 || spans.Any(o => o.Start < end && o.End > end))
            {
                continue;
            }

            spans.RemoveAll(o => o.Start >= b && o.Start < end);
            k = spans.FindIndex(o => o.Start == a);
            spans[k] = (a, end, type, role);
        }
    }

    private static readonly FrozenSet<string> CalendarWords = FrozenSet.Create(StringComparer.Ordinal,
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.");

    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static bool IsNamePart(string w) =>
        w.Length > 0 && char.IsUpper(w[0]) && w is not ("The" or "A" or "An" or "This" or "That" or "In" or "On" or "At" or "But" or "And") && !w.Contains('\'', StringComparison.Ordinal);

    private static bool IsGivenNamePart(string w) =>
        w.Length > 0 && char.IsUpper(w[0]) && w.Split('-').All(p => p.Length > 0 && PersonNames.IsKoreanSyllable(p)) && w.Split('-').Length <= 2;

    /// <summary>The role phrase right before a person's name: capitalised words or names, then a role noun.</summary>
    private string? RoleBefore(string text, TextLayer layer, string[] words, int first, int nameStart, List<(int Start, int End, EntityType Type, string? Role)> spans)
    {
        var k = nameStart - 1;
        if (k < 0)
        {
            return null;
        }

        var w = words[k].ToLowerInvariant();
        var dash = w.LastIndexOf('-');
        var roleWord = dash > 0 ? w[(dash + 1)..] : w;
        var roleStart = k;
        if (k > 0 && _lexicon.Roles.Contains(words[k - 1].ToLowerInvariant() + " " + roleWord))
        {
            roleStart = k - 1;
        }
        else if (!_lexicon.Roles.Contains(roleWord))
        {
            return null;
        }

        var start = roleStart;
        while (start > 0)
        {
            var p = words[start - 1];
            if (CalendarWords.Contains(p) || _lexicon.NotRoleWords.Contains(p))
            {
                break;
            }

            var inEntity = spans.Any(o => o.Start <= start - 1 && start - 1 < o.End && o.Type != EntityType.Person);
            if (inEntity || (IsNamePart(p) && !spans.Any(o => o.Start <= start - 1 && start - 1 < o.End)) || _lexicon.Roles.Contains(p.ToLowerInvariant()))
            {
                start--;
                continue;
            }

            break;
        }

        var from = layer.Tokens[first + start].Start;
        var to = layer.Tokens[first + k].End;

        // A role of several words in capitals is a headline ("WHITE HOUSE SPOKESMAN REITERATES PRESIDENT"), not a role.
        var role = text[from..to];
        return start < k && NerFeatures.IsAllUpper(role) ? null : role;
    }
}
