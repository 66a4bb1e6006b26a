namespace EmgSessions.Scoring.Tests;

/// <summary>Score assertions: scoring.md asks for the worked examples "exactly", i.e. within 1e-9 (absolute, on a 0–100 scale).</summary>
internal static class Close
{
    public const double Tolerance = 1e-9;

    public static void Equal(double expected, double? actual, double tolerance = Tolerance)
    {
        Assert.True(actual.HasValue, $"expected {expected:R}, got null");
        Assert.True(Math.Abs(actual.Value - expected) <= tolerance, $"expected {expected:R}, got {actual.Value:R} (tolerance {tolerance:R})");
    }
}
