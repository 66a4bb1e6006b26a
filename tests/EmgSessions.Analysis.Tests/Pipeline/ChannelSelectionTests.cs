using System.Text.Json;

namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>Which analog channels are EMG, what is said about the others, and what a result says about its recording.</summary>
public sealed class ChannelSelectionTests
{
    private static readonly double[] Signal = SyntheticSignals.T10();

    [Theory]
    [InlineData("N")]
    [InlineData("N·mm")]
    [InlineData("Nmm")]
    [InlineData("N.mm")]
    [InlineData("deg")]
    [InlineData("m/s^2")]
    [InlineData("g")]
    public void A_channel_whose_unit_is_not_a_voltage_is_skipped_with_the_unit_in_the_reason(string unit)
    {
        var recording = new EmgRecording(["CH1 Raw", "Load"], [Signal, Signal], 1000, units: ["V", unit]);

        var result = EmgAnalyzer.Analyze(recording);

        Assert.Equal(["CH1"], result.Analytics.Select(a => a.Name));
        var skipped = Assert.Single(result.SkippedChannels);
        Assert.Equal("Load", skipped.Channel);
        Assert.Equal(unit, skipped.Unit);
        Assert.Contains($"its unit {unit} is not a voltage", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Load", result.AvailableChannels);
    }

    [Theory]
    [InlineData("FX1")]
    [InlineData("Mz2")]
    [InlineData("Force.Fx1")]
    [InlineData("Acc_1 :X")]
    [InlineData("Knee Angle")]
    [InlineData("LeftTorque")]
    public void A_channel_whose_label_names_a_force_moment_angle_or_motion_signal_is_skipped(string label)
    {
        var recording = new EmgRecording(["CH1 Raw", label], [Signal, Signal], 1000);

        var result = EmgAnalyzer.Analyze(recording);

        Assert.Equal(["CH1"], result.Analytics.Select(a => a.Name));
        var skipped = Assert.Single(result.SkippedChannels);
        Assert.Equal(label, skipped.Channel);
        Assert.Null(skipped.Unit);
        Assert.Contains("not EMG", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CH1 Raw", "")]
    [InlineData("R.VLO", "mV")]
    [InlineData("EMG1", "uV")]
    [InlineData("MG-1", null)]
    [InlineData("Proximal vastus lateralis", "V")]
    public void Emg_channels_with_a_voltage_or_no_unit_are_analysed(string label, string? unit)
    {
        var result = EmgAnalyzer.Analyze(new EmgRecording([label], [Signal], 1000, units: [unit]));

        Assert.Single(result.Analytics);
        Assert.Empty(result.SkippedChannels);
    }

    [Fact]
    public void An_explicit_channel_list_analyses_exactly_the_named_channels_even_force_channels()
    {
        var recording = new EmgRecording(["CH1 Raw", "CH2 Raw", "FX1"], [Signal, Signal, Signal], 1000, units: ["V", "V", "N"]);

        var result = EmgAnalyzer.Analyze(recording, new AnalysisOptions { Channels = ["FX1", "CH2"] });

        Assert.Equal(["CH2", "FX1"], result.Analytics.Select(a => a.Name));
        var skipped = Assert.Single(result.SkippedChannels);
        Assert.Equal("CH1 Raw", skipped.Channel);
        Assert.Equal("not in the requested channel list", skipped.Reason);
    }

    [Fact]
    public void A_requested_channel_the_recording_does_not_have_is_an_error_naming_the_channels_it_has()
    {
        var recording = new EmgRecording(["CH1 Raw", "CH2 Raw"], [Signal, Signal], 1000);

        var error = Assert.Throws<EmgAnalysisException>(() => EmgAnalyzer.Analyze(recording, new AnalysisOptions { Channels = ["CH9"] }));

        Assert.Equal("The requested channel 'CH9' is not in this recording; its channels are 'CH1 Raw', 'CH2 Raw'.", error.Message);
    }

    [Fact]
    public void A_recording_without_an_emg_channel_fails_with_each_channels_reason()
    {
        var recording = new EmgRecording(["FX1", "Moment"], [Signal, Signal], 1000, units: ["N", "N·mm"]);

        var error = Assert.Throws<EmgAnalysisException>(() => EmgAnalyzer.Analyze(recording));

        Assert.StartsWith("The recording has no EMG channel: FX1: its unit N is not a voltage: not EMG; Moment: its unit N·mm is not a voltage", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Name the channels to analyse explicitly if they are EMG.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recording_without_channels_or_without_samples_fails_instead_of_giving_zeros()
    {
        var none = Assert.Throws<EmgAnalysisException>(() => EmgAnalyzer.Analyze(new EmgRecording([], [], 1000)));
        var empty = Assert.Throws<EmgAnalysisException>(() => EmgAnalyzer.Analyze(new EmgRecording(["CH1", "CH2"], [[], []], 1000)));

        Assert.Equal("The recording has no analog channels: there is nothing to analyse.", none.Message);
        Assert.StartsWith("The recording holds no samples", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recordings_warnings_and_the_skipped_channels_are_in_the_result_and_its_json()
    {
        var recording = new EmgRecording(["CH1 Raw", "FZ1"], [Signal, Signal], 1000, units: ["V", "N"],
            warnings: [new RecordingWarning("FrameCountClamped", "The parameters declare 5779 frames but the file holds only 3466 complete frames of 496 bytes.")]);

        var result = EmgAnalyzer.Analyze(recording);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("FrameCountClamped", warning.Code);
        using var json = JsonDocument.Parse(result.ToCacheJson(DateTimeOffset.UnixEpoch));
        var stored = Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Equal("FrameCountClamped", stored.GetProperty("code").GetString());
        Assert.Contains("declare 5779 frames but the file holds only 3466", stored.GetProperty("message").GetString(), StringComparison.Ordinal);
        var skipped = Assert.Single(json.RootElement.GetProperty("skipped_channels").EnumerateArray());
        Assert.Equal("FZ1", skipped.GetProperty("channel").GetString());
        Assert.Equal("N", skipped.GetProperty("unit").GetString());
    }

    [Fact]
    public void A_missing_sampling_rate_is_assumed_and_said()
    {
        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1"], [Signal], null));

        Assert.Equal(EmgAnalyzer.FallbackSamplingRate, result.SamplingRate);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("SamplingRateAssumed", warning.Code);
        Assert.Contains("2000 Hz is assumed", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_channel_list_is_written_only_when_given_so_the_default_canonical_params_are_unchanged()
    {
        Assert.DoesNotContain("channels\"", new AnalysisOptions().ToCanonicalJson(), StringComparison.Ordinal);

        var given = AnalysisOptions.FromJson("""{"channels": ["CH1", "FX1"]}""");

        Assert.Equal(["CH1", "FX1"], given.Channels);
        Assert.Contains("\"channels\":[\"CH1\",\"FX1\"]", given.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.Throws<AnalysisOptionsException>(() => AnalysisOptions.FromJson("""{"channels": []}"""));
        Assert.Throws<AnalysisOptionsException>(() => AnalysisOptions.FromJson("""{"channels": "CH1"}"""));
    }
}
