using EmgSessions.Analysis.Numerics;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis.Tests.Numerics;

/// <summary>
/// The SIMD-lane kernels (several segments or signals per register) must give the bits of the one-at-a-time
/// computation: exact equality, no tolerance.
/// </summary>
public sealed class SimdLaneTests
{
    private static double[] Noise(int n, ulong seed, double offset = 0)
    {
        var x = new double[n];
        var state = seed;
        for (var i = 0; i < n; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var u = (state >> 11) * (1.0 / (1UL << 53));
            x[i] = offset + ((u - 0.5) * 1e-3) + (2e-4 * Math.Sin(2 * Math.PI * 60 * i / 990.0));
        }

        return x;
    }

    [Theory]
    [InlineData(256)]
    [InlineData(383)]
    [InlineData(384)]
    [InlineData(990)]
    [InlineData(1000)]
    [InlineData(5_001)]
    [InlineData(173_370)]
    public void Welch_in_four_lanes_gives_the_bits_of_one_segment_at_a_time(int length)
    {
        var x = Noise(length, (ulong)length, offset: 0.3);
        var lanes = new double[Welch.Bins];
        var single = new double[Welch.Bins];

        WelchLanes.Psds(x, [0], length, 990, lanes, new SpectralWorkspace());
        Welch.PsdOneSegmentAtATime(x, Welch.SegmentCount(length), 990, single, new SpectralWorkspace());

        Assert.Equal(single, lanes);
        Assert.All(single, p => Assert.True(p > 0));
    }

    [Fact]
    public void Welch_of_many_windows_in_lanes_equals_each_window_alone()
    {
        // 7 windows of 990 samples every 495 (the temporal statistics' geometry at 990 Hz): 42 segments, not a multiple of 4.
        var x = Noise(990 + (6 * 495), 5);
        int[] starts = [0, 495, 990, 1485, 1980, 2475, 2970];
        var psds = new double[starts.Length * Welch.Bins];

        WelchLanes.Psds(x, starts, 990, 990, psds, new SpectralWorkspace());

        for (var w = 0; w < starts.Length; w++)
        {
            var alone = new double[Welch.Bins];
            Welch.PsdOneSegmentAtATime(x.AsSpan(starts[w], 990), 6, 990, alone, new SpectralWorkspace());
            Assert.Equal(alone, psds.AsSpan(w * Welch.Bins, Welch.Bins).ToArray());
        }
    }

