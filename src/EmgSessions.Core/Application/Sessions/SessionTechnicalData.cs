using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>The <c>c3d_technical_data</c> columns of a session.</summary>
internal sealed record SessionTechnicalData(
    double? OriginalSamplingRate,
    double? OriginalDurationSeconds,
    int? OriginalSampleCount,
    int? ChannelCount,
    IReadOnlyList<string> ChannelNames,
    double? SamplingRate,
    double? DurationSeconds,
    int? FrameCount,
    DateTimeOffset? ExtractedAt)
{
    public static SessionTechnicalData From(TechnicalData t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(
            t.OriginalSamplingRate, t.OriginalDurationSeconds, t.OriginalSampleCount, t.ChannelCount, t.ChannelNames,
            t.SamplingRate, t.DurationSeconds, t.FrameCount, t.ExtractedAt);
    }
}
