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
    IReadOnlyList<ContractionView> Contractions)
{
    /// <summary>The MVC (volts) the threshold was computed from (<c>session_parameters_used</c>); null when the entry does not hold it.</summary>
    public double? MvcValue { get; init; }

    /// <summary>The % of <see cref="MvcValue"/> that made the threshold; null when the entry does not hold it.</summary>
    public double? MvcPercentage { get; init; }
}
