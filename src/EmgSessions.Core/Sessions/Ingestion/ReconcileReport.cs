namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// What one reconciler pass did. <see cref="Listed"/> counts every object listed; <see cref="Unknown"/> the
/// <c>.c3d</c> objects without a session; <see cref="Ingested"/> those that have one now; <see cref="Skipped"/>
/// those refused by their listed size without a download; <see cref="Failures"/> the rest (not found,
/// unavailable, ...); <see cref="Requeued"/> orphaned sessions given a job again.
/// </summary>
public sealed record ReconcileReport(
    int Listed,
    int Unknown,
    int Ingested,
    int Skipped,
    IReadOnlyList<ReconcileFailure> Failures,
    int Requeued,
    int SpoolFilesRemoved,
    IReadOnlyDictionary<IngestionStatus, int> Outcomes);
