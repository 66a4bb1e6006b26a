namespace EmgSessions.Core.Stores;

/// <summary>
/// A job a worker holds under a lease, with what Phase 2 needs to fetch the file. <paramref name="StorageBucket"/>
/// is the bucket Phase 1 read the object from (<c>game_metadata.storage_bucket</c>); null for sessions
/// registered before it was recorded (the predecessor's rows), which use the configured bucket.
/// </summary>
public sealed record ClaimedJob(
    Guid SessionId,
    string FilePath,
    string FileHash,
    long FileSizeBytes,
    int Attempts,
    DateTimeOffset LockedUntil,
    string? StorageBucket = null);
