using EmgSessions.Analysis.Numerics;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis.Tests.Numerics;

/// <summary>
/// The MVC percentile and the contraction detection without a copy of the envelope (issue 16: memory near one copy of
/// the signal, and speed) give the bits of the paths that copy it: the histogram percentile against selection over a
/// full copy, the bounded moving-average scan against the stored smoothed envelope. Compared exactly (no tolerance).
/// </summary>
public sealed class CopyFreeSelectionTests
{
    public static TheoryData<string> Shapes => new(["uniform", "ties", "zeros", "subnormal", "spread", "constant", "two-values", "envelope"]);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_histogram_percentile_equals_selection_over_a_copy(string shape)
    {
        var random = new Random(shape.Length * 7919);
        foreach (var n in new[] { 1, 2, 3, 7, 8, 100, 1001, 40_000 })
        {
            var values = Values(shape, n, random);
            foreach (var q in new[] { 0.0, 1.0, 50.0, 95.0, 99.9, 100.0 })
            {
                var expected = Percentile.OfAbsolute(values, q, new double[n]);

                var actual = Percentile.OfAbsolute(values, q);

                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                    $"{shape}, n = {n}, q = {q}: {expected:R} by selection, {actual:R} by histogram");
            }
        }
    }

    [Fact]
    public void A_nan_anywhere_makes_the_histogram_percentile_nan_as_selection_does()
    {
        double[] values = [1, 2, double.NaN, 4];

        Assert.True(double.IsNaN(Percentile.OfAbsolute(values, 95, new double[4])));
        Assert.True(double.IsNaN(Percentile.OfAbsolute(values, 95)));
        Assert.True(double.IsNaN(Percentile.OfAbsolute([], 95)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Runs_found_without_the_smoothed_envelope_equal_those_found_with_it(string shape)
    {
        var random = new Random(shape.Length * 104_729);
        foreach (var n in new[] { 120, 2047, 2048, 2049, 9000, 60_000 })
        {
            var envelope = Values(shape, n, random);
            foreach (var window in new[] { 1, 2, 49, 100, 256 })
            {
                foreach (var factor in new[] { 0.05, 0.2, 0.5, 1.0 })
                {
                    var settings = new DetectionSettings(factor, 100, window, 200, 50);

                    var expected = ContractionDetector.FindRuns(envelope, 1000, settings, new double[n]);
                    var actual = ContractionDetector.FindRuns(envelope, 1000, settings);

                    Assert.True(expected.SequenceEqual(actual), $"{shape}, n = {n}, window = {window}, factor = {factor}: {expected.Count} runs stored, {actual.Count} bounded");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_bounded_peak_is_the_largest_ordered_sum(string shape)
    {
        var random = new Random(shape.Length * 31);
        foreach (var window in new[] { 1, 49, 100 })
        {
            var x = Values(shape, 10_000, random);
            var smoothed = new double[x.Length];
            MovingAverage.SameOfAbsolute(x, window, smoothed);

            Assert.True(BoundedMovingAverage.TryPeak(x, window, out var peak));

            Assert.Equal(BitConverter.DoubleToInt64Bits(smoothed.Max()), BitConverter.DoubleToInt64Bits(peak));
        }
    }

    [Fact]
    public void Outputs_that_land_exactly_on_the_threshold_are_decided_by_their_ordered_sums()
    {
        // A plateau whose ordered window sums differ from the plateau value in the last bits (0.1·M/M), so that the
        // threshold (peak · 1.0) sits inside every estimate's bound: every comparison there needs the exact sum.
        var envelope = new double[6000];
        for (var i = 1000; i < 5000; i++)
        {
            envelope[i] = 0.1 + ((i % 3) * 1e-17);
        }

        var settings = new DetectionSettings(1.0, 0, 49, 0, 0);

        var expected = ContractionDetector.FindRuns(envelope, 1000, settings, new double[envelope.Length]);
        var actual = ContractionDetector.FindRuns(envelope, 1000, settings);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Values_beyond_the_double_range_fall_back_to_the_stored_smoothed_envelope()
    {
        var envelope = Enumerable.Repeat(1e308, 500).Concat(Enumerable.Repeat(0.0, 500)).ToArray();
        var settings = new DetectionSettings(0.2, 0, 49, 0, 0);

        Assert.False(BoundedMovingAverage.TryPeak(envelope, 49, out _));
        Assert.Equal(
            ContractionDetector.FindRuns(envelope, 1000, settings, new double[envelope.Length]),
            ContractionDetector.FindRuns(envelope, 1000, settings));
    }

    private static double[] Values(string shape, int n, Random random)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sign = random.Next(2) == 0 ? -1.0 : 1.0;
            x[i] = shape switch
            {
                "uniform" => sign * random.NextDouble(),
                "ties" => sign * random.Next(0, 40) * 0.1,
                "zeros" => random.Next(4) == 0 ? sign * random.NextDouble() : (random.Next(2) == 0 ? 0.0 : -0.0),
                "subnormal" => sign * double.Epsilon * random.Next(1, 1000),
                "spread" => sign * Math.Pow(10, random.Next(-300, 300)) * random.NextDouble(),
                "constant" => 0.3,
                "two-values" => random.Next(2) == 0 ? 1e-5 : 2e-5,
                _ => Math.Abs(Math.Sin(i / 150.0)) * 4e-4 * (1 + (0.1 * random.NextDouble())) + 1e-6,
            };
        }

        return x;
    }
}
