namespace EmgSessions.Analysis;

/// <summary>Statistics of one metric over the 1-second, 50 %-overlap windows (§6); values are null when fewer than 3 windows count.</summary>
public sealed record TemporalStatistics(
    double? MeanValue,
    double? StdValue,
    double? MinValue,
    double? MaxValue,
    int ValidWindows,
    double? CoefficientOfVariation)
{
    public static TemporalStatistics Empty { get; } = new(null, null, null, null, 0, null);
}
