namespace EmgSessions.Core.Scores;

/// <summary>Section <c>Scoring</c>: the profile scores are computed with and the sweep of stale scores.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary><c>ghostly-trial</c> (default) or <c>ghostly-v1</c>.</summary>
    public string Profile { get; set; } = EmgSessions.Scoring.ScoringProfiles.GhostlyTrialName;

    /// <summary>Seconds between two sweeps of stale scores (one also runs at start); 0 = only at start.</summary>
    public double SweepIntervalSeconds { get; set; } = 60;

    /// <summary>Sessions scored per sweep batch.</summary>
    public int SweepBatchSize { get; set; } = 100;

    /// <summary>
    /// Fault-injection hook for tests: after Phase 2 stored a session's analytics and before its score is computed, the
    /// worker waits while this file exists (a test kills it there).
    /// </summary>
    public string? HoldWhileFileExists { get; set; }

    public IEnumerable<string> Check()
    {
        if (!EmgSessions.Scoring.ScoringProfiles.TryParse(Profile, out _))
        {
            yield return $"Scoring:Profile must be {EmgSessions.Scoring.ScoringProfiles.GhostlyTrialName} or {EmgSessions.Scoring.ScoringProfiles.GhostlyV1Name}, got '{Profile}'.";
        }

        if (!(SweepIntervalSeconds >= 0))
        {
            yield return $"Scoring:SweepIntervalSeconds must be 0 or more, got {SweepIntervalSeconds}.";
        }

        if (SweepBatchSize < 1)
        {
            yield return $"Scoring:SweepBatchSize must be at least 1, got {SweepBatchSize}.";
        }
    }
}
