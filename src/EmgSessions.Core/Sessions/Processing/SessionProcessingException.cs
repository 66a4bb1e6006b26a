namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// Phase 2 could not process a session. <see cref="Transient"/> says whether a later attempt may succeed
/// (storage or database trouble) or not (not a C3D file, corrupt, gone, too large, too slow). The message
/// is what users read in <c>processing_error_message</c>.
/// </summary>
public sealed class SessionProcessingException : Exception
{
    public SessionProcessingException()
    {
    }

    public SessionProcessingException(string message)
        : base(message)
    {
    }

    public SessionProcessingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SessionProcessingException(string message, bool transient, Exception? innerException = null)
        : base(message, innerException)
    {
        Transient = transient;
    }

    public bool Transient { get; }
}
