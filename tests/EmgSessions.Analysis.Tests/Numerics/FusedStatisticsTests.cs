using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Tests.Numerics;

/// <summary>
/// Statistics computed in fewer passes (issue 16, speed) keep the bits of the one-at-a-time functions: the three
/// pairwise sums of one pass, the std from a known mean, and the lane-wise extremes (zeros' signs and NaN included).
/// </summary>
public sealed class FusedStatisticsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(990)]
    [InlineData(173_370)]
    public void One_pass_gives_each_pairwise_sum_bit_for_bit(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 3))).ToArray();

        var (sum, squares, absolutes) = PairwiseSum.Sums(x);

        Assert.Equal(BitConverter.DoubleToInt64Bits(PairwiseSum.Sum(x)), BitConverter.DoubleToInt64Bits(sum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(PairwiseSum.SumOfSquares(x)), BitConverter.DoubleToInt64Bits(squares));
        Assert.Equal(BitConverter.DoubleToInt64Bits(PairwiseSum.SumOfAbsolute(x)), BitConverter.DoubleToInt64Bits(absolutes));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Statistics.PopulationStd(x)), BitConverter.DoubleToInt64Bits(Statistics.PopulationStd(x, Statistics.Mean(x))));
    }

    public static TheoryData<double[]> ExtremeCases => new()
    {
        { [3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0, 6.0, 5.0, -3.0, 5.0] },
        { [0.0, -0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0] },
        { [-0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0] },
        { [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 0.0, -0.0, -0.0] },
        { [-1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -0.0, 0.0] },
        { [double.NaN, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0] },
        { [1.0, 2.0, double.NaN, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, -9.0] },
        { [double.NegativeInfinity, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, double.PositiveInfinity] },
        { [1.0, 1.0, 1.0, 1.0, 1.0, -0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0] }, // the first zero is in lane 1, a later one in lane 0
        { [5.0] },
    };

    [Theory]
    [MemberData(nameof(ExtremeCases))]
    public void Lane_wise_extremes_equal_the_scan_from_the_first_value(double[] x)
    {
        double min = x[0], max = x[0];
        foreach (var v in x)
        {
            min = v < min ? v : min;
            max = v > max ? v : max;
        }

        var (actualMin, actualMax) = Statistics.MinMax(x);

        Assert.Equal(BitConverter.DoubleToInt64Bits(min), BitConverter.DoubleToInt64Bits(actualMin));
        Assert.Equal(BitConverter.DoubleToInt64Bits(max), BitConverter.DoubleToInt64Bits(actualMax));
    }
}
