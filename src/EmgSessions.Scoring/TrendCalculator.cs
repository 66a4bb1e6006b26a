namespace EmgSessions.Scoring;

/// <summary>
/// Trends of a series in time order (scoring.md §5): above +5 % improving, below −5 % declining, else steady
/// (exactly ±5 % is steady); fewer than 6 values: insufficient data. A previous mean of 0 has no relative change:
/// any rise is improving, any fall declining.
/// </summary>
public static class TrendCalculator
{
    /// <summary>Values per mean.</summary>
    public const int Window = 3;

    /// <summary>The relative change beyond which a series improves or declines.</summary>
    public const double Threshold = 0.05;

    /// <summary>Changes this close to ±5 % count as exactly 5 % (rounding of the means must not tip a boundary case).</summary>
    private const double BoundaryTolerance = 1e-12;

    public static TrendResult Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2 * Window)
        {
            return new TrendResult(TrendDirection.InsufficientData, values.Count, null, null, null);
        }

        var recent = Mean(values, values.Count - Window);
        var previous = Mean(values, values.Count - (2 * Window));
        if (previous == 0)
        {
            var direction = recent > 0 ? TrendDirection.Improving : recent < 0 ? TrendDirection.Declining : TrendDirection.Steady;
            return new TrendResult(direction, values.Count, recent, previous, recent == 0 ? 0 : null);
        }

        var change = (recent - previous) / Math.Abs(previous);
        var label = change > Threshold + BoundaryTolerance ? TrendDirection.Improving
            : change < -Threshold - BoundaryTolerance ? TrendDirection.Declining
            : TrendDirection.Steady;
        return new TrendResult(label, values.Count, recent, previous, change);
    }

    private static double Mean(IReadOnlyList<double> values, int start)
    {
        var sum = 0.0;
        for (var i = start; i < start + Window; i++)
        {
            sum += values[i];
        }

        return sum / Window;
    }
}
