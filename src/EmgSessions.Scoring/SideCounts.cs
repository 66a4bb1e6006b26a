namespace EmgSessions.Scoring;

/// <summary>
/// The contraction counts of one side (leg) that scoring reads (scoring.md §1): all contractions, those that met
/// the MVC threshold, and those that met the duration threshold.
/// </summary>
public sealed record SideCounts(int Total, int Mvc, int Duration)
{
    /// <summary>
    /// The counts from a channel's analytics: MVC and duration counts fall back to the good count when null
    /// (scoring.md §1). Null when the total is unknown (the channel failed or is absent).
    /// </summary>
    public static SideCounts? FromAnalytics(int? total, int? mvc, int? duration, int? good) =>
        total is { } t ? new SideCounts(t, mvc ?? good ?? 0, duration ?? good ?? 0) : null;

    /// <summary>Names what is wrong with these counts, or null when they can be scored.</summary>
    internal string? Problem(string side) =>
        Total < 0 || Mvc < 0 || Duration < 0
            ? $"the {side} contraction counts must not be negative (got {Total}/{Mvc}/{Duration})."
            : null;
}
