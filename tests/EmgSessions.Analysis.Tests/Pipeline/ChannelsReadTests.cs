namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>
/// <see cref="EmgAnalyzer.ChannelsRead"/>: which channels the analysis reads the samples of, so a reader can leave the
/// others undecoded (issue 16, memory). Analysing with the others emptied gives the same result.
/// </summary>
public sealed class ChannelsReadTests
{
    private static readonly string?[] Ghostly = ["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"];
    private static readonly string?[] Volts = ["V", "V", "V", "V"];

    [Fact]
    public void A_ghostly_recording_needs_its_raw_channels_and_not_the_activated_ones()
    {
        Assert.Equal([true, true, false, false], EmgAnalyzer.ChannelsRead(Ghostly, Volts, 4, null));
    }

    [Fact]
    public void An_explicit_channel_list_needs_only_the_signal_of_the_bases_it_names()
    {
        var options = new AnalysisOptions { Channels = ["CH2"] };

        Assert.Equal([false, true, false, false], EmgAnalyzer.ChannelsRead(Ghostly, Volts, 4, options));
    }

    [Fact]
    public void Channels_that_are_not_emg_are_not_read()
    {
        string?[] labels = ["CH1", "Load", "Knee Angle"];

        Assert.Equal([true, false, false], EmgAnalyzer.ChannelsRead(labels, ["V", "N", null], 3, null));
    }

    [Fact]
    public void The_last_channel_of_a_base_is_its_signal_and_missing_labels_are_named_by_position()
    {
        string?[] labels = ["CH1 Raw", "CH1 Raw", null];

        Assert.Equal([false, true, true], EmgAnalyzer.ChannelsRead(labels, [], 3, null));
    }

    [Fact]
    public void A_recording_whose_bases_have_no_signal_channel_still_reads_one_channel_to_tell_empty_from_unprocessable()
    {
        string?[] labels = ["CH1 activated", "CH2 activated"];

        Assert.Equal([true, false], EmgAnalyzer.ChannelsRead(labels, [], 2, null));
    }

    [Theory]
    [InlineData("CH9")]
    [InlineData(null)]
    public void When_the_analysis_would_fail_every_channel_is_read_so_the_failure_is_the_same(string? requested)
    {
        // An unknown requested channel, or options that do not validate (a threshold factor above 1).
        var options = requested is null ? new AnalysisOptions { ThresholdFactor = 7 } : new AnalysisOptions { Channels = [requested] };

        Assert.Equal([true, true, true, true], EmgAnalyzer.ChannelsRead(Ghostly, Volts, 4, options));
    }

    [Fact]
    public void A_recording_with_no_emg_channel_reads_every_channel_so_the_failure_is_the_same()
    {
        Assert.Equal([true, true], EmgAnalyzer.ChannelsRead(["FX1", "FY1"], ["N", "N"], 2, null));
    }

    [Fact]
    public void Analysing_with_the_unread_channels_emptied_gives_the_same_result_to_the_byte()
    {
        var ch1 = SyntheticSignals.T10();
        var ch2 = ch1.Select((v, i) => v * 0.5 + (i % 7 * 1e-6)).ToArray();
        var activated = ch1.Select(v => v * 3).ToArray();
        var whole = new EmgRecording(Ghostly, [ch1, ch2, activated, activated], 1000, units: Volts);
        var read = EmgAnalyzer.ChannelsRead(Ghostly, Volts, 4, null);
        var partial = new EmgRecording(Ghostly, [.. whole.Channels.Select((c, i) => read[i] ? c : [])], 1000, units: Volts);

        var expected = EmgAnalyzer.Analyze(whole).ToAnalyzeJson(indented: false);
        var actual = EmgAnalyzer.Analyze(partial).ToAnalyzeJson(indented: false);

        Assert.Equal(expected, actual);
    }
}
