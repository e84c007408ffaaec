using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Cli;
using Dossier.Tests.Support;

namespace Dossier.Tests.Readme;

/// <summary>
/// The README's examples are tests: every <c>./dossier</c> command in its fenced sh blocks runs in-process with
/// the same arguments (the reader's own folder and database mapped to the samples and a temporary file), every
/// path it names exists, and its exit code table is the CLI's.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    private static List<string> ShellLines() =>
        [.. ShellBlock().Matches(Readme)
            .SelectMany(m => m.Groups["body"].Value.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void Should_show_the_two_commands_in_sh_blocks()
    {
        // Given the README's shell examples
        var lines = ShellLines();

        // Then the main job and the test command are there, and CI calls the same test command
        lines.ShouldContain("./dossier analyze samples");
        lines.ShouldContain("scripts/test");
        var ci = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
        ci.ShouldContain("CI=true");
        ci.ShouldContain("scripts/test");
    }

    [Fact]
    public void Should_run_every_dossier_example_against_the_samples()
    {
        // Given the README's ./dossier examples, in order, with ~/news read as the samples, my.db as a temporary store
        // and repository paths resolved from the repository root
        using var temp = new TempDir();
        // (examples that need a PostgreSQL server are not runnable in-process)
        var examples = ShellLines()
            .Where(l => l.StartsWith("./dossier ", StringComparison.Ordinal) && !l.Contains("postgres://", StringComparison.Ordinal))
            .ToList();
        examples.Count.ShouldBeGreaterThanOrEqualTo(10);

        foreach (var line in examples)
        {
            var (args, redirect) = Parse(line);
            var mapped = args.Select(a => a switch
            {
                "samples" or "~/news" => Repo.Samples,
                "my.db" => temp.File("my.db"),
                _ when a.StartsWith("samples/", StringComparison.Ordinal) => Path.Combine(Repo.Root, a),
                _ => a,
            }).ToArray();

            // When each runs in-process
            var r = CliRunner.Run(mapped);

            // Then it succeeds (2 = some inputs skipped is success too) and prints something
            r.ExitCode.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.SomeSkipped], $"`{line}` failed: {r.Error}");
            (r.Out + r.Console).Trim().ShouldNotBeEmpty($"`{line}` printed nothing");
            if (args.Contains("--json") || redirect?.EndsWith(".json", StringComparison.Ordinal) == true)
            {
                Should.NotThrow(() => JsonDocument.Parse(r.Out).Dispose(), $"`{line}` did not print JSON");
            }
        }
    }

    [Fact]
    public void Should_parse_the_examples_that_need_a_postgres_server()
    {
        // Given the README's examples against a PostgreSQL store (not runnable here)
        var examples = ShellLines()
            .Where(l => l.StartsWith("./dossier ", StringComparison.Ordinal) && l.Contains("postgres://", StringComparison.Ordinal))
            .ToList();
        examples.ShouldNotBeEmpty();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = Program.BuildRoot(new CliContext(new Spectre.Console.Testing.TestConsole(), stdout, stderr, TimeProvider.System, interactive: false));

        foreach (var line in examples)
        {
            // When each is parsed by the CLI
            var parse = root.Parse(Parse(line).Args);

            // Then its verb and options exist
            parse.Errors.Select(e => e.Message).ShouldBeEmpty($"`{line}`");
        }
    }

    [Fact]
    public void Should_name_only_paths_that_exist()
    {
        // Given every repository path the README names: link targets, code spans and commands that look like paths
        var candidates = new List<string>();
        candidates.AddRange(Link().Matches(Readme).Select(m => m.Groups["target"].Value));
        var prose = ShellBlock().Replace(Readme, string.Empty);
        candidates.AddRange(CodeSpan().Matches(prose).Select(m => m.Groups["code"].Value));
        candidates.AddRange(ShellLines().Select(l => l.Split(' ')[0]));
        var paths = candidates
            .Where(c => c.Contains('/', StringComparison.Ordinal) && !c.Contains(' ', StringComparison.Ordinal))
            .Where(c => !c.StartsWith("http", StringComparison.Ordinal) && !c.StartsWith("../", StringComparison.Ordinal)
                && c[0] is not ('~' or '$' or '-' or '\'') && !c.Contains('*', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        paths.ShouldContain("scripts/test");

        // Then each exists in the repository
        var missing = paths.Where(p => !File.Exists(Path.Combine(Repo.Root, p)) && !Directory.Exists(Path.Combine(Repo.Root, p))).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Should_document_exactly_the_exit_codes_of_the_cli()
    {
        // Given the exit code table of the README and the CLI's exit codes
        var documented = ExitCodeRow().Matches(Readme).Select(m => int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var actual = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).Order().ToList();

        // Then they are the same codes
        documented.ShouldBe(actual);
    }

    /// <summary>Splits a command line like a POSIX shell would for these simple examples: words, single quotes, one trailing redirect.</summary>
    private static (string[] Args, string? Redirect) Parse(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var ch in line)
        {
            if (ch == '\'')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (ch == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(ch);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        words.ShouldNotContain("|", $"`{line}`: pipes are not supported in README examples");
        string? redirect = null;
        var gt = words.IndexOf(">");
        if (gt >= 0)
        {
            gt.ShouldBe(words.Count - 2, $"`{line}`: only one trailing redirect is supported");
            redirect = words[^1];
            words.RemoveRange(gt, 2);
        }

        words[0].ShouldBe("./dossier");
        return ([.. words.Skip(1)], redirect);
    }

    [GeneratedRegex(@"^```sh\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"`(?<code>[^`\n]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^\| (?<code>\d+) \|", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ExitCodeRow();
}
