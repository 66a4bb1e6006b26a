using EmgSessions.Core.Stores;

namespace EmgSessions.Http;

/// <summary>The <c>c3d_technical_data</c> columns of a session.</summary>
internal sealed record TechnicalDataDto(
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
    public static TechnicalDataDto From(TechnicalData t) => new(
        t.OriginalSamplingRate, t.OriginalDurationSeconds, t.OriginalSampleCount, t.ChannelCount, t.ChannelNames,
        t.SamplingRate, t.DurationSeconds, t.FrameCount, t.ExtractedAt);
}
