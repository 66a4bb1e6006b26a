namespace EmgSessions.Testing;

/// <summary>
/// Paths to the shared data that lives beside the repository (<c>../shared</c>). Data files are never
/// copied into the project; tests read them where they are.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> SharedRoot = new(FindSharedRoot);

    public static string Shared => SharedRoot.Value;

    public static string RepositoryRoot => Path.GetDirectoryName(Shared) is { } parent
        ? FindRepositoryRoot() ?? Path.Combine(parent, "main")
        : throw new InvalidOperationException("The shared folder has no parent.");

    public static string Samples => Path.Combine(Shared, "samples");

    public static string Reference => Path.Combine(Shared, "reference");

    public static string C3dSuite => Path.Combine(Shared, "c3d-suite");

    public const string Ghostly0409 = "Ghostly_Emg_20230321_17-23-09-0409";
    public const string Ghostly0881 = "Ghostly_Emg_20230321_17-50-17-0881";
    public const string Ghostly0823 = "Ghostly_Emg_20250310_11-46-23-0823";

    public static IReadOnlyList<string> GhostlyStems { get; } = [Ghostly0409, Ghostly0881, Ghostly0823];

    public static string Sample(string stem) => Path.Combine(Samples, stem + ".c3d");

    public static string ReaderReference(string stem) => Path.Combine(Reference, stem + ".c3d.json");

    public static string AnalysisReference(string stem) => Path.Combine(Reference, stem + ".analysis.json");

    public static string SuiteFile(string fileName) => Path.Combine(C3dSuite, fileName);

    public static IReadOnlyList<string> SuiteFileNames() =>
        Directory.GetFiles(C3dSuite, "*.c3d").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string FindSharedRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("EMGS_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var repository = FindRepositoryRoot()
            ?? throw new InvalidOperationException("Cannot find EmgSessions.sln above " + AppContext.BaseDirectory);
        var shared = Path.GetFullPath(Path.Combine(repository, "..", "shared"));
        if (!Directory.Exists(Path.Combine(shared, "samples")))
        {
            throw new InvalidOperationException(
                $"The shared test data was not found at {shared}. Clone the project beside 'shared/' or set EMGS_SHARED.");
        }

        return shared;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmgSessions.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
