namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// What <see cref="FileSpool.WriteAsync"/> did: <paramref name="Hash"/> (lower-case hex SHA-256) is set
/// only when the bytes were kept; an empty or oversize stream leaves nothing behind.
/// </summary>
public sealed record SpoolResult(string? Hash, long Length, bool TooLarge)
{
    public bool IsEmpty => Length == 0 && !TooLarge;
}
