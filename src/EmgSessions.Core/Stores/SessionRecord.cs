namespace EmgSessions.Core.Stores;

/// <summary>A row of the view <c>therapy_sessions_with_technical</c>. <see cref="Technical"/> is null before Phase 2.</summary>
public sealed record SessionRecord(
    Guid Id,
    string FilePath,
    string FileHash,
    long FileSizeBytes,
    string? OriginalFilename,
    string? PatientId,
    string? TherapistId,
    string? SessionCode,
    DateTimeOffset? SessionDate,
    string ProcessingStatus,
    string? ProcessingErrorMessage,
    double? ProcessingTimeMs,
    string AnalyticsCacheJson,
    int CacheHits,
    string GameMetadataJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    DateTimeOffset? LastAccessedAt,
    TechnicalData? Technical);
