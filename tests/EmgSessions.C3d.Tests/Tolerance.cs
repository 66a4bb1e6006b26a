namespace EmgSessions.C3d.Tests;

/// <summary>Float comparison with a relative tolerance (absolute near zero).</summary>
internal static class Tolerance
{
    public static void Equal(double expected, double actual, double relative, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }

        var allowed = relative * Math.Max(Math.Abs(expected), 1e-300) + 1e-300;
        if (Math.Abs(expected - actual) > allowed && !(Math.Abs(expected) < 1e-12 && Math.Abs(actual) < 1e-12))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relative})");
        }
    }
}
