using Dossier.Corpora;
using Dossier.Tests.Support;
using Dossier.Time;

namespace Dossier.Tests.Time;

/// <summary>Every rule of src/Dossier/Time/Data/rules.txt carries an example; each is run here.</summary>
public sealed class TimeRuleTests
{
    private static readonly DateOnly Anchor = new(2023, 9, 13);

    public static TheoryData<string> RuleNames()
    {
        var d = new TheoryData<string>();
        foreach (var r in TimeRuleSet.Default.Rules)
        {
            d.Add(r.Name);
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Should_give_each_rule_example_its_value(string name)
    {
        // Given the rule and its example "text => value", anchored on Wednesday 2023-09-13
        var rule = TimeRuleSet.Default.Rules.Single(r => r.Name == name);
        var (text, start, end, value) = ParseExample(rule.Example);

        // When the tagger runs on the example text
        var found = TimeTagger.Default.Tag(text, TimeAnchor.Exact(Anchor));

        // Then the rule finds exactly the marked span, with the value
        var e = found.SingleOrDefault(x => x.Start == start && x.End == end);
        e.ShouldNotBeNull($"{name}: '{text[start..end]}' not found in '{text}'; found: {string.Join(", ", found.Select(f => $"'{text[f.Start..f.End]}'={f.Value} ({f.Rule})"))}");
        e.Rule.ShouldBe(name);
        e.Value.ShouldBe(value);
        text[e.Start..e.End].ShouldBe(text[start..end]);
    }

    [Fact]
    public void Should_give_every_rule_a_unique_name_and_an_example()
    {
        // Given the rule set
        var rules = TimeRuleSet.Default.Rules;

        // Then there are many rules, each with an example, names unique
        rules.Count.ShouldBeGreaterThan(40);
        rules.Select(r => r.Name).Distinct().Count().ShouldBe(rules.Count);
        rules.ShouldAllBe(r => r.Example.Contains("=>"));
    }

    [Fact]
    public void Should_reject_a_rule_that_names_an_unknown_table()
    {
        // Given a rule referring to %nosuch%
        var rules = "rule bad\ntype DATE\npattern %nosuch%\nnorm date\nexample x => y\n";

        // When it is loaded, Then loading fails naming the rule
        var e = Should.Throw<FormatException>(() => TimeRuleSet.Load("[month]\njanuary\t01\n", rules));
        e.Message.ShouldContain("bad");
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Should_find_one_of_its_needed_words_in_each_rule_example(string name)
    {
        // Given a rule with a "needs" line and its example
        var rule = TimeRuleSet.Default.Rules.Single(r => r.Name == name);
        var (text, _, _, _) = ParseExample(rule.Example);
        var active = new bool[TimeRuleSet.Default.Rules.Count];

        // When the rules that can match the example text are marked
        TimeRuleSet.Default.MarkRulesThatCanMatch(text, active);

        // Then the rule is among them (its needed words are not too narrow for its own example)
        active[rule.Order].ShouldBeTrue($"{name}: none of [{string.Join(' ', rule.Needs)}] in '{text}'");
    }

    [Fact]
    public void Should_run_a_rule_on_single_lines_only_when_its_pattern_cannot_cross_a_line_break()
    {
        // Given two rules needing "week", one whose pattern can match a line break (\s) and one that cannot
        var rules = "rule spaced\ntype DURATION\npattern (?<num>\\d+)\\s+weeks?\nneeds week weeks\nnorm dur\nexample 3 weeks => P3W\n\n"
            + "rule plain\ntype DURATION\npattern (?<num>\\d+) weeks?\nneeds week weeks\nnorm dur\nexample 3 weeks => P3W\n";

        // When they are loaded
        var set = TimeRuleSet.Load("[month]\njanuary\t01\n", rules);

        // Then only the second runs line by line, and so do the default duration and month-day rules
        set.Rules.Select(r => r.WithinLines).ShouldBe([false, true]);
        TimeRuleSet.Default.Rules.Where(r => r.Name is "duration" or "month_day" or "month_day_year").ShouldAllBe(r => r.WithinLines);
    }

    [Fact]
    public void Should_tag_the_same_with_and_without_skipping_rules_on_the_cases_and_examples()
    {
        // Given every rule example and the texts of tests/cases/dates.json
        var texts = TimeRuleSet.Default.Rules.Select(r => ParseExample(r.Example).Text)
            .Concat(DateCasesTests.Cases().Select(c => c.GetProperty("text").GetString()!)).ToList();

        // When they are tagged with and without skipping rules whose words are absent
        // Then the expressions are the same
        AssertSameWithAndWithoutSkipping(texts);
    }

    [SharedFact("data/meantime")]
    public void Should_tag_the_same_with_and_without_skipping_rules_on_TempEval3_and_MEANTIME()
    {
        // Given the texts of TempEval-3 training data and MEANTIME
        var texts = Directory.EnumerateFiles(Repo.Data("tempeval3"), "*.tml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Repo.Data("meantime"), "*.xml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).Select(f => TimeMlReader.ReadAnyFile(f).Text).ToList();

        // When they are tagged with and without skipping rules whose words are absent
        // Then the expressions are the same
        texts.Count.ShouldBe(376);
        AssertSameWithAndWithoutSkipping(texts);
    }

    [Fact]
    public void Should_run_rule_patterns_without_a_match_timeout()
    {
        // Given the rule set
        // Then no regex has a timeout, so what is found never depends on how loaded the machine is
        TimeRuleSet.Default.Rules.ShouldAllBe(r => r.Regex!.MatchTimeout == System.Text.RegularExpressions.Regex.InfiniteMatchTimeout);
    }

    [Fact]
    public void Should_tag_long_runs_of_number_words_and_digits()
    {
        // Given texts that make a badly written pattern backtrack: long runs of number words, digits and separators
        var words = string.Join(" ", Enumerable.Repeat("twenty-one hundred and", 400)) + " zzz";
        var digits = string.Join(" ", Enumerable.Repeat("1,000 1.5 1/2", 400)) + " year-old";
        var mixed = string.Concat(Enumerable.Repeat("Sept. 1 a.m. ", 300)) + "fiscal 1,0";

        // When they are tagged
        // Then tagging ends with well-formed spans
        foreach (var text in new[] { words, digits, mixed })
        {
            var found = TimeTagger.Default.Tag(text, TimeAnchor.Exact(Anchor));
            found.ShouldAllBe(e => e.Start >= 0 && e.End <= text.Length && e.Start < e.End);
        }
    }

    private static void AssertSameWithAndWithoutSkipping(IReadOnlyList<string> texts)
    {
        var all = new TimeTagger(options: new TimeTaggerOptions { SkipRulesWithoutTheirWords = false });
        var anchor = TimeAnchor.Exact(Anchor);
        foreach (var text in texts)
        {
            var skipping = TimeTagger.Default.Tag(text, anchor);
            var every = all.Tag(text, anchor);
            skipping.ShouldBe(every, text.Length > 80 ? text[..80] : text);
        }
    }

    internal static (string Text, int Start, int End, string Value) ParseExample(string example)
    {
        var arrow = example.LastIndexOf("=>", StringComparison.Ordinal);
        var left = example[..arrow].Trim();
        var value = example[(arrow + 2)..].Trim();
        var open = left.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (left, 0, left.Length, value);
        }

        var close = left.IndexOf(']', open);
        var text = left.Remove(close, 1).Remove(open, 1);
        return (text, open, close - 1, value);
    }
}
