using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Tests.Numerics;

public sealed class SpectralMetricsTests
{
    private const double Tolerance = 1e-9;

    private static double[] ThreeSines()
    {
        // T1: t = linspace(0, 1, 1000).
        var x = new double[1000];
        for (var i = 0; i < x.Length; i++)
        {
            var t = i * (1.0 / 999);
            x[i] = Math.Sin(2 * Math.PI * 10 * t) + (0.5 * Math.Sin(2 * Math.PI * 50 * t)) + (0.25 * Math.Sin(2 * Math.PI * 100 * t));
        }

        return x;
    }

    private static double[] Frequencies(double fs)
    {
        var f = new double[Welch.Bins];
        Welch.Frequencies(fs, f);
        return f;
    }

    [Fact]
    public void Reproduces_T1_for_three_sines()
    {
        var x = ThreeSines();

        var metrics = SpectralMetrics.Compute(x, 1000, Frequencies(1000));

        Numbers.AssertClose(0.809687439695096, Statistics.Rms(x), 1e-13);
        Numbers.AssertClose(0.699575702173381, Statistics.MeanAbsolute(x), 1e-13);
        Numbers.AssertClose(21.7822620480471, metrics.MeanFrequency, 1e-13);
        Assert.Equal(11.71875, metrics.MedianFrequency);
        Numbers.AssertClose(1.53522033297181e-10, metrics.FatigueIndex, 1e-13);
    }

    [Fact]
    public void Gives_no_spectral_metrics_for_short_or_constant_signals()
    {
        var shortSine = ThreeSines()[..100];
        var constant = Enumerable.Repeat(0.25, 2000).ToArray();

        Assert.Equal(SpectralMetrics.None, SpectralMetrics.Compute(shortSine, 1000, Frequencies(1000)));
        Assert.Equal(SpectralMetrics.None, SpectralMetrics.Compute(constant, 1000, Frequencies(1000)));
        Assert.Equal(0.0, Statistics.Rms([]));
        Assert.Equal(0.0, Statistics.MeanAbsolute(new double[50]));
    }

    [Fact]
    public void Uses_the_periodic_Hann_window_of_T8()
    {
        // The spec prints 1.50590651897764e-4; 0.5 − 0.5·cos(2π/256) is 1.5059065189787502e-4 in IEEE double
        // (sin²(π/256) = 1.5059065189788992e-4), so the printed value is good to about 1e-12 only.
        Assert.Equal(1.5059065189787502e-4, Welch.Window[1]);
        Numbers.AssertClose(1.50590651897764e-4, Welch.Window[1], 1e-11);
        Assert.Equal(1.0, Welch.Window[128]);
        Assert.Equal(0.0, Welch.Window[0]);
        Numbers.AssertClose(96.0, Welch.Window.Sum(w => w * w), 1e-14);
    }

    [Fact]
    public void Quantises_the_median_frequency_to_fs_over_256()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() - 0.5).ToArray();

        var metrics = SpectralMetrics.Compute(x, 990, Frequencies(990));

        var bins = metrics.MedianFrequency!.Value / (990 / 256.0);
        Assert.Equal(Math.Round(bins), bins);
        Assert.InRange(metrics.MeanFrequency!.Value, 200, 300);
    }

    [Fact]
    public void Transforms_256_points_like_a_direct_DFT()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 256).Select(_ => random.NextDouble() - 0.3).ToArray();
        var re = new double[129];
        var im = new double[129];

        RealFft256.Forward(x, re, im);

        for (var k = 0; k <= 128; k++)
        {
            double sr = 0, si = 0;
            for (var n = 0; n < 256; n++)
            {
                var angle = -2 * Math.PI * ((k * n) % 256) / 256;
                sr += x[n] * Math.Cos(angle);
                si += x[n] * Math.Sin(angle);
            }

            Assert.True(Math.Abs(sr - re[k]) < 1e-12 && Math.Abs(si - im[k]) < 1e-12, $"bin {k}: {re[k]}+{im[k]}i vs {sr}+{si}i");
        }
    }
}
