namespace EmgSessions.Web.Queries;

/// <summary>The stored metrics of one channel (analytics cache, emg-analysis.md §8): volts, ms and Hz as stored.</summary>
internal sealed record ChannelView(
    string Name,
    int? ContractionCount,
    int? GoodCount,
    int? MvcCount,
    int? DurationCount,
    double? AvgDurationMs,
    double? MinDurationMs,
    double? MaxDurationMs,
    double? TimeUnderTensionMs,
    double? AvgAmplitude,
    double? MaxAmplitude,
    double? Rms,
    double? Mav,
    double? Mpf,
    double? Mdf,
    double? FatigueIndex,
    double? MvcThreshold,
    double? DurationThresholdMs,
    string? MvcEstimationMethod,
    IReadOnlyList<ContractionView> Contractions);
