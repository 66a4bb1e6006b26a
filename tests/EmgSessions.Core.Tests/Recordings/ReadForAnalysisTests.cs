using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Recordings;

/// <summary>
/// <see cref="EmgRecordingFactory.ReadForAnalysis"/> decodes only the channels the analysis reads (issue 16, memory):
/// half the samples of a GHOSTLY file, and the same analysis to the byte, with default and chosen options, on one
/// thread and on several.
/// </summary>
public sealed class ReadForAnalysisTests
{
    public static TheoryData<string, bool> SamplesAndThreads()
    {
        var data = new TheoryData<string, bool>();
        foreach (var stem in TestFiles.GhostlyStems)
        {
            data.Add(stem, false);
            data.Add(stem, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SamplesAndThreads))]
    public void A_ghostly_sample_read_for_analysis_decodes_its_raw_channels_only_and_analyses_to_the_same_bytes(string stem, bool parallel)
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(stem));
        var whole = C3dReader.Read(bytes);

        var partial = EmgRecordingFactory.ReadForAnalysis(bytes, null);

        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], partial.Info.AnalogLabels);
        Assert.Equal(whole.Analog[0], partial.Analog[0]);
        Assert.Equal(whole.Analog[1], partial.Analog[1]);
        Assert.Empty(partial.Analog[2]);
        Assert.Empty(partial.Analog[3]);
        Assert.Equal(Json(whole, null, parallel), Json(partial, null, parallel));
    }

    [Theory]
    [MemberData(nameof(SamplesAndThreads))]
    public void Options_naming_one_channel_decode_that_channel_alone_and_analyse_to_the_same_bytes(string stem, bool parallel)
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(stem));
        var options = new AnalysisOptions { Channels = ["CH2"], ThresholdFactor = 0.3, SessionMvcValue = 0.0001 };

        var partial = EmgRecordingFactory.ReadForAnalysis(bytes, options);

        Assert.Equal([0, 1, 0, 0], partial.Analog.Select(a => Math.Sign(a.Length)));
        Assert.Equal(Json(C3dReader.Read(bytes), options, parallel), Json(partial, options, parallel));
    }

    [Fact]
    public void A_synthetic_one_minute_recording_analyses_to_the_same_bytes_from_half_its_channels()
    {
        var bytes = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { DurationSeconds = 60, Seed = 7 }).Bytes;

        var partial = EmgRecordingFactory.ReadForAnalysis(bytes, null);

        Assert.Equal(Json(C3dReader.Read(bytes), null, parallel: true), Json(partial, null, parallel: true));
        Assert.Equal(2, partial.Analog.Count(a => a.Length > 0));
    }

    [Fact]
    public void A_request_for_a_channel_the_file_lacks_fails_with_the_same_message_as_after_a_whole_read()
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        var options = new AnalysisOptions { Channels = ["CH9"] };

        var partial = EmgRecordingFactory.ReadForAnalysis(bytes, options);

        Assert.All(partial.Analog, a => Assert.Equal(173_370, a.Length));
        var expected = Assert.Throws<EmgAnalysisException>(() => EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(bytes)), options));
        var actual = Assert.Throws<EmgAnalysisException>(() => EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(partial), options));
        Assert.Equal(expected.Message, actual.Message);
    }

    private static string Json(C3dRecording recording, AnalysisOptions? options, bool parallel) =>
        EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(recording), options, parallel).ToAnalyzeJson(indented: false);
}
