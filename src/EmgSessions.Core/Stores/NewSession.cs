namespace EmgSessions.Core.Stores;

/// <summary>What Phase 1 knows of an uploaded object. <paramref name="SessionCode"/> is the <c>session_id</c> column.</summary>
public sealed record NewSession(
    string FilePath,
    string FileHash,
    long FileSizeBytes,
    string OriginalFilename,
    string? PatientId,
    string? SessionCode,
    DateTimeOffset? SessionDate,
    string GameMetadataJson);
