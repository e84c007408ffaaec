using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Time;

/// <summary>A word table from Data/words.txt: lower-case word to value.</summary>
public sealed class WordTable
{
    public WordTable(string name, IReadOnlyDictionary<string, string> entries)
    {
        Name = name;
        Entries = entries;
        Alternation = "(?:" + string.Join("|", entries.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Escape)) + ")";
        TitleAlternation = "(?:" + string.Join("|", entries.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)
            .Select(k => Escape(char.ToUpperInvariant(k[0]) + k[1..]))) + ")";
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Entries { get; }

    /// <summary>A regex alternation of the words, longest first.</summary>
    public string Alternation { get; }

    /// <summary>The same with each word capitalised (for case-sensitive rules).</summary>
    public string TitleAlternation { get; }

    public string? Get(string word)
    {
        var k = Normalize(word);
        return Entries.TryGetValue(k, out var v) ? v : null;
    }

    public bool Contains(string word) => Entries.ContainsKey(Normalize(word));

    private static string Normalize(string word) => word.Trim().TrimEnd('.').Replace('’', '\'').Replace('-', ' ').ToLowerInvariant();

    private static string Escape(string word) => Regex.Escape(word).Replace("'", "['’]", StringComparison.Ordinal).Replace("\\ ", "[- ]", StringComparison.Ordinal);
}

/// <summary>One rule of Data/rules.txt.</summary>
public sealed record TimeRule(string Name, TimexType Type, string Pattern, string Norm, IReadOnlyList<string> NormArgs, string Example, bool CaseSensitive, int Order)
{
    public Regex? Regex { get; init; }

    /// <summary>
    /// Words one of which a text holds wherever the rule matches, inside the match or where its lookarounds read (the
    /// rule's <c>needs</c> line, tables expanded); empty when the rule has none and runs on every text.
    /// </summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>
    /// True when no match of the rule, nor anything its lookarounds read, can hold a line break: the pattern has none of
    /// the constructs that could match one or tell it from the text's edge (<c>\s \W \D \n [^ ^ $ \p \P \A \z \Z \G
    /// (?s (?m</c>, escapes by code). Such a rule finds the same matches in each line of a text run on its own as in the
    /// whole text, so it need run only on the lines that hold one of its <see cref="Needs"/> words.
    /// </summary>
    public bool WithinLines { get; init; }
}

/// <summary>The rules and word tables, loaded from the embedded Data/ files into typed tables.</summary>
public sealed class TimeRuleSet
{
    /// <summary>Pattern constructs that can match a line break or see it differently from the text's edge.</summary>
    private static readonly string[] LineUnsafe = [@"\s", @"\W", @"\D", @"\n", @"\r", "[^", "^", "$", @"\p", @"\P", @"\A", @"\z", @"\Z", @"\G", "(?s", "(?m", @"\x", @"\u", @"\0", @"\c", @"\1", @"\k"];

    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _needs;
    private readonly bool[] _always;

    private TimeRuleSet(IReadOnlyDictionary<string, WordTable> tables, IReadOnlyList<TimeRule> rules)
    {
        Tables = tables;
        Rules = rules;
        _always = rules.Select(r => r.Needs.Count == 0).ToArray();
        var needs = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rules)
        {
            foreach (var w in r.Needs)
            {
                if (!needs.TryGetValue(w, out var list))
                {
                    needs[w] = list = [];
                }

                list.Add(r.Order);
            }
        }

        _needs = needs.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static TimeRuleSet Default { get; } = Load(ReadResource("words.txt"), ReadResource("rules.txt"));

    public IReadOnlyDictionary<string, WordTable> Tables { get; }

    public IReadOnlyList<TimeRule> Rules { get; }

