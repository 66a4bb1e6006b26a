using EmgSessions.C3d;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Recordings;

namespace EmgSessions.Analysis.Tests.Core;

/// <summary>Recordings from the C3D writer with contractions at known places, read back and analysed.</summary>
public sealed class SyntheticRecordingTests
{
    private static (SyntheticGhostlyRecording Synthetic, EmgAnalysisResult Result) Analyze(SyntheticGhostlyOptions options, AnalysisOptions? analysis = null)
    {
        var synthetic = SyntheticGhostlyRecording.Create(options);
        var recording = EmgRecordingFactory.FromC3d(C3dReader.Read(synthetic.Bytes));
        return (synthetic, EmgAnalyzer.Analyze(recording, analysis));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    public void Finds_every_placed_contraction_close_to_where_it_was_placed(ulong seed)
    {
        var (synthetic, result) = Analyze(new SyntheticGhostlyOptions { Seed = seed });

        foreach (var channel in new[] { "CH1", "CH2" })
        {
            var placed = synthetic.Contractions.Where(c => c.Channel == channel).ToArray();
            var found = result.Channel(channel)!.Contractions;
            Assert.Equal(placed.Length, found.Count);
            for (var i = 0; i < placed.Length; i++)
            {
                // Placed bursts rise and fall over smoothstep ramps of a tenth of their length (198 samples here). The
                // threshold (20 % of the smoothed peak) is crossed partway up each ramp, and the zero-phase envelope keeps
                // both edges symmetric: measured offsets are +54…+82 at the start and −45…−84 at the end.
                var ramp = placed[i].LengthSamples / 10;
                var startOffset = found[i].StartSample - placed[i].StartSample;
                var endOffset = placed[i].EndSample - found[i].EndSample;
                Assert.InRange(startOffset, 0, ramp);
                Assert.InRange(endOffset, 0, ramp);
                Assert.InRange(startOffset - endOffset, -40, 40);
            }
        }
    }

    [Fact]
    public void Reads_the_game_parameters_the_writer_stored()
    {
        var (_, result) = Analyze(new SyntheticGhostlyOptions { GameScore = 29, GameLevel = 2 });

        Assert.Equal(new GameMetadata("Ghostly", "2", result.Metadata.Duration, "---", "N/A", "2023", "Default", "29.0"), result.Metadata);
        Assert.Equal(990, result.SamplingRate);
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated", "CH1 Processed", "CH2 Processed"], result.AvailableChannels);
    }

    [Fact]
    public void Duration_thresholds_behave_at_their_edge()
    {
        var (_, defaults) = Analyze(new SyntheticGhostlyOptions());
        var longest = defaults.Channel("CH1")!.Contractions.Max(c => c.DurationMs);

        var (_, atEdge) = Analyze(new SyntheticGhostlyOptions(), new AnalysisOptions { ContractionDurationThreshold = longest });
        var (_, aboveEdge) = Analyze(new SyntheticGhostlyOptions(), new AnalysisOptions { ContractionDurationThreshold = Math.BitIncrement(longest) });

        Assert.True(atEdge.Channel("CH1")!.DurationContractionCount >= 1);
        Assert.Equal(0, aboveEdge.Channel("CH1")!.DurationContractionCount);
    }

    [Fact]
    public void MVC_thresholds_behave_at_their_edge()
    {
        var (_, defaults) = Analyze(new SyntheticGhostlyOptions());
        var strongest = defaults.Channel("CH2")!.Contractions.Max(c => c.MaxAmplitude);
        AnalysisOptions WithMvc(double mvc) => new() { SessionMvcValues = new Dictionary<string, double?> { ["CH2"] = mvc }, SessionMvcThresholdPercentages = new Dictionary<string, double?> { ["CH2"] = 100 } };

        var (_, atEdge) = Analyze(new SyntheticGhostlyOptions(), WithMvc(strongest));
        var (_, aboveEdge) = Analyze(new SyntheticGhostlyOptions(), WithMvc(Math.BitIncrement(strongest)));

        Assert.Equal(1, atEdge.Channel("CH2")!.MvcContractionCount);
        Assert.Equal(0, aboveEdge.Channel("CH2")!.MvcContractionCount);
        Assert.Equal("user_provided", atEdge.Channel("CH2")!.MvcEstimationMethod);
    }

    [Fact]
    public void A_recording_too_short_to_analyse_gives_each_channel_an_error()
    {
        var (_, result) = Analyze(new SyntheticGhostlyOptions { FrameCount = 30, ContractionsPerChannel = 0 });

        Assert.All(result.Analytics, a => Assert.Equal("Signal processing failed: Signal too short: 900 samples < 1000 required", a.Errors![0].Value));
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], result.AvailableChannels);
    }

    [Fact]
    public void A_flat_recording_gives_each_channel_an_error()
    {
        var (_, result) = Analyze(new SyntheticGhostlyOptions { DurationSeconds = 5, ContractionsPerChannel = 0, BaselineAmplitude = 0 });

        Assert.All(result.Analytics, a => Assert.StartsWith("Signal processing failed: Signal lacks variation: std=", a.Errors![0].Value, StringComparison.Ordinal));
        Assert.All(result.Analytics, a => Assert.Null(a.Mpf));
    }
}
