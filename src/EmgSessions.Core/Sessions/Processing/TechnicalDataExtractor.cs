using EmgSessions.C3d;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>The <c>c3d_technical_data</c> row of a recording (system.md §4.2 step 2). Zero or unknown → null.</summary>
public static class TechnicalDataExtractor
{
    public static TechnicalData From(Guid sessionId, C3dInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        double? rate = Positive(info.AnalogRate);
        int? samples = PositiveInt(info.AnalogSamplesPerChannel);
        double? duration = rate is { } r && samples is { } n ? Positive(n / r) : null;
        int? channels = info.AnalogCount > 0 ? info.AnalogCount : null;
        IReadOnlyList<string> names = channels is null ? [] : [.. info.AnalogLabels];
        return new TechnicalData(
            sessionId,
            OriginalSamplingRate: rate,
            OriginalDurationSeconds: duration,
            OriginalSampleCount: samples,
            ChannelCount: channels,
            ChannelNames: names,
            SamplingRate: rate,
            DurationSeconds: duration,
            FrameCount: PositiveInt(info.FrameCount));
    }

    private static double? Positive(double value) => double.IsFinite(value) && value > 0 ? value : null;

    private static int? PositiveInt(long value) => value is > 0 and <= int.MaxValue ? (int)value : null;
}
