namespace EmgSessions.Core.Stores;

/// <summary>
/// A session cannot be deleted: rows of other tables (the predecessor's, such as <c>bfr_monitoring</c> or
/// <c>session_settings</c>) still refer to it. Only this application's own tables (<c>c3d_technical_data</c>,
/// <c>jobs</c>) are deleted with a session.
/// </summary>
public sealed class SessionReferencedException : Exception
{
    public SessionReferencedException()
    {
    }

    public SessionReferencedException(string message)
        : base(message)
    {
    }

    public SessionReferencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SessionReferencedException(Guid sessionId, IReadOnlyList<string> tables)
        : base($"Session {sessionId} is referenced by rows in {string.Join(", ", tables)}.")
    {
        SessionId = sessionId;
        Tables = tables;
    }

    public Guid SessionId { get; }

    public IReadOnlyList<string> Tables { get; } = [];
}
