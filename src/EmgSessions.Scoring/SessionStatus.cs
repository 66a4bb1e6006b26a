namespace EmgSessions.Scoring;

/// <summary>The processing status of a session as progress reads it (the <c>processing_status</c> values).</summary>
public enum SessionStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
    Reprocessing,
}
