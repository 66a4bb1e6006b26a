using System.Globalization;

namespace EmgSessions.Testing;

/// <summary>
/// How long a fuzz test runs: a bounded default (seconds) in the normal test run, more on demand with
/// <c>EMGS_FUZZ_ITERATIONS</c> (e.g. <c>EMGS_FUZZ_ITERATIONS=1000000 ./test.sh --filter 'FullyQualifiedName~Fuzz'</c>).
/// The seed is fixed so a failure names an iteration that reproduces; <c>EMGS_FUZZ_SEED</c> changes it.
/// </summary>
internal static class FuzzBudget
{
    public const string IterationsVariable = "EMGS_FUZZ_ITERATIONS";
    public const string SeedVariable = "EMGS_FUZZ_SEED";

    public static int Iterations(int defaultIterations) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : defaultIterations;

    public static int Seed(int defaultSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
            ? s
            : defaultSeed;

    public static ulong Seed(ulong defaultSeed) =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : defaultSeed;
}
