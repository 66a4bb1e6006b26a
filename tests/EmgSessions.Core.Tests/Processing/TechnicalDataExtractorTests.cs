using EmgSessions.C3d;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Processing;

public sealed class TechnicalDataExtractorTests
{
    [Fact]
    public void Takes_rate_samples_frames_and_channels_from_the_analog_data()
    {
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881)));
        var id = Guid.NewGuid();

        var data = TechnicalDataExtractor.From(id, info);

        Assert.Equal(id, data.SessionId);
        Assert.Equal(990.0, data.OriginalSamplingRate);
        Assert.Equal(990.0, data.SamplingRate);
        Assert.Equal(173370, data.OriginalSampleCount);
        Assert.Equal(5779, data.FrameCount);
        Assert.Equal(4, data.ChannelCount);
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], data.ChannelNames);
        Assert.Equal(173370 / 990.0, data.OriginalDurationSeconds!.Value, 12);
        Assert.Equal(data.OriginalDurationSeconds, data.DurationSeconds);
    }

    [Fact]
    public void Zero_or_unknown_values_become_null()
    {
        var info = new C3dInfo { AnalogRate = 0, AnalogSamplesPerChannel = 0, AnalogCount = 0, FrameCount = 0, AnalogLabels = [] };

        var data = TechnicalDataExtractor.From(Guid.NewGuid(), info);

        Assert.Null(data.OriginalSamplingRate);
        Assert.Null(data.SamplingRate);
        Assert.Null(data.OriginalSampleCount);
        Assert.Null(data.OriginalDurationSeconds);
        Assert.Null(data.DurationSeconds);
        Assert.Null(data.ChannelCount);
        Assert.Null(data.FrameCount);
        Assert.Empty(data.ChannelNames);
    }
}
