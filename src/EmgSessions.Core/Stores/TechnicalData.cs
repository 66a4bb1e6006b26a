namespace EmgSessions.Core.Stores;

/// <summary>A row of <c>c3d_technical_data</c>. Zero or unknown values are null.</summary>
public sealed record TechnicalData(
    Guid SessionId,
    double? OriginalSamplingRate,
    double? OriginalDurationSeconds,
    int? OriginalSampleCount,
    int? ChannelCount,
    IReadOnlyList<string> ChannelNames,
    double? SamplingRate,
    double? DurationSeconds,
    int? FrameCount,
    DateTimeOffset? ExtractedAt = null);
