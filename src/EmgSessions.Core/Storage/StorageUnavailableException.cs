namespace EmgSessions.Core.Storage;

/// <summary>The storage could not answer now (5xx, 429, timeout, I/O error): a transient condition.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
