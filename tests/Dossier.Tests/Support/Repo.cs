namespace Dossier.Tests.Support;

/// <summary>Locations of the repository, its samples, its case files, and the shared data beside it.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string Cases => Path.Combine(Root, "tests", "cases");

    /// <summary>../shared next to the repository (or $DOSSIER_SHARED).</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("DOSSIER_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Seeds => Path.Combine(Shared, "seeds");

    public static string Data(string name) => Path.Combine(Shared, "data", name);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dossier.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Dossier.slnx) above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A fact that needs ../shared. Skipped with a visible reason when it is absent, except under CI=true,
/// where the test runs (and fails on the missing data).
/// </summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute(string relativePath = "")
    {
        var full = Path.Combine(Repo.Shared, relativePath);
        if (!Repo.IsCi && !File.Exists(full) && !Directory.Exists(full))
        {
            Skip = $"needs ../shared/{relativePath} (not present here); runs and fails under CI=true";
        }
    }
}

/// <summary>The theory form of <see cref="SharedFactAttribute"/>.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute(string relativePath = "")
    {
        var full = Path.Combine(Repo.Shared, relativePath);
        if (!Repo.IsCi && !File.Exists(full) && !Directory.Exists(full))
        {
            Skip = $"needs ../shared/{relativePath} (not present here); runs and fails under CI=true";
        }
    }
}
