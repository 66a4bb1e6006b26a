using System.Globalization;

namespace EmgSessions.Tests.Fuzzing;

/// <summary>
/// Iterations of a fuzz test: a bounded default in the normal test run, more on demand with
/// <c>EMGS_FUZZ_ITERATIONS</c> (the same variable as the webhook fuzzers); <c>EMGS_FUZZ_SEED</c> changes the seed.
/// </summary>
internal static class FuzzBudget
{
    public static int Iterations(int defaultIterations) =>
        int.TryParse(Environment.GetEnvironmentVariable("EMGS_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : defaultIterations;

    public static ulong Seed(ulong defaultSeed) =>
        ulong.TryParse(Environment.GetEnvironmentVariable("EMGS_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : defaultSeed;
}
