using System.Globalization;

namespace EmgSessions.Testing;

/// <summary>
/// The throwaway PostgreSQL server that <c>./test.sh</c> starts. Tests that need it never skip:
/// without the server the test fails and says how to start one.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "EMGS_TEST_POSTGRES";

    /// <summary>Connection string (Npgsql keywords) to the server's maintenance database.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {Variable} to an Npgsql connection string of a server where the tests may create databases.");

    /// <summary>A unique database name for one test class or test.</summary>
    public static string NewDatabaseName(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}")[..Math.Min(60, prefix.Length + 33)];
}
