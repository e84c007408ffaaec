using Dossier.Tests.Support;

namespace Dossier.Tests.Samples;

/// <summary>
/// What people see: <c>dossier analyze samples</c> rendered at 120 columns is compared with the expectation file
/// tests/expected/analyze-samples.txt. After an intended change, regenerate it with
/// <c>DOSSIER_ACCEPT=1 dotnet test tests/Dossier.Tests --filter FullyQualifiedName~AnalyzeViewTests</c> and review
/// the diff.
/// </summary>
public sealed class AnalyzeViewTests
{
    private static readonly string Expected = Path.Combine(Repo.Root, "tests", "expected", "analyze-samples.txt");

    [Fact]
    public void Should_render_the_samples_analysis_as_the_expectation_file_shows()
    {
        // Given the bundled samples
        // When they are analysed for people (no --json) at a fixed width and clock
        var result = CliRunner.Run("analyze", Repo.Samples);
        var rendered = Normalise(result.Console + result.Out);

        // Then the command succeeds and its tables and cited summary are the expected ones
        result.ExitCode.ShouldBe(0, result.Error);
        if (Environment.GetEnvironmentVariable("DOSSIER_ACCEPT") == "1")
        {
            File.WriteAllText(Expected, rendered);
        }

        File.Exists(Expected).ShouldBeTrue($"{Expected} is missing: run with DOSSIER_ACCEPT=1 to create it");
        rendered.ShouldBe(Normalise(File.ReadAllText(Expected)));
    }

    private static string Normalise(string s) =>
        string.Join('\n', s.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";
}
