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
