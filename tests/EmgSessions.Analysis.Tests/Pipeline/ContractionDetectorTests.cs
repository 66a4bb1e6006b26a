using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>T2, T3, T4, T6, T7 of emg-analysis.md §9.1 (fs = 1000).</summary>
public sealed class ContractionDetectorTests
{
    private const double Fs = 1000;

    private static double[] Bursts(int length, params (int Start, int End, double Value)[] bursts)
    {
        var x = new double[length];
        foreach (var (start, end, value) in bursts)
        {
            Array.Fill(x, value, start, end - start);
        }

        return x;
    }

    private static ContractionSummary Detect(double[] x, DetectionSettings settings, double? mvc = null, double? duration = null) =>
        ContractionDetector.Summarise(x, Fs, ContractionDetector.FindRuns(x, Fs, settings), mvc, duration);

    private static readonly DetectionSettings T2Settings = new(0.3, 50, 5, 0, 0);

    [Fact]
    public void T2_finds_two_bursts_with_their_predecessor_boundaries_and_ignores_the_small_one()
    {
        var x = Bursts(1000, (100, 200, 1), (400, 600, 2), (800, 850, 0.5));

        var result = Detect(x, T2Settings);

        Assert.Equal(2, result.Contractions.Count);
        var (first, second) = (result.Contractions[0], result.Contractions[1]);
        Assert.Equal((100, 200, 100.0), (first.StartSample, first.EndSample, first.DurationMs));
        Numbers.AssertClose(100 / 101.0, first.MeanAmplitude, 1e-12);
        Assert.Equal(1.0, first.MaxAmplitude);
        Assert.Equal((399, 601, 202.0), (second.StartSample, second.EndSample, second.DurationMs));
        Numbers.AssertClose(400 / 203.0, second.MeanAmplitude, 1e-12);
        Assert.Equal(2.0, second.MaxAmplitude);
        Assert.StartsWith("0.990099", first.MeanAmplitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.StartsWith("1.970443", second.MeanAmplitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void T2_keeps_both_at_a_60_ms_minimum_and_rates_one_good_at_an_MVC_of_1_5()
    {
        var x = Bursts(1000, (100, 200, 1), (400, 600, 2), (800, 850, 0.5));

        Assert.Equal(2, Detect(x, T2Settings with { MinDurationMs = 60 }).Contractions.Count);
        var rated = Detect(x, T2Settings, mvc: 1.5);
        Assert.Equal((1, 1, 0), (rated.GoodCount, rated.MvcCount, rated.DurationCount));
        Assert.False(rated.Contractions[0].IsGood);
        Assert.True(rated.Contractions[1].IsGood);
    }

    [Fact]
    public void T3_finds_the_third_burst_at_a_lower_threshold_and_merges_everything_within_200_ms()
    {
        var x = Bursts(1000, (100, 200, 1), (400, 600, 2), (800, 900, 1.5));
        var settings = new DetectionSettings(0.2, 50, 5, 0, 0);

        var separate = Detect(x, settings);
        var merged = Detect(x, settings with { MergeGapMs = 200 });

        Assert.Equal(3, separate.Contractions.Count);
        Assert.Equal((799, 901, 102.0), (separate.Contractions[2].StartSample, separate.Contractions[2].EndSample, separate.Contractions[2].DurationMs));
        var only = Assert.Single(merged.Contractions);
        Assert.Equal((100, 901, 801.0), (only.StartSample, only.EndSample, only.DurationMs));
    }

    [Fact]
    public void T4_ends_a_run_that_reaches_the_last_sample_at_N_minus_1()
    {
        var atEnd = Detect(Bursts(1000, (900, 1000, 1)), T2Settings);
        var atStart = Detect(Bursts(1000, (0, 100, 1)), T2Settings);

        var end = Assert.Single(atEnd.Contractions);
        Assert.Equal((899, 999, 100.0), (end.StartSample, end.EndSample, end.DurationMs));
        var start = Assert.Single(atStart.Contractions);
        Assert.Equal((0, 101, 101.0), (start.StartSample, start.EndSample, start.DurationMs));
    }

    [Fact]
    public void T6_finds_nothing_in_silence_or_in_a_signal_shorter_than_the_smoothing_window()
    {
        var silent = Detect(new double[1000], T2Settings);
        var tooShort = Detect(Bursts(4, (0, 4, 1)), T2Settings);

        Assert.Empty(silent.Contractions);
        Assert.Equal((0, 0.0, 0.0, 0.0), (silent.GoodCount, silent.AvgDurationMs, silent.AvgAmplitude, silent.MaxAmplitude));
        Assert.Empty(tooShort.Contractions);
    }

    [Theory]
    [InlineData(200, 50, new[] { 500, 1000 })]
    [InlineData(200, 0, new[] { 500, 1500 })]
    [InlineData(0, 0, new[] { 500, 1000, 1030, 1500 })]
    public void T7_drops_a_burst_inside_the_refractory_period_instead_of_merging_it(double mergeMs, double refractoryMs, int[] boundaries)
    {
        var x = Bursts(3000, (500, 1000, 1), (1030, 1500, 1));

        var result = Detect(x, new DetectionSettings(0.2, 100, 1, mergeMs, refractoryMs));

        Assert.Equal(boundaries, result.Contractions.SelectMany(c => new[] { c.StartSample, c.EndSample }).ToArray());
    }

    [Fact]
    public void A_zero_duration_threshold_keeps_the_results_and_never_meets_the_duration()
    {
        var x = Bursts(1000, (100, 200, 1), (400, 600, 2));

        var zero = Detect(x, T2Settings, mvc: 0.5, duration: 0);
        var none = Detect(x, T2Settings, mvc: null, duration: null);

        Assert.Equal(2, zero.Contractions.Count);
        Assert.All(zero.Contractions, c => Assert.False(c.MeetsDuration));
        Assert.Equal((2, 2, 0), (zero.GoodCount, zero.MvcCount, zero.DurationCount));
        Assert.All(none.Contractions, c => Assert.False(c.IsGood || c.MeetsMvc || c.MeetsDuration));
    }

    [Fact]
    public void Thresholds_are_inclusive_at_their_edges()
    {
        var x = Bursts(1000, (100, 200, 1), (400, 600, 2));

        var atMax = Detect(x, T2Settings, mvc: 2.0, duration: 202);
        var justAbove = Detect(x, T2Settings, mvc: Math.BitIncrement(2.0), duration: Math.BitIncrement(202.0));

        Assert.Equal((1, 1, 1), (atMax.MvcCount, atMax.DurationCount, atMax.GoodCount));
        Assert.Equal((0, 0, 0), (justAbove.MvcCount, justAbove.DurationCount, justAbove.GoodCount));
    }
}