    /// <summary>
    /// Marks in <paramref name="active"/> (one flag per rule, in rule order) the rules that can match in
    /// <paramref name="text"/>: those without a <c>needs</c> line and those one of whose words the text contains
    /// (a word is a run of letters, compared ignoring case). The others cannot match, so their regexes need not run.
    /// </summary>
    public void MarkRulesThatCanMatch(ReadOnlySpan<char> text, Span<bool> active)
    {
        _always.CopyTo(active);
        MarkNeeded(text, active);
    }

    /// <summary>
    /// Marks in <paramref name="active"/> the rules one of whose <c>needs</c> words <paramref name="text"/> contains (the
    /// rules without a <c>needs</c> line are left as they are).
    /// </summary>
    public void MarkNeeded(ReadOnlySpan<char> text, Span<bool> active)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var b = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            if (_needs.TryGetValue(text[b..i], out var rules))
            {
                foreach (var r in rules)
                {
                    active[r] = true;
                }
            }
        }
    }

    public WordTable Table(string name) => Tables.TryGetValue(name, out var t) ? t : throw new InvalidOperationException($"Time word table '{name}' is missing from Data/words.txt.");

    public static TimeRuleSet Load(string wordsText, string rulesText)
    {
        ArgumentNullException.ThrowIfNull(wordsText);
        ArgumentNullException.ThrowIfNull(rulesText);
        var tables = ParseTables(wordsText);
        var macros = BuildMacros(tables);
        var rules = new List<TimeRule>();
        foreach (var block in Blocks(rulesText))
        {
            string Field(string key) => block.TryGetValue(key, out var v) ? v : throw new FormatException($"Time rule {(block.TryGetValue("rule", out var n) ? n : "?")}: missing '{key}'.");
            var name = Field("rule");
            var type = Enum.Parse<TimexType>(Field("type"), ignoreCase: true);
            var normParts = Field("norm").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cs = block.TryGetValue("case", out var c) && c.Equals("sensitive", StringComparison.OrdinalIgnoreCase);
            var pattern = Expand(Field("pattern"), macros, name);
            var options = RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | (cs ? RegexOptions.None : RegexOptions.IgnoreCase);
            Regex regex;
            try
            {
                // No match timeout: the output must not depend on how loaded the machine is. The patterns are written
                // so that a failing match cannot backtrack badly (number words are single words joined by a
                // separator), and TimeRuleTests runs them on long adversarial texts.
                regex = new Regex(@"(?<![\w'’])(?:" + pattern + @")(?![\w])", options, Regex.InfiniteMatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"Time rule {name}: bad pattern: {e.Message}", e);
            }

            var needs = block.TryGetValue("needs", out var nd) ? NeedWords(nd, tables, name) : [];
            rules.Add(new TimeRule(name, type, pattern, normParts[0], normParts[1..], Field("example"), cs, rules.Count)
            {
                Regex = regex, Needs = needs, WithinLines = !LineUnsafe.Any(u => pattern.Contains(u, StringComparison.Ordinal)),
            });
        }

        var dup = rules.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new FormatException($"Time rule {dup.Key} is defined twice.");
        }

        return new TimeRuleSet(tables, rules);
    }

    /// <summary>
    /// The words of a <c>needs</c> line: plain words as written, and for each <c>%table%</c> the longest word of every
    /// entry, also with a plural <c>s</c> (patterns write <c>%unit%s?</c>). Every word must be letters only, as the
    /// text is cut into words at every other character.
    /// </summary>
    private static string[] NeedWords(string line, Dictionary<string, WordTable> tables, string rule)
    {
        var words = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.Length > 2 && item[0] == '%' && item[^1] == '%')
            {
                var table = tables.TryGetValue(item[1..^1], out var t) ? t : throw new FormatException($"Time rule {rule}: unknown table {item} in needs.");
                foreach (var entry in t.Entries.Keys)
                {
                    var longest = entry.Split([' ', '\'', '.'], StringSplitOptions.RemoveEmptyEntries).MaxBy(w => w.Length)!;
                    words.Add(longest);
                    words.Add(longest + "s");
                }
            }
            else
            {
                words.Add(item);
            }
        }

        var bad = words.FirstOrDefault(w => !w.All(char.IsLetter));
        return bad is null ? [.. words] : throw new FormatException($"Time rule {rule}: needs word '{bad}' is not letters only.");
    }

    private static Dictionary<string, WordTable> ParseTables(string text)
    {
        var raw = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var line0 in text.Split('\n'))
        {
            var line = line0.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var name = line.Trim('[', ']', ' ');
                current = [];
                raw[name] = current;
                continue;
            }

            if (current is null)
            {
                throw new FormatException($"Time words: entry outside a [table]: {line}");
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                throw new FormatException($"Time words: no TAB in: {line}");
            }

            current[line[..tab].Trim().Replace('-', ' ')] = line[(tab + 1)..].Trim();
        }

        return raw.ToDictionary(kv => kv.Key, kv => new WordTable(kv.Key, kv.Value), StringComparer.Ordinal);
    }

    private static Dictionary<string, string> BuildMacros(Dictionary<string, WordTable> tables)
    {
        var m = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, t) in tables)
        {
            m[name] = t.Alternation;
            m[char.ToUpperInvariant(name[0]) + name[1..]] = t.TitleAlternation;
        }

        var numbers = tables.TryGetValue("number", out var nt) ? nt.Entries.Keys : (IEnumerable<string>)["one"];
        var words = numbers.Where(k => !k.StartsWith('a') || k == "eight" || k == "eighteen" || k == "eighty" || k == "eleven")
            .Where(k => k is not ("a" or "an" or "a hundred" or "a dozen" or "dozen"))
            .OrderByDescending(k => k.Length).ToList();
        var word = "(?:" + string.Join("|", words) + ")";
        m["num"] = @"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?: 1/2)?|" + word + "(?:[- ](?:and )?" + word + ")*)";
        m["year4"] = @"(?:1[0-9]\d\d|20\d\d)";
        m["day"] = @"(?:3[01]|[12]\d|0?[1-9])";
        m["yy"] = @"\d\d";
        var units = "(?:one|two|three|four|five|six|seven|eight|nine)";
        m["decadeword2"] = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]" + units + ")?|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";
        return m;
    }

    private static string Expand(string pattern, Dictionary<string, string> macros, string rule)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var p = pattern.IndexOf('%', i);
            if (p < 0)
            {
                sb.Append(pattern, i, pattern.Length - i);
                break;
            }

            var q = pattern.IndexOf('%', p + 1);
            var name = q > p ? pattern[(p + 1)..q] : "";
            if (q < 0 || name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
            {
                sb.Append(pattern, i, p - i + 1);
                i = p + 1;
                continue;
            }

            if (!macros.TryGetValue(name, out var exp))
            {
                throw new FormatException($"Time rule {rule}: unknown table %{name}%.");
            }

            sb.Append(pattern, i, p - i).Append(exp);
            i = q + 1;
        }

        return sb.ToString();
    }

    private static IEnumerable<Dictionary<string, string>> Blocks(string text)
    {
        var cur = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line0 in text.Split('\n'))
        {
            var line = line0.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.Trim().Length == 0)
            {
                if (cur.Count > 0)
                {
                    yield return cur;
                    cur = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                continue;
            }

            var sp = line.IndexOf(' ', StringComparison.Ordinal);
            if (sp < 0)
            {
                throw new FormatException($"Time rules: bad line: {line}");
            }

            cur[line[..sp]] = line[(sp + 1)..].Trim();
        }

        if (cur.Count > 0)
        {
            yield return cur;
        }
    }

    internal static string ReadResource(string file)
    {
        var asm = typeof(TimeRuleSet).Assembly;
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".Time.Data." + file, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded resource Time/Data/{file} is missing.");
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    internal static int ParseInt(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
