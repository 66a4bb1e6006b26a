namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// The answer of <see cref="SessionIngestor.RegisterObjectAsync"/>. <see cref="SessionId"/> is set for the
/// four accepted outcomes; <see cref="ExistingPath"/> names the original object of a duplicate.
/// </summary>
public sealed record IngestionResult(
    IngestionStatus Status,
    string Message,
    Guid? SessionId = null,
    string? ExistingPath = null,
    string? FileHash = null,
    long? FileSizeBytes = null)
{
    public const string ProcessingInitiated = "C3D file processing initiated";

    /// <summary>A session answers for the object (created, already there, duplicate content, overwritten).</summary>
    public bool IsAccepted => Status is IngestionStatus.Created or IngestionStatus.AlreadyRegistered
        or IngestionStatus.DuplicateContent or IngestionStatus.Overwritten;

    /// <summary>Worth trying again later (storage or database down): a 503 for the webhook.</summary>
    public bool IsTransient => Status is IngestionStatus.StorageUnavailable or IngestionStatus.DatabaseUnavailable;

    /// <summary>snake_case name of <see cref="Status"/> for JSON answers and summaries.</summary>
    public string StatusName => Status switch
    {
        IngestionStatus.Created => "created",
        IngestionStatus.AlreadyRegistered => "already_registered",
        IngestionStatus.DuplicateContent => "duplicate_content",
        IngestionStatus.Overwritten => "overwritten",
        IngestionStatus.EmptyFile => "empty_file",
        IngestionStatus.TooLarge => "too_large",
        IngestionStatus.ObjectNotFound => "object_not_found",
        IngestionStatus.InvalidKey => "invalid_key",
        IngestionStatus.StorageUnavailable => "storage_unavailable",
        _ => "database_unavailable",
    };
}
