namespace EmgSessions.Core.Stores;

/// <summary>
/// A job to enqueue. <paramref name="PayloadJson"/> is a JSON object the handler of <paramref name="Kind"/> reads.
/// With a <paramref name="DedupKey"/>, at most one job of the kind and key waits or runs: enqueuing again while one
/// does restarts that job (attempts 0, due now, the new payload; a running one loses its lease), as Phase 2 always
/// did for a session. <paramref name="SessionId"/> ties the job to a session: it is deleted with the session, and a
/// claim returns the session's file.
/// </summary>
public sealed record JobRequest(string Kind, string PayloadJson, string? DedupKey = null, Guid? SessionId = null)
{
    /// <summary>The Phase 2 job of a session.</summary>
    public static JobRequest ProcessSession(Guid sessionId) =>
        new(JobKinds.ProcessSession, JobKinds.SessionPayload(sessionId), sessionId.ToString("D"), sessionId);

    /// <summary>Throws when the kind is blank or the payload is not a JSON object.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Kind);
        CanonicalJson.RequireObject(PayloadJson, nameof(PayloadJson));
    }
}
