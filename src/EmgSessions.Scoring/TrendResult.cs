namespace EmgSessions.Scoring;

/// <summary>
/// The trend of a series: the mean of the last 3 values against the mean of the 3 before, and the relative change
/// (recent − previous) / |previous|. The means and change are null with fewer than 6 values.
/// </summary>
public sealed record TrendResult(TrendDirection Direction, int Count, double? RecentMean, double? PreviousMean, double? RelativeChange);
