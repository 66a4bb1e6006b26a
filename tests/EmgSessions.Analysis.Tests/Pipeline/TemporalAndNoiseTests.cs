using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>T5 (noise with one long burst, properties only) and T9 (temporal window counts) of §9.1.</summary>
public sealed class TemporalAndNoiseTests
{
    private static double[] NoiseWithBurst()
    {
        // N(0, 0.001) noise (Box–Muller, fixed seed) plus 0.1 on [1000, 3500).
        var random = new Random(2024);
        var x = new double[5000];
        for (var i = 0; i < x.Length; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            x[i] = 0.001 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            if (i >= 1000 && i < 3500)
            {
                x[i] += 0.1;
            }
        }

        return x;
    }

    private static ContractionSummary Detect(double? mvc, double? duration)
    {
        var x = NoiseWithBurst();
        var runs = ContractionDetector.FindRuns(x, 1000, new DetectionSettings(0.2, 100, 50, 200, 50));
        return ContractionDetector.Summarise(x, 1000, runs, mvc, duration);
    }

    [Fact]
    public void T5_without_thresholds_no_flag_is_set()
    {
        var result = Detect(null, null);

        Assert.NotEmpty(result.Contractions);
        Assert.All(result.Contractions, c => Assert.False(c.IsGood || c.MeetsMvc || c.MeetsDuration));
    }

    [Fact]
    public void T5_with_a_duration_threshold_only_the_long_burst_is_good()
    {
        var result = Detect(null, 2000);

        Assert.True(result.DurationCount >= 1);
        Assert.Equal(0, result.MvcCount);
        Assert.True(result.GoodCount >= 1);
    }

    [Fact]
    public void T5_with_both_thresholds_every_count_is_positive()
    {
        var result = Detect(0.05, 2000);

        Assert.True(result.Contractions.Count >= 1 && result.GoodCount >= 1 && result.MvcCount >= 1 && result.DurationCount >= 1);
    }

    [Fact]
    public void T9_counts_29_windows_for_15000_samples_and_none_below_one_window()
    {
        var frequencies = new double[129];
        Analysis.Numerics.Welch.Frequencies(1000, frequencies);
        var random = new Random(1);
        var x = Enumerable.Range(0, 15000).Select(_ => random.NextDouble()).ToArray();

        var full = TemporalAnalyzer.Compute(x, 1000, frequencies);
        var tooShort = TemporalAnalyzer.Compute(x.AsSpan(0, 999), 1000, frequencies);

        Assert.Equal(29, full.Rms.ValidWindows);
        Assert.Equal(29, full.Mpf.ValidWindows);
        Assert.Equal(TemporalStatistics.Empty, tooShort.Rms);
        Assert.Equal(TemporalStatistics.Empty, tooShort.Mdf);
    }

    [Fact]
    public void T9_flat_windows_are_left_out_of_the_spectral_counts_only()
    {
        var frequencies = new double[129];
        Analysis.Numerics.Welch.Frequencies(1000, frequencies);
        var random = new Random(1);
        var x = Enumerable.Range(0, 15000).Select(i => i < 5000 ? 0.5 : random.NextDouble()).ToArray();

        var result = TemporalAnalyzer.Compute(x, 1000, frequencies);

        // Windows start every 500 samples; those starting at 0…4000 (9 of them) hold only the constant.
        Assert.Equal(29, result.Rms.ValidWindows);
        Assert.Equal(20, result.Mpf.ValidWindows);
        Assert.Equal(20, result.FatigueIndex.ValidWindows);
    }

    [Fact]
    public void Fewer_than_three_values_give_null_statistics_with_their_count()
    {
        Assert.Equal(new TemporalStatistics(null, null, null, null, 2, null), TemporalAnalyzer.Summarise([1.0, 2.0]));
        Assert.Equal(new TemporalStatistics(2.0, 1.0, 1.0, 3.0, 3, 0.5), TemporalAnalyzer.Summarise([1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Computes_the_display_rms_envelope_of_T10()
    {
        var rms = EmgDisplaySignals.RmsEnvelope(SyntheticSignals.T10(), 1000);

        Numbers.AssertClose(0.000147017829850335, rms[0], 1e-9);
        Numbers.AssertClose(0.000209664064603214, rms[24], 1e-9);
        Numbers.AssertClose(0.000211842330479921, rms[25], 1e-9);
        Numbers.AssertClose(0.000826522419777886, rms[3000], 1e-9);
        Numbers.AssertClose(0.000149503039471112, rms[14999], 1e-9);
        Assert.Empty(EmgDisplaySignals.RmsEnvelope([1.0, 2.0], 10));
    }
}
