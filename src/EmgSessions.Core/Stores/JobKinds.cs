namespace EmgSessions.Core.Stores;

/// <summary>
/// The kinds of job the stores know by name. Any other kind is opaque to them: its handler gives the payload its meaning.
/// </summary>
public static class JobKinds
{
    /// <summary>
    /// Phase 2 of a session (system.md §4): one waiting or running job per session (dedup key = the session id).
    /// Claiming one sets its session <c>processing</c>; its outcomes write the session (completed, failed, pending).
    /// </summary>
    public const string ProcessSession = "process-session";

    /// <summary>The payload of a <see cref="ProcessSession"/> job: <c>{"session_id":"…"}</c>.</summary>
    public static string SessionPayload(Guid sessionId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"session_id":"{{sessionId:D}}"}""");
}
