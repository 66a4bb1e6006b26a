namespace EmgSessions.Analysis.Tests;

/// <summary>Float assertions with a relative tolerance: |actual − expected| ≤ tol · max(|actual|, |expected|).</summary>
internal static class Numbers
{
    public static bool Close(double expected, double actual, double relativeTolerance)
    {
        if (expected == actual)
        {
            return true;
        }

        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return false;
        }

        return Math.Abs(actual - expected) <= relativeTolerance * Math.Max(Math.Abs(actual), Math.Abs(expected));
    }

    public static void AssertClose(double expected, double actual, double relativeTolerance)
    {
        Assert.True(
            Close(expected, actual, relativeTolerance),
            $"expected {expected:R}, got {actual:R} (relative tolerance {relativeTolerance:R})");
    }

    public static void AssertClose(double? expected, double? actual, double relativeTolerance)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e && actual is { } a)
        {
            AssertClose(e, a, relativeTolerance);
        }
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relativeTolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(
                Close(expected[i], actual[i], relativeTolerance),
                $"[{i}]: expected {expected[i]:R}, got {actual[i]:R} (relative tolerance {relativeTolerance:R})");
        }
    }
}
