namespace EmgSessions.Core.Storage;

/// <summary>The object is not in the bucket: a permanent condition, not worth retrying.</summary>
public sealed class StorageObjectNotFoundException : Exception
{
    public StorageObjectNotFoundException()
    {
    }

    public StorageObjectNotFoundException(string message)
        : base(message)
    {
    }

    public StorageObjectNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
