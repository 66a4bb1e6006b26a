namespace EmgSessions.Core.Stores;

/// <summary>A write named a session that does not exist (for example technical data of a deleted session).</summary>
public sealed class SessionNotFoundException : Exception
{
    public SessionNotFoundException()
    {
    }

    public SessionNotFoundException(Guid sessionId)
        : base($"Session {sessionId} does not exist.")
    {
        SessionId = sessionId;
    }

    public SessionNotFoundException(string message)
        : base(message)
    {
    }

    public SessionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid SessionId { get; }
}
