using System.Text.Json;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>Pipeline scenarios of §9.4 and the fixes F1, F2, F4, F7, F8 (synthetic signal as channel "CH1").</summary>
public sealed class EmgAnalyzerTests
{
    private static readonly double[] Signal = SyntheticSignals.T10();

    private static ChannelAnalysis Ch1(AnalysisOptions options) =>
        EmgAnalyzer.Analyze(SyntheticSignals.Recording(Signal), options).Channel("CH1")!;

    [Fact]
    public void T12_picks_the_MVC_threshold_by_priority()
    {
        var backend = Ch1(AnalysisOptions.Default);
        var global = Ch1(new AnalysisOptions { SessionMvcValue = 0.0008, SessionMvcThresholdPercentage = 75 });
        var user = Ch1(new AnalysisOptions
        {
            SessionMvcValue = 0.0009,
            SessionMvcValues = new Dictionary<string, double?> { ["CH1"] = 0.0008 },
            SessionMvcThresholdPercentages = new Dictionary<string, double?> { ["CH1"] = 50 },
        });

        Assert.Equal(MvcThreshold.BackendEstimation, backend.MvcEstimationMethod);
        Numbers.AssertClose(0.75 * 0.000679859294565042, backend.MvcThresholdActualValue, 1e-9);
        Assert.Equal((MvcThreshold.GlobalProvided, 0.0008 * 0.75), (global.MvcEstimationMethod, global.MvcThresholdActualValue));
        Assert.Equal((MvcThreshold.UserProvided, 0.0008 * 0.5), (user.MvcEstimationMethod, user.MvcThresholdActualValue));
    }

    [Fact]
    public void T12_reads_per_muscle_duration_thresholds_in_seconds()
    {
        var channel = Ch1(new AnalysisOptions { SessionDurationThresholdsPerMuscle = new Dictionary<string, double?> { ["CH1"] = 0.2 } });

        Assert.Equal(200.0, channel.DurationThresholdActualValue);
        Assert.Equal((3, 3), (channel.GoodContractionCount, channel.DurationContractionCount));
    }

