namespace EmgSessions.Scoring;

/// <summary>The thresholds of the therapist alerts (scoring.md §5), with the documented defaults.</summary>
public sealed record AlertRules
{
    public static AlertRules Default { get; } = new();

    /// <summary>Adherence below this (%) raises an alert.</summary>
    public double AdherenceBelow { get; init; } = 70;

    /// <summary>This many days without a session during treatment raises an alert.</summary>
    public int DaysWithoutSession { get; init; } = 3;

    /// <summary>An RPE at or above this raises an alert.</summary>
    public int RpeAtLeast { get; init; } = 8;

    /// <summary>A session pending or processing for longer than this is stuck.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromHours(1);

    public int TrialLengthDays { get; init; } = AdherenceCalculator.DefaultTrialLengthDays;
}
