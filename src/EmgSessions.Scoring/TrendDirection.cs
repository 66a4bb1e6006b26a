namespace EmgSessions.Scoring;

/// <summary>The label of a trend (scoring.md §5).</summary>
public enum TrendDirection
{
    /// <summary>Fewer than 6 values.</summary>
    InsufficientData,
    Improving,
    Steady,
    Declining,
}