    [Fact]
    public void A_present_but_null_per_muscle_duration_falls_back_to_the_global_one()
    {
        var channel = Ch1(new AnalysisOptions
        {
            ContractionDurationThreshold = 250,
            SessionDurationThresholdsPerMuscle = new Dictionary<string, double?> { ["CH1"] = null },
        });

        Assert.Equal(250.0, channel.DurationThresholdActualValue);
        Assert.Equal(3, channel.DurationContractionCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(null)]
    public void F2_a_zero_or_missing_duration_threshold_keeps_the_contractions_and_never_meets_the_duration(double? threshold)
    {
        var channel = Ch1(new AnalysisOptions { ContractionDurationThreshold = threshold });

        Assert.Equal(4, channel.ContractionCount);
        Assert.Equal(threshold, channel.DurationThresholdActualValue);
        Assert.Equal((0, 4, 4), (channel.DurationContractionCount, channel.MvcContractionCount, channel.GoodContractionCount));
        Assert.All(channel.Contractions, c => Assert.False(c.MeetsDuration));
    }

    [Fact]
    public void An_explicit_zero_percent_counts_as_missing_for_the_backend_estimate()
    {
        var zero = Ch1(new AnalysisOptions { SessionMvcThresholdPercentage = 0 });
        var defaults = Ch1(AnalysisOptions.Default);

        Assert.Equal(defaults.MvcThresholdActualValue, zero.MvcThresholdActualValue);
        Assert.Equal(75.0, zero.MvcPercentageUsed);
    }

    [Fact]
    public void T13_lists_the_channels_cleanly_and_in_the_predecessors_way()
    {
        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], [Signal, Signal, Signal, Signal], 1000));

        Assert.Equal(["CH1", "CH2"], result.Analytics.Select(a => a.Name));
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated", "CH1 Processed", "CH2 Processed"], result.AvailableChannels);
        Assert.Equal(
            ["CH1 Raw", "CH1 Raw Raw", "CH2 Raw", "CH2 Raw Raw", "CH1 activated", "CH1 activated Raw", "CH2 activated", "CH2 activated Raw", "CH1 Processed", "CH2 Processed"],
            result.CompatAvailableChannels);
    }

    [Fact]
    public void T14_a_short_channel_stays_in_the_result_with_its_error_and_the_others_are_unchanged()
    {
        var alone = EmgAnalyzer.Analyze(SyntheticSignals.Recording(Signal)).Channel("CH1")!;

        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1 Raw", "CH2 Raw"], [Signal, Signal[..900]], 1000));

        var shortChannel = result.Channel("CH2")!;
        Assert.Equal("Signal processing failed: Signal too short: 900 samples < 1000 required", Assert.Single(shortChannel.Errors!).Value);
        Assert.Equal("signal_processing", shortChannel.Errors![0].Key);
        Assert.False(shortChannel.SignalProcessing.Valid);
        Assert.Empty(shortChannel.ProcessingStepsOrEmpty());
        Assert.Null(shortChannel.ContractionCount);
        Assert.Empty(shortChannel.Contractions);
        Assert.Null(shortChannel.MvcEstimationMethod);
        Assert.Null(shortChannel.MvcThresholdActualValue);
        Assert.NotNull(shortChannel.Rms);
        Assert.NotNull(shortChannel.Mpf);
        Assert.DoesNotContain("CH2 Processed", result.AvailableChannels);
        var ch1 = result.Channel("CH1")!;
        Assert.Equal(alone.Contractions, ch1.Contractions);
        Assert.Equal(alone.Rms, ch1.Rms);
    }

    [Fact]
    public void F1_flat_and_non_finite_channels_and_a_base_without_raw_signal_report_why()
    {
        var flat = new double[5000];
        var withNaN = (double[])Signal.Clone();
        withNaN[123] = double.NaN;

        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1", "CH2", "CH3 activated"], [flat, withNaN, Signal], 1000));

        Assert.Equal("Signal processing failed: Signal lacks variation: std=0.00e+00 < 1.00e-10", result.Channel("CH1")!.Errors![0].Value);
        Assert.Equal("Signal processing failed: Signal contains NaN or infinite values", result.Channel("CH2")!.Errors![0].Value);
        var ch3 = result.Channel("CH3")!;
        Assert.Equal("No RAW signal available for CH3 - cannot perform rigorous analysis", ch3.Errors![0].Value);
        Assert.Null(ch3.SignalProcessing.Source);
        Assert.Null(ch3.Rms);

        // F8: the NaN channel's raw metrics are written as null, never as NaN.
        using var json = JsonDocument.Parse(result.ToJson());
        var ch2 = json.RootElement.GetProperty("analytics").GetProperty("CH2");
        Assert.Equal(JsonValueKind.Null, ch2.GetProperty("rms").ValueKind);
        Assert.Equal(JsonValueKind.Null, ch2.GetProperty("mpf").ValueKind);
        Assert.Equal(["CH1", "CH2", "CH3 activated"], result.AvailableChannels);
    }

    [Fact]
    public void Formats_the_flat_signal_std_like_python()
    {
        Assert.Equal("3.10e-11", EnvelopeBuilder.FormatExponent(3.1e-11));
        Assert.Equal("1.00e-10", EnvelopeBuilder.FormatExponent(1e-10));
    }

    [Fact]
    public void T15_gives_ch1_and_ch2_expectations_by_position_after_ordinal_sorting()
    {
        var result = EmgAnalyzer.Analyze(
            new EmgRecording(["CH2", "CH10", "CH1"], [Signal, Signal, Signal], 1000),
            new AnalysisOptions { SessionExpectedContractionsCh1 = 10, SessionExpectedContractionsCh2 = 11, SessionExpectedContractions = 12 });

        Assert.Equal(["CH1", "CH10", "CH2"], result.Analytics.Select(a => a.Name));
        Assert.Equal([10, 11, 12], result.Analytics.Select(a => a.ExpectedContractions));
    }

    [Fact]
    public void Strips_raw_and_activated_anywhere_in_a_label_and_lets_the_later_channel_win()
    {
        var quiet = Signal.Select(v => v * 0.5).ToArray();

        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1 Rawx", " CH1 ", "CH1 Raw", null], [Signal, Signal, quiet, Signal], 1000));

        Assert.Equal(["CH1", "CH1x", "CH4"], result.Analytics.Select(a => a.Name));
        Numbers.AssertClose(0.5 * result.Channel("CH4")!.Rms!.Value, result.Channel("CH1")!.Rms!.Value, 1e-12);
    }

    [Fact]
    public void T17_missing_game_parameters_give_level_1_and_null_elsewhere_never_the_clock()
    {
        var metadata = EmgAnalyzer.Analyze(SyntheticSignals.Recording(Signal)).Metadata;

        Assert.Equal(new GameMetadata(null, "1", null, null, null, null, null, null), metadata);
    }

    [Fact]
    public void Writes_game_parameters_as_the_predecessor_printed_them()
    {
        var parameters = new Dictionary<string, RecordingParameter>
        {
            ["INFO:GAME_NAME"] = RecordingParameter.Text("Ghostly"),
            ["INFO:GAME_LEVEL"] = RecordingParameter.Integer(-1),
            ["INFO:THERAPIST_ID"] = RecordingParameter.Text(" ---"),
            ["INFO:TIME"] = RecordingParameter.Text("2023"),
            ["SUBJECTS:GAME_SCORE"] = RecordingParameter.Real(12f),
            ["INFO:DURATION"] = RecordingParameter.Real(1e-05),
        };

        var metadata = EmgAnalyzer.Analyze(new EmgRecording(["CH1"], [Signal], 1000, parameters)).Metadata;

        Assert.Equal(new GameMetadata("Ghostly", "-1", "1e-05", " ---", null, "2023", null, "12.0"), metadata);
    }

    [Fact]
    public void F4_never_changes_the_callers_options_and_reports_the_values_used_separately()
    {
        var values = new Dictionary<string, double?> { ["CH9"] = 0.001 };
        var options = new AnalysisOptions { SessionMvcValues = values };

        var result = EmgAnalyzer.Analyze(SyntheticSignals.Recording(Signal), options);

        Assert.Equal([new KeyValuePair<string, double?>("CH9", 0.001)], values);
        Assert.Equal(0.001, result.SessionParametersUsed.SessionMvcValues!["CH9"]);
        Numbers.AssertClose(0.000679859294565042, result.SessionParametersUsed.SessionMvcValues!["CH1"]!.Value, 1e-9);
        Assert.Equal(75.0, result.SessionParametersUsed.SessionMvcThresholdPercentages!["CH1"]);
    }

    [Fact]
    public void Falls_back_to_2000_Hz_when_the_rate_is_missing()
    {
        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1"], [Signal], null));

        Assert.Equal(2000, result.SamplingRate);
        Assert.Equal(100, result.Channel("CH1")!.SignalProcessing.SmoothingWindowSamples);
    }

    [Fact]
    public void Gives_the_same_result_every_time()
    {
        var recording = new EmgRecording(["CH1 Raw", "CH2 Raw"], [Signal, Signal.Reverse().ToArray()], 1000);

        var first = EmgAnalyzer.Analyze(recording).ToJson();

        Assert.Equal(first, EmgAnalyzer.Analyze(recording).ToJson());
        Assert.Equal(first, EmgAnalyzer.Analyze(recording, null, parallel: false).ToJson());
    }
}

internal static class ChannelAnalysisExtensions
{
    public static IReadOnlyList<string> ProcessingStepsOrEmpty(this ChannelAnalysis channel) => channel.SignalProcessing.ProcessingSteps;
}
