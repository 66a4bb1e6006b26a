namespace EmgSessions.Core.Stores;

/// <summary>
/// The database cannot be reached or is too busy right now (connection refused or lost, timeouts,
/// a SQLite file locked for too long). Transient: callers answer 503 or retry later.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
