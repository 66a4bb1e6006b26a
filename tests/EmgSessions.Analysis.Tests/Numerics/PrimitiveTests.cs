using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Tests.Numerics;

/// <summary>P1, P2, P4, P6, P7, P8 of emg-analysis.md §3.</summary>
public sealed class PrimitiveTests
{
    [Theory]
    [InlineData(990, 50, 49)]
    [InlineData(990, 100, 99)]
    [InlineData(990, 200, 198)]
    [InlineData(990, 1000, 990)]
    [InlineData(1000, 50, 50)]
    [InlineData(1000, 200, 200)]
    [InlineData(2000, 50, 100)]
    [InlineData(2000, 100, 200)]
    [InlineData(2000, 200, 400)]
    [InlineData(2000, 1000, 2000)]
    [InlineData(100, 290, 28)] // (290/1000)·100 = 28.999999999999996
    public void Converts_milliseconds_to_samples_by_dividing_multiplying_and_truncating(double fs, double ms, int expected)
    {
        Assert.Equal(expected, SampleCount.FromMilliseconds(ms, fs));
    }

    [Fact]
    public void Box_same_puts_the_extra_sample_of_an_even_window_on_the_left()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        var output = new double[6];

        MovingAverage.Same(x, 4, output);

        // M = 4: out[i] = (x[i−2] + x[i−1] + x[i] + x[i+1]) / 4, zeros outside.
        Numbers.AssertClose([(1 + 2) / 4.0, (1 + 2 + 3) / 4.0, 10 / 4.0, 14 / 4.0, 18 / 4.0, 15 / 4.0], output, 1e-15);
    }

    [Fact]
    public void Box_same_adds_the_terms_left_to_right_like_the_predecessor()
    {
        var x = new double[20];
        for (var i = 10; i < 20; i++)
        {
            x[i] = 1;
        }

        var output = new double[20];
        MovingAverage.Same(x, 5, output);

        // out[10] = 0 + 0 + 0.2 + 0.2 + 0.2 summed in order: 0.6000000000000001, strictly above 0.3·2.
        Assert.Equal(0.6000000000000001, output[10]);
        Assert.Equal(0.2 + 0.2, output[9]);
        Assert.Equal(0.2 + 0.2 + 0.2 + 0.2 + 0.2, output[15]);
    }

    [Fact]
    public void Box_same_vector_and_scalar_paths_agree_bit_for_bit()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 1037).Select(_ => random.NextDouble()).ToArray();
        var output = new double[x.Length];

        MovingAverage.Same(x, 49, output);

        for (var i = 0; i < x.Length; i++)
        {
            var sum = 0.0;
            for (var k = i - 24; k <= i + 24; k++)
            {
                sum += k >= 0 && k < x.Length ? x[k] * (1.0 / 49) : 0.0;
            }

            Assert.Equal(sum, output[i]);
        }
    }

    [Fact]
    public void Sums_pairwise_like_numpy()
    {
        // Values from a line-by-line re-implementation of numpy's pairwise_sum_DOUBLE.
        Assert.Equal(100.00000000000001, PairwiseSum.Sum(Enumerable.Repeat(0.1, 1000).ToArray()));
        Assert.Equal(6.386858904881903, PairwiseSum.Sum(Enumerable.Range(1, 333).Select(k => 1.0 / k).ToArray()));
        Assert.Equal(0.1 + 0.2 + 0.3, PairwiseSum.Sum([0.1, 0.2, 0.3]));
        Assert.Equal(0.0, PairwiseSum.Sum([]));
    }

    [Fact]
    public void Computes_population_and_sample_standard_deviations()
    {
        double[] x = [1, 2, 3, 4];

        Assert.Equal(1.118033988749895, Statistics.PopulationStd(x));
        Assert.Equal(1.2909944487358056, Statistics.SampleStd(x));
        Assert.Equal(2.5, Statistics.Mean(x));
    }

    [Fact]
    public void Takes_the_95th_percentile_with_numpys_linear_interpolation()
    {
        var values = Enumerable.Range(1, 10).Select(v => (double)-v).ToArray();
        var scratch = new double[10];

        // h = 9·0.95 = 8.549999999999999, t ≥ 0.5: 10 − (10 − 9)·(1 − t).
        Assert.Equal(9.549999999999999, Percentile.OfAbsolute(values, 95, scratch));
        Assert.Equal(5.5, Percentile.OfAbsolute(values, 50, scratch));
        Assert.Equal(7.0, Percentile.OfAbsolute([7.0], 95, new double[1]));
    }

    [Fact]
    public void Selects_order_statistics_of_shuffled_data_with_ties()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 5001).Select(_ => (double)random.Next(0, 300)).ToArray();
        var sorted = values.Order().ToArray();

        foreach (var k in new[] { 0, 17, 2500, 4750, 5000 })
        {
            var work = (double[])values.Clone();
            Percentile.Select(work, k);
            Assert.Equal(sorted[k], work[k]);
        }
    }

    [Fact]
    public void Zero_phase_filtering_keeps_a_constant_through_the_low_pass_and_removes_it_with_the_high_pass()
    {
        var x = Enumerable.Repeat(0.25, 500).ToArray();
        var low = new double[500];
        var high = new double[500];

        ZeroPhaseFilter.Apply(Butterworth.LowPass(10 / 495.0), x, low);
        ZeroPhaseFilter.Apply(Butterworth.HighPass(20 / 495.0), x, high);

        Assert.All(low, v => Numbers.AssertClose(0.25, v, 1e-9));
        Assert.All(high, v => Assert.True(Math.Abs(v) < 1e-12, $"{v}"));
    }

    [Fact]
    public void Zero_phase_filtering_refuses_signals_of_15_samples_or_fewer()
    {
        var x = new double[15];

        Assert.Throws<ArgumentException>(() => ZeroPhaseFilter.Apply(Butterworth.LowPass(0.1), x, new double[15]));
    }

    [Fact]
    public void Zero_phase_filtering_has_no_phase_shift()
    {
        // A 5 Hz sine through the 10 Hz low-pass keeps its zero crossings where they were.
        var x = Enumerable.Range(0, 2000).Select(i => Math.Sin(2 * Math.PI * 5 * i / 1000.0)).ToArray();
        var y = new double[2000];

        ZeroPhaseFilter.Apply(Butterworth.LowPass(10 / 500.0), x, y);

        Assert.True(Math.Abs(y[1000]) < 1e-3, $"{y[1000]}");
        Assert.True(y[950] < -0.9 && y[1050] > 0.9, $"{y[950]} {y[1050]}");
    }
}
