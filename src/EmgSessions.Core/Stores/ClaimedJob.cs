namespace EmgSessions.Core.Stores;

/// <summary>
/// A job a worker holds under a lease. <paramref name="JobId"/>, <paramref name="Kind"/> and <paramref name="PayloadJson"/>
/// say what to do; the session fields describe the file of the job's session (what Phase 2 needs to fetch it) and are
/// empty (<see cref="Guid.Empty"/>, "", 0) for a job without a session. <paramref name="StorageBucket"/> is the bucket
/// Phase 1 read the object from (<c>game_metadata.storage_bucket</c>); null for sessions registered before it was
/// recorded (the predecessor's rows), which use the configured bucket.
/// </summary>
public sealed record ClaimedJob(
    Guid SessionId,
    string FilePath,
    string FileHash,
    long FileSizeBytes,
    int Attempts,
    DateTimeOffset LockedUntil,
    string? StorageBucket = null,
    Guid JobId = default,
    string Kind = JobKinds.ProcessSession,
    string PayloadJson = "{}");
