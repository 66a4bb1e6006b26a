namespace EmgSessions.Core.Exports;

/// <summary>The per-channel numbers of the analytics JSON (system.md §5), null where the JSON holds null or nothing.</summary>
public sealed record ChannelMetrics(
    string Channel,
    string? Side,
    double? Rms,
    double? Mav,
    double? Mpf,
    double? Mdf,
    double? FatigueIndexFiNsm5,
    long? ContractionCount,
    long? GoodContractionCount,
    long? MvcContractionCount,
    long? DurationContractionCount,
    long? ExpectedContractions,
    double? AvgDurationMs,
    double? MinDurationMs,
    double? MaxDurationMs,
    double? TotalTimeUnderTensionMs,
    double? AvgAmplitude,
    double? MaxAmplitude,
    double? MvcThresholdActualValue,
    double? DurationThresholdActualValue,
    string? MvcEstimationMethod,
    IReadOnlyList<ContractionRow> Contractions)
{
    /// <summary>The share (0 to 1) of the channel's numeric metrics that are present (not null).</summary>
    public double Completeness
    {
        get
        {
            object?[] values = [Rms, Mav, Mpf, Mdf, FatigueIndexFiNsm5, ContractionCount, GoodContractionCount, MvcContractionCount,
                DurationContractionCount, AvgDurationMs, MinDurationMs, MaxDurationMs, TotalTimeUnderTensionMs, AvgAmplitude, MaxAmplitude];
            return values.Count(v => v is not null) / (double)values.Length;
        }
    }
}