    [Fact]
    public void Welch_refuses_windows_shorter_than_a_segment()
    {
        Assert.Throws<ArgumentException>(() => WelchLanes.Psds(new double[300], [0], 255, 990, new double[Welch.Bins], new SpectralWorkspace()));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1000)]
    [InlineData(63_150)]
    public void A_pair_of_signals_is_filtered_to_the_bits_of_each_signal_alone(int length)
    {
        var a = Noise(length, 11, offset: 0.2);
        var b = Noise(length, 12, offset: -0.1);
        var filter = Butterworth.HighPass(20 / 495.0);
        var aloneA = new double[length];
        var aloneB = new double[length];
        var pairA = new double[length];
        var pairB = new double[length];

        ZeroPhaseFilter.Apply(filter, a, aloneA);
        ZeroPhaseFilter.Apply(filter, b, aloneB);
        ZeroPhaseFilter.ApplyPair(filter, a, b, pairA, pairB);

        Assert.Equal(aloneA, pairA);
        Assert.Equal(aloneB, pairB);
        Assert.NotEqual(aloneA, aloneB);
    }

    [Fact]
    public void Filtering_without_a_padded_copy_gives_the_bits_of_filtering_the_padded_signal()
    {
        // The reference: scipy's filtfilt literally (odd extension of 15, lfilter with zi·ext[0], reverse, again, cut).
        var x = Noise(2_000, 21, offset: 0.5);
        var filter = Butterworth.LowPass(10 / 495.0);
        var expected = PaddedFiltfilt(filter, x);
        var actual = new double[x.Length];
        var inPlace = (double[])x.Clone();

        ZeroPhaseFilter.Apply(filter, x, actual);
        ZeroPhaseFilter.Apply(filter, inPlace, inPlace);

        Assert.Equal(expected, actual);
        Assert.Equal(expected, inPlace);
    }

    [Fact]
    public void A_pair_of_envelopes_has_the_bits_of_each_envelope_built_alone()
    {
        var a = Noise(20_000, 31);
        var b = Noise(20_000, 32);
        var aloneA = new double[a.Length];
        var aloneB = new double[b.Length];
        var pairA = new double[a.Length];
        var pairB = new double[b.Length];

        var reportA = EnvelopeBuilder.Build(a, 990, aloneA);
        EnvelopeBuilder.Build(b, 990, aloneB);
        var pairReport = EnvelopeBuilder.BuildPair(a, b, 990, pairA, pairB);

        Assert.Equal(aloneA, pairA);
        Assert.Equal(aloneB, pairB);
        Assert.Equal(reportA.ProcessingSteps, pairReport.ProcessingSteps);
        Assert.Throws<ArgumentException>(() => EnvelopeBuilder.BuildPair(a, b[..100], 990, pairA, pairB.AsSpan(0, 100)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(49, 49)]
    [InlineData(100, 2_047)]
    [InlineData(100, 2_048)]
    [InlineData(49, 2_049)]
    [InlineData(256, 4_100)]
    [InlineData(4, 9_999)]
    public void The_blocked_moving_average_equals_each_window_summed_in_order_also_in_place(int window, int length)
    {
        var x = Noise(length, (ulong)(window + length), offset: -0.05);
        var expected = new double[length];
        for (var i = 0; i < length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < window; j++)
            {
                var k = i - (window / 2) + j;
                sum += k >= 0 && k < length ? Math.Abs(x[k]) * (1.0 / window) : 0.0;
            }

            expected[i] = sum;
        }

        var output = new double[length];
        var inPlace = (double[])x.Clone();
        MovingAverage.SameOfAbsolute(x, window, output);
        MovingAverage.SameOfAbsolute(inPlace, window, inPlace);

        Assert.Equal(expected, output);
        Assert.Equal(expected, inPlace);
    }

    private static double[] PaddedFiltfilt(IirCoefficients filter, double[] x)
    {
        const int pad = ZeroPhaseFilter.PadLength;
        var n = x.Length;
        var ext = new double[n + (2 * pad)];
        for (var k = pad; k >= 1; k--)
        {
            ext[pad - k] = (2 * x[0]) - x[k];
        }

        x.CopyTo(ext, pad);
        for (var k = 1; k <= pad; k++)
        {
            ext[pad + n - 1 + k] = (2 * x[n - 1]) - x[n - 1 - k];
        }

        var zi = ZeroPhaseFilter.SteadyStateInitialConditions(filter);
        Lfilter(filter, ext, zi, ext[0]);
        Array.Reverse(ext);
        Lfilter(filter, ext, zi, ext[0]);
        Array.Reverse(ext);
        return ext[pad..(pad + n)];
    }

    private static void Lfilter(IirCoefficients filter, double[] data, double[] zi, double scale)
    {
        var (b, a) = (filter.B, filter.A);
        var z = zi.Select(v => v * scale).ToArray();
        for (var k = 0; k < data.Length; k++)
        {
            var xn = data[k];
            var y = z[0] + (b[0] * xn);
            z[0] = z[1] + (xn * b[1]) - (y * a[1]);
            z[1] = z[2] + (xn * b[2]) - (y * a[2]);
            z[2] = z[3] + (xn * b[3]) - (y * a[3]);
            z[3] = (xn * b[4]) - (y * a[4]);
            data[k] = y;
        }
    }
}
