namespace EmgSessions.Core.Sessions.Processing;

/// <summary>What became of one claimed job.</summary>
public enum ProcessingOutcome
{
    /// <summary>Technical data and analytics written; the session is <c>completed</c>.</summary>
    Completed,

    /// <summary>A permanent failure, or the attempts ran out: the session is <c>failed</c>.</summary>
    Failed,

    /// <summary>A transient failure: the job waits for its next attempt.</summary>
    RetryScheduled,

    /// <summary>Shutdown: the job was given back without counting the attempt.</summary>
    Released,

    /// <summary>The object changed since Phase 1: it was registered again as an overwrite.</summary>
    Reregistered,

    /// <summary>The lease was lost (expired and claimed elsewhere): nothing was recorded.</summary>
    LeaseLost,
}
