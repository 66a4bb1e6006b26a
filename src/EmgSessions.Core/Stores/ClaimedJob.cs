namespace EmgSessions.Core.Stores;

/// <summary>A job a worker holds under a lease, with what Phase 2 needs to fetch the file.</summary>
public sealed record ClaimedJob(
    Guid SessionId,
    string FilePath,
    string FileHash,
    long FileSizeBytes,
    int Attempts,
    DateTimeOffset LockedUntil);
