using System.Globalization;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Entities;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>
/// Splits an article into claims: one per sentence of its body (sentences too short to state anything are
/// skipped), with stems, names (from the entity layer when present), numbers and polarity. A quotation of several
/// sentences is one claim with its attribution, so that no claim opens or closes inside quotation marks.
/// </summary>
public sealed class ClaimExtractor : IArticleStage
{
    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["hundred"] = 100, ["dozen"] = 12, ["dozens"] = 24, ["hundreds"] = 200, ["thousands"] = 2000,
    };

    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.Ordinal)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000, ["trillion"] = 1e12,
    };

    /// <summary>Words that hedge a number rather than say what it counts.</summary>
    private static readonly HashSet<string> Quantifiers = new(
        ["least", "most", "more", "fewer", "less", "about", "around", "nearly", "almost", "approximately", "roughly", "over", "under",
         "total", "some", "estimated", "still", "another", "further", "only", "just", "than", "up"], StringComparer.Ordinal);

    /// <summary>Month names and their abbreviations: a number right after one is a day of the month ("Jan. 6").</summary>
    private static readonly HashSet<string> Months = new(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
         "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"], StringComparer.Ordinal);

    /// <summary>Claims shorter than this many words are not claims.</summary>
    public int MinWords { get; init; } = 4;

    /// <summary>
    /// The most sentences one claim joins to keep a quotation whole; a quotation whose marks do not close within this
    /// many sentences (a mark left open, or a quote running on over paragraphs) stays cut into sentences.
    /// </summary>
    public int MaxQuoteSentences { get; init; } = 4;

    public string Name => "claims";

    public IReadOnlyList<Type> Requires => [typeof(TextLayer)];

    public IReadOnlyList<Type> Provides => [typeof(ClaimLayer)];

    public void Run(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        article.Set(Extract(article.Article, article.Require<TextLayer>(), article.Get<EntityLayer>()));
    }

    public ClaimLayer Extract(Article article, TextLayer text, EntityLayer? entities)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(text);
        var claims = new List<Claim>();
        var t = article.Text;
        var mentions = entities?.Mentions.Where(m => m.Kind == MentionKind.Name && m.Type != EntityType.Misc).OrderBy(m => m.Start).ToList();
        var personMentions = mentions?.Where(m => m.Type == EntityType.Person).ToList();
        var versionCounts = new int[Math.Max(1, article.Versions.Count)];
        var prepared = new List<(Sentence S, int Version, int Sentences)>();
        var next = 0;
        var (quotes, joined) = Joined(article, text, MaxQuoteSentences);
        foreach (var s in joined)
        {
            // A claim's position counts the sentences of the text layer, so a joined quotation moves no other claim.
            var n = 0;
            while (next < text.Sentences.Count && text.Sentences[next].Start < s.End)
            {
                next++;
                n++;
            }

            var v = VersionOf(article, s.Start);
            versionCounts[v] += n;
            prepared.Add((s, v, n));
        }

        var seen = new int[versionCounts.Length];
        var dateline = article.DatelineSpan;
        var title = article.Title?.Trim();
        foreach (var (s, version, sentences) in prepared)
        {
            var position = versionCounts[version] <= 1 ? 0 : seen[version] / (double)(versionCounts[version] - 1);
            seen[version] += sentences;
            var words = 0;
            var furnitureFree = 0;
            // The claim keeps copies of these (without repeats): the lists themselves are this thread's, reused.
            var stems = Scratch(ref t_stems);
            var anchors = Scratch(ref t_anchors);
            var numbers = new List<NumberFact>();
            var negations = 0;
            var quotedChars = 0;
            var inQuote = false;
            var seq = Scratch(ref t_seq);
            var tokens = text.Tokens;
            for (var k = s.FirstToken; k < s.FirstToken + s.TokenCount; k++)
            {
                var tok = tokens[k];
                if (tok.Kind == TokenKind.Quote)
                {
                    inQuote = !inQuote;
                    continue;
                }

                if (inQuote)
                {
                    quotedChars += tok.Length;
                }

                if (tok.Kind == TokenKind.Number)
                {
                    if (TryNumber(tok.Of(t), out var value))
                    {
                        var (unit, unitText, end) = UnitAfter(t, tokens, k + 1, s.FirstToken + s.TokenCount, out _);
                        numbers.Add(new NumberFact(value, tok.Of(t).ToString(), unit, unitText, tok.Start, end < 0 ? tok.End : end)
                        {
                            Bound = Quantities.BoundOf(seq),
                            Label = IsLabel(t, tok.Start, tok.End) || (seq.Count > 0 && Months.Contains(seq[^1].TrimEnd('.'))),
                        });
                    }

                    seq.Add("#");
                    continue;
                }

                if (tok.Kind != TokenKind.Word)
                {
                    continue;
                }

                words++;
                var facts = WordFacts.Of(tok.Of(t));
                var lower = facts.Lower;
                if (facts.Negation)
                {
                    negations++;
                }

                if (facts.IsNumber)
                {
                    var nv = facts.Number;
                    var (unit, unitText, end) = UnitAfter(t, tokens, k + 1, s.FirstToken + s.TokenCount, out var multiplier);
                    numbers.Add(new NumberFact(nv * multiplier, tok.Of(t).ToString(), unit, unitText, tok.Start, end < 0 ? tok.End : end)
                    {
                        Bound = Quantities.BoundOf(seq),
                        Vague = Quantities.IsVague(lower),
                        Label = IsLabel(t, tok.Start, tok.End),
                    });
                    seq.Add("#");
                }
                else
                {
                    seq.Add(lower);
                }

                if (facts.Key is { } key)
                {
                    stems.Add(key);
                    if (!facts.FurnitureOrCalendar)
                    {
                        furnitureFree++;
                    }
                }

                if (facts.Calendar && (lower is not ("may" or "march") || char.IsUpper(t[tok.Start])))
                {
                    // "to march the 20 blocks" and "may" the verb are no months.
                    anchors.Add(lower);
                }
                else if (facts.Month is { } month && (lower.EndsWith('.') || (k + 1 < s.FirstToken + s.TokenCount && tokens[k + 1].Of(t) is ".")))
                {
                    // "Oct." is October.
                    anchors.Add(month);
                }
            }

            if (words < MinWords)
            {
                continue;
            }

            if (numbers.Count > 0)
            {
                numbers = numbers.Select(n => n with { Context = ContextOf(t, tokens, s, n) }).ToList();
            }

            // A claim starts after the dateline ("PORT ALDER, Veridia (NWS) — "); a quotation mark that pairs with nothing
            // is left out at either edge.
            var (start, claimEnd) = quotes.Trim(t, Article.PastDateline(dateline, s.Start, s.End), s.End);
            var names = mentions is null ? CapitalisedNames(t, tokens, s) : NamesIn(mentions, s);
            var people = personMentions is null ? names : NamesIn(personMentions, s);
            foreach (var name in names)
            {
                anchors.Add(LastWord(name));
            }

            // The numbers as "#value": anchors, and terms after the stems.
            var numberKeys = anchors.Count;
            foreach (var n in numbers)
            {
                anchors.Add(n.Term);
            }

            var distinctStems = DistinctOrdinal(stems);
            claims.Add(new Claim
            {
                ArticleId = article.Id,
                Index = claims.Count,
                Start = start,
                End = claimEnd,
                Text = t[start..claimEnd],
                // The headline, and the sub-headlines and date lines that open the article before its first sentence.
                Headline = (claims.TrueForAll(c => c.Headline || c.Furniture)
                    && (string.Equals(t[s.Start..s.End].Trim(), title, StringComparison.Ordinal) || !EndsSentence(t, s.Start, s.End)))
                    || IsListingLine(t, tokens, s, start, words, names),
                Furniture = furnitureFree < 2 && numbers.Count > 0,
                Version = version,
                Position = position,
                InCaption = InCaption(article, s),
                Quoted = quotedChars > (s.End - s.Start) / 2,
                // Two negations ("wouldn't comment, while not denying") leave the polarity unclear: not negated.
                Negated = negations == 1,
                Total = Quantities.IsTotal(seq),
                Past = Quantities.IsPast(seq),
                Part = Quantities.IsPart(seq),
                Fragment = IsFragment(t, s.Start, s.End),
                Stems = distinctStems,
                Terms = numbers.Count == 0 ? distinctStems : TermsOf(stems, anchors, numberKeys),
                Names = names,
                People = people,
                Anchors = DistinctOrdinal(anchors),
                Numbers = numbers,
                Words = words,
            });
        }

        return new ClaimLayer(claims) { Sentences = joined };
    }

    /// <summary>
    /// The sentences with each quotation that runs over several of them joined into one
    /// (<c>Lind said: "Ostrel will help. It will help for as long as it is needed."</c>), as long as the run has at
    /// most <paramref name="maxSentences"/> sentences; a longer one is left cut into its sentences. Where a quotation
    /// starts and ends is the quotes layer's pairing (<see cref="ClaimQuotes"/>: every mark convention, a quotation left
    /// open at a paragraph's end that reopens on the next paragraph; single marks where no double quotation is open, an
    /// apostrophe being no mark).
    /// </summary>
    internal static IReadOnlyList<Sentence> WholeQuotes(IReadOnlyList<Sentence> sentences, IReadOnlyList<(int Start, int End)> quotations, Func<int, bool> opensWithMark, int maxSentences)
    {
        if (maxSentences <= 1 || sentences.Count < 2 || quotations.Count == 0)
        {
            return sentences;
        }

        List<Sentence>? joined = null;
        var q = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            // The quotations that open in the run so far and close after it extend it, up to the limit. Inside a
            // quotation too long for one claim, a sentence that reopens it (a paragraph opening with a mark) starts
            // the run that ends where it closes, if that fits.
            var j = i;
            var end = sentences[i].End;
            while (q < quotations.Count && quotations[q].End <= sentences[i].Start)
            {
                q++;
            }

            for (var k = q; k < quotations.Count && quotations[k].Start < end; k++)
            {
                if (quotations[k].End <= end)
                {
                    continue;
                }

                if (quotations[k].Start < sentences[i].Start && !opensWithMark(sentences[i].Start))
                {
                    j = i;
                    break;
                }

                while (quotations[k].End > end && j + 1 < sentences.Count && j + 1 - i < maxSentences)
                {
                    j++;
                    end = sentences[j].End;
                }

                if (quotations[k].End > end)
                {
                    j = i;
                    break;
                }
            }

            if (j > i)
            {
                joined ??= [.. sentences.Take(i)];
                var (first, last) = (sentences[i], sentences[j]);
                joined.Add(new Sentence(first.Start, last.End, first.FirstToken, last.FirstToken + last.TokenCount - first.FirstToken));
                i = j;
            }
            else
            {
                joined?.Add(sentences[i]);
            }
        }

        return joined ?? sentences;
    }

    /// <summary>
    /// The article's sentences as claims read them: each quotation that runs over several sentences joined into one
    /// (<see cref="WholeQuotes"/>, at most <paramref name="maxSentences"/> sentences), so whatever shows a sentence of
    /// the article (a claim, a timeline entry) never opens or closes inside quotation marks. The claims layer keeps
    /// them (<see cref="ClaimLayer.Sentences"/>); this is for an article whose claims were not extracted.
    /// </summary>
    public static IReadOnlyList<Sentence> SentencesWithWholeQuotes(Article article, TextLayer text, int maxSentences = 4)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(text);
        return maxSentences <= 1 || text.Sentences.Count < 2 ? text.Sentences : Joined(article, text, maxSentences).Sentences;
    }

    /// <summary>The article's quotations and its sentences with each quotation over several of them joined.</summary>
    private static (ClaimQuotes Quotes, IReadOnlyList<Sentence> Sentences) Joined(Article article, TextLayer text, int maxSentences)
    {
        var t = article.Text;
        var quotes = ClaimQuotes.Of(t, Paragraphs(article), maxSentences);
        return (quotes, WholeQuotes(text.Sentences, quotes.Quotations, at => ClaimQuotes.IsDoubleMark(t, at), maxSentences));
    }

    /// <summary>The paragraphs of an article as the quotes layer pairs marks in (the whole text when it has none).</summary>
    private static List<(int Start, int End)> Paragraphs(Article article) =>
        article.Paragraphs.Count == 0 ? [(0, article.Text.Length)] : [.. article.Paragraphs.Select(p => (p.Start, p.End))];

    /// <summary>
    /// What a number counts, beyond its unit: content-word keys within five tokens before it and five after its unit,
    /// inside its clause (the window stops at another number, a comma or semicolon, and after the unit at "and"), so
    /// "killing 10 people and injuring 80" gives 10 the key of killing and 80 that of injuring. Names and unit words
    /// are left out.
    /// </summary>
    private static List<string> ContextOf(string t, IReadOnlyList<Token> tokens, Sentence s, NumberFact n)
    {
        var unit = n.Unit;
        int first = s.FirstToken, last = s.FirstToken + s.TokenCount;
        var at = -1;
        var after = -1;
        for (var k = first; k < last; k++)
        {
            if (at < 0 && tokens[k].Start == n.Start)
            {
                at = k;
            }

            if (at >= 0 && tokens[k].End <= n.End)
            {
                after = k + 1;
            }
        }

        var keys = new List<string>();
        if (at < 0)
        {
            return keys;
        }

        for (var k = at - 1; k >= Math.Max(first, at - 5); k--)
        {
            if (Boundary(k, before: true))
            {
                break;
            }

            Take(k);
        }

        for (var k = after; k < Math.Min(last, after + 5); k++)
        {
            if (Boundary(k, before: false))
            {
                break;
            }

            Take(k);
        }

        return DistinctOrdinal(keys);

        bool Boundary(int k, bool before)
        {
            var tok = tokens[k];
            if (tok.Kind == TokenKind.Number)
            {
                return true;
            }

            var text = tok.Of(t);
            if (tok.Kind == TokenKind.Punctuation && text is "," or ";" or ":" or "(" or ")")
            {
                return true;
            }

            return tok.Kind == TokenKind.Word && (NumberWords.ContainsKey(WordStrings.Lower(text)) || text is "and" or "but" or "while");
        }

        void Take(int k)
        {
            // Names say where or who, not what is counted.
            if (tokens[k].Kind != TokenKind.Word || char.IsUpper(t[tokens[k].Start]))
            {
                return;
            }

            var lower = WordStrings.Lower(t, tokens[k]);
            if (lower.Length > 1 && !Terms.IsStopWord(lower) && !Quantifiers.Contains(lower) && !IsWordOf(unit, Terms.Stem(lower)))
            {
                keys.Add(Terms.Key(lower));
            }
        }
    }

    /// <summary>Whether <paramref name="word"/> is one of the space-separated words of <paramref name="words"/>.</summary>
    private static bool IsWordOf(string words, string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        foreach (var range in words.AsSpan().Split(' '))
        {
            if (words.AsSpan()[range].SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a sentence ends like one (". ! ?" or a closing quotation mark after one), unlike a headline.</summary>
    private static bool EndsSentence(string t, int start, int end) => LastMark(t.AsSpan(start, end - start)) is '.' or '!' or '?' or ':';

    /// <summary>The last character of a text before trailing white space and closing quotation marks or brackets ('\0' when none).</summary>
    internal static char LastMark(ReadOnlySpan<char> text)
    {
        var e = text.Length;
        while (e > 0 && (char.IsWhiteSpace(text[e - 1]) || text[e - 1] is '"' or '”' or '\'' or '’' or ')'))
        {
            e--;
        }

        return e > 0 ? text[e - 1] : '\0';
    }

    /// <summary>
    /// A number that names rather than counts: joined by a hyphen to the word after it ("a 7-yard touchdown pass",
    /// "the 12-year-old", "a 13-inch model"), part of a clock time, score or fraction ("4:43", "20-13", "17/35").
    /// </summary>
    internal static bool IsLabel(string t, int start, int end)
    {
        var a = start - 1;
        while (a >= 0 && t[a] == ' ')
        {
            a--;
        }

        var b = end;
        while (b < t.Length && t[b] == ' ')
        {
            b++;
        }

        if ((a >= 0 && t[a] is ':' or '/') || (b < t.Length && t[b] is ':' or '/'))
        {
            return true;
        }

        if (b < t.Length && t[b] is '-' or '–')
        {
            var c = b + 1;
            while (c < t.Length && t[c] == ' ')
            {
                c++;
            }

            return c < t.Length && char.IsLetterOrDigit(t[c]);
        }

        if (a >= 0 && t[a] is '-' or '–')
        {
            var c = a - 1;
            while (c >= 0 && t[c] == ' ')
            {
                c--;
            }

            return c >= 0 && char.IsDigit(t[c]);
        }

        return false;
    }

    /// <summary>Most words of a line of a listing (<see cref="IsListingLine"/>).</summary>
    private const int MaxListingWords = 12;

    /// <summary>
    /// A line of a listing, not a sentence of the story: a short line (12 words at most) with no subject, which opens,
    /// after any heading in capitals, with a capitalised past-tense verb right before a name or a code in capitals (1B), as a
    /// sports wire's transactions ("PHILADELPHIA 76ERS—Fired Jim O'Brien, coach." "Named Maurice Cheeks coach."
    /// "Placed RHP Ben Sheets on the disabled list."). A word that opens a name ("United Airlines cancelled ...") is
    /// no verb.
    /// </summary>
    internal static bool IsListingLine(string t, IReadOnlyList<Token> tokens, Sentence s, int start, int words, IReadOnlyList<string> names)
    {
        if (words > MaxListingWords)
        {
            return false;
        }

        var end = s.FirstToken + s.TokenCount;
        var k = s.FirstToken;
        while (k < end && tokens[k].Start < start)
        {
            k++;
        }

        // A heading in capitals ("PHILADELPHIA 76ERS"), and a dash or colon after it.
        var heading = k;
        while (k < end && tokens[k].Kind is TokenKind.Word or TokenKind.Number && IsCapitals(tokens[k].Of(t)))
        {
            k++;
        }

        while (k > heading && k < end && tokens[k].Kind == TokenKind.Punctuation && tokens[k].Of(t) is "-" or "--" or "\u2013" or "\u2014" or ":")
        {
            k++;
        }

        if (k + 1 >= end || tokens[k].Kind != TokenKind.Word || tokens[k + 1].Kind is not (TokenKind.Word or TokenKind.Number))
        {
            return false;
        }

        var verb = tokens[k].Of(t);
        var next = tokens[k + 1].Of(t);
        if (verb.Length < 5 || !char.IsUpper(verb[0]) || !verb.EndsWith("ed", StringComparison.Ordinal) || !IsLower(verb[1..]) || !(char.IsUpper(next[0]) || IsCode(next)))
        {
            return false;
        }

        foreach (var name in names)
        {
            if (name.AsSpan().StartsWith(verb, StringComparison.Ordinal) && (name.Length == verb.Length || name[verb.Length] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCapitals(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters >= 2;
    }

    /// <summary>A code in capitals with a digit, as a position (1B, RHP) or a unit: "1B" has one letter.</summary>
    private static bool IsCode(ReadOnlySpan<char> word) => !word.ContainsAnyInRange('a', 'z') && word.ContainsAnyInRange('A', 'Z');

    private static bool IsLower(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A piece of a sentence the splitter cut at a decimal point or an abbreviation: it starts with a digit right after
    /// "digit." ("6." | "9-magnitude quake"), it ends on "digit." before a sentence that starts with a digit ("worth
    /// £1." | "7m"), it ends on a colon (a lead-in), or it ends on an article ("she was carrying a." | ".357 Magnum").
    /// </summary>
    internal static bool IsFragment(string t, int start, int end)
    {
        var p = start - 1;
        while (p >= 0 && char.IsWhiteSpace(t[p]))
        {
            p--;
        }

        if (start < t.Length && (char.IsDigit(t[start]) || t[start] == '.') && p >= 1 && t[p] == '.' && char.IsDigit(t[p - 1]))
        {
            return true;
        }

        // The end of the sentence's text, before trailing white space.
        var last = end;
        while (last > start && char.IsWhiteSpace(t[last - 1]))
        {
            last--;
        }

        // The first piece of a figure cut at its decimal point: "digit." and the next sentence starts with a digit ("worth £1." | "7m").
        var q = end;
        while (q < t.Length && char.IsWhiteSpace(t[q]))
        {
            q++;
        }

        if (q < t.Length && char.IsDigit(t[q]) && last - 1 > start && t[last - 1] == '.' && char.IsDigit(t[last - 2]))
        {
            return true;
        }

        // A lead-in that ends on a colon ("According to reports in the paper:") tells nothing by itself.
        if (last > start && t[last - 1] == ':')
        {
            return true;
        }

        var e = last;
        while (e > start && (char.IsWhiteSpace(t[e - 1]) || t[e - 1] == '.'))
        {
            e--;
        }

        var w = e;
        while (w > start && char.IsLetter(t[w - 1]))
        {
            w--;
        }

        return e < end && t[e] == '.' && (w == start || char.IsWhiteSpace(t[w - 1])) && t.AsSpan(w, e - w) is "a" or "an" or "the";
    }

    /// <summary>The strings without repeats, each where it first occurs (as <c>Distinct</c>, without its allocations).</summary>
    private static List<string> DistinctOrdinal(List<string> items)
    {
        var result = new List<string>(items.Count);
        if (items.Count <= 16)
        {
            foreach (var item in items)
            {
                if (!result.Contains(item))
                {
                    result.Add(item);
                }
            }

            return result;
        }

        var seen = _seen ??= new HashSet<string>(StringComparer.Ordinal);
        seen.Clear();
        foreach (var item in items)
        {
            if (seen.Add(item))
            {
                result.Add(item);
            }
        }

        return result;
    }

    [ThreadStatic]
    private static HashSet<string>? _seen;

    [ThreadStatic]
    private static List<string>? t_stems;

    [ThreadStatic]
    private static List<string>? t_anchors;

    [ThreadStatic]
    private static List<string>? t_seq;

    /// <summary>A list of this thread's, emptied, for what a claim reads while it is built and does not keep.</summary>
    private static List<string> Scratch(ref List<string>? list)
    {
        list ??= new List<string>(64);
        list.Clear();
        return list;
    }

    /// <summary>
    /// A claim's <see cref="Claim.Terms"/>: the stems, then the numbers as "#value", without repeats; the number keys are
    /// the anchors from <paramref name="numberKeys"/> on.
    /// </summary>
    private static List<string> TermsOf(List<string> stems, List<string> anchors, int numberKeys)
    {
        var all = Scratch(ref t_terms);
        all.AddRange(stems);
        for (var i = numberKeys; i < anchors.Count; i++)
        {
            all.Add(anchors[i]);
        }

        return DistinctOrdinal(all);
    }

    [ThreadStatic]
    private static List<string>? t_terms;

    private static bool InCaption(Article article, Sentence s)
    {
        foreach (var c in article.Captions)
        {
            if (c.Start <= s.Start && s.End <= c.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the claim loop asks of a word, all pure functions of it, found once per word as written and thread (news
    /// reuses its words) instead of in nine table lookups per occurrence.
    /// </summary>
    private sealed class WordFacts
    {
        private const int MaxCached = 200_000;

        [ThreadStatic]
        private static Dictionary<string, WordFacts>? t_cache;

        /// <summary>The word lower-cased (as <see cref="WordStrings.Lower(ReadOnlySpan{char})"/>).</summary>
        public required string Lower { get; init; }

        public bool Negation { get; private init; }

        public bool IsNumber { get; private init; }

        /// <summary>The value of a number word (<see cref="NumberWords"/>).</summary>
        public double Number { get; private init; }

        /// <summary>The comparison key (<see cref="Terms.Key"/>) of a content word: longer than one letter, no stop word, starting with a letter; else null.</summary>
        public string? Key { get; private init; }

        /// <summary>Page furniture (trailing periods dropped) or a calendar word.</summary>
        public bool FurnitureOrCalendar { get; private init; }

        /// <summary>A month or weekday name (<see cref="Terms.CalendarWords"/>).</summary>
        public bool Calendar { get; private init; }

        /// <summary>For a month name or abbreviation (trailing periods dropped), the first calendar word it begins; else null.</summary>
        public string? Month { get; private init; }

        public static WordFacts Of(ReadOnlySpan<char> word)
        {
            var cache = t_cache ??= new Dictionary<string, WordFacts>(StringComparer.Ordinal);
            if (cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var known))
            {
                return known;
            }

            var lower = WordStrings.Lower(word);
            var trimmed = lower.TrimEnd('.');
            var calendar = Terms.CalendarWords.Contains(lower);
            var facts = new WordFacts
            {
                Lower = lower,
                Negation = Terms.Negations.Contains(lower),
                IsNumber = NumberWords.TryGetValue(lower, out var number),
                Number = number,
                Key = lower.Length > 1 && !Terms.IsStopWord(lower) && char.IsLetter(lower[0]) ? Terms.Key(lower) : null,
                FurnitureOrCalendar = Terms.Furniture.Contains(trimmed) || calendar,
                Calendar = calendar,
                Month = Months.Contains(trimmed) ? Terms.CalendarWords.First(m => m.StartsWith(trimmed, StringComparison.Ordinal)) : null,
            };
            if (cache.Count >= MaxCached)
            {
                cache.Clear();
            }

            cache[word.ToString()] = facts;
            return facts;
        }
    }

    /// <summary>The last part of a name between spaces and hyphens, lower-cased (the whole name when it has none).</summary>
    private static string LastWord(string name)
    {
        var e = name.Length;
        while (e > 0 && name[e - 1] is ' ' or '-')
        {
            e--;
        }

        if (e == 0)
        {
            return name.ToLowerInvariant();
        }

        var s = name.AsSpan(0, e).LastIndexOfAny(' ', '-') + 1;
        return s == 0 && e == name.Length ? name.ToLowerInvariant() : name[s..e].ToLowerInvariant();
    }

    private static int VersionOf(Article a, int offset)
    {
        for (var i = 0; i < a.Versions.Count; i++)
        {
            if (a.Versions[i].Span.Start <= offset && offset < a.Versions[i].Span.End)
            {
                return i;
            }
        }

        return a.Versions.Count == 0 ? 0 : a.Versions.Count - 1;
    }

    private static bool TryNumber(ReadOnlySpan<char> s, out double value)
    {
        Span<char> buffer = stackalloc char[Math.Min(s.Length, 64)];
        var n = 0;
        foreach (var c in s)
        {
            if (n >= buffer.Length)
            {
                break;
            }

            if (c != ',')
            {
                buffer[n++] = c;
            }
        }

        return double.TryParse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The stems of up to two content words after a number, skipping hyphens and function words.</summary>
    private static (string Unit, string UnitText, int End) UnitAfter(string t, IReadOnlyList<Token> tokens, int from, int to, out double multiplier)
    {
        multiplier = 1;
        var parts = new List<string>(2);
        var words = new List<string>(2);
        var end = -1;
        for (var k = from; k < to && k < from + 4 && parts.Count < 2; k++)
        {
            var tok = tokens[k];
            if (tok.Kind == TokenKind.Punctuation && tok.Of(t) is "-")
            {
                continue;
            }

            if (tok.Kind != TokenKind.Word)
            {
                break;
            }

            var lower = WordStrings.Lower(t, tok);
            if (Multipliers.TryGetValue(lower, out var m) && parts.Count == 0)
            {
                multiplier *= m;
                end = tok.End;
                continue;
            }

            if (Terms.IsStopWord(lower) || lower is "more" or "than" or "least" or "some" or "nearly" or "over")
            {
                if (parts.Count > 0)
                {
                    break;
                }

                continue;
            }

            parts.Add(Terms.Stem(lower));
            words.Add(tok.Of(t).ToString());
            end = tok.End;
        }

        return (string.Join(' ', parts), string.Join(' ', words), end);
    }

    private static List<string> NamesIn(List<EntityMention> mentions, Sentence s)
    {
        var names = new List<string>();
        foreach (var m in mentions)
        {
            if (m.Start >= s.End)
            {
                break;
            }

            if (m.Start >= s.Start && m.End <= s.End)
            {
                names.Add(m.Text);
            }
        }

        return DistinctOrdinal(names);
    }

    /// <summary>Fallback when no entity layer exists: runs of capitalised words not at the sentence start.</summary>
    private static List<string> CapitalisedNames(string t, IReadOnlyList<Token> tokens, Sentence s)
    {
        var names = new List<string>();
        var runStart = -1;
        var runEnd = -1;
        for (var k = s.FirstToken; k <= s.FirstToken + s.TokenCount; k++)
        {
            var isCap = k < s.FirstToken + s.TokenCount && tokens[k].Kind == TokenKind.Word && char.IsUpper(t[tokens[k].Start])
                && !(k == s.FirstToken && Terms.IsStopWord(tokens[k].Of(t).ToString().ToLowerInvariant()));
            if (isCap)
            {
                if (runStart < 0)
                {
                    runStart = tokens[k].Start;
                }

                runEnd = tokens[k].End;
            }
            else if (runStart >= 0)
            {
                names.Add(t[runStart..runEnd]);
                runStart = -1;
            }
        }

        return DistinctOrdinal(names);
    }
}
