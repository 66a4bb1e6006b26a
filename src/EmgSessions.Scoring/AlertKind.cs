namespace EmgSessions.Scoring;

/// <summary>What a therapist alert is about (scoring.md §5).</summary>
public enum AlertKind
{
    LowAdherence,
    NoRecentSession,
    DecliningOverallTrend,
    HighRpe,
    BfrOutOfWindow,
    FailedSession,
    StuckSession,
}
