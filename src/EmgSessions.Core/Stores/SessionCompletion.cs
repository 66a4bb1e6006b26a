namespace EmgSessions.Core.Stores;

/// <summary>
/// Phase 2's final write. <paramref name="SessionDate"/> and <paramref name="TherapistId"/> are set only
/// where the session has none yet; <paramref name="GameMetadataJson"/> is merged into the stored object.
/// <paramref name="FollowUp"/>, when given, is enqueued in the same transaction (e.g. the recording's signal summaries),
/// so a completed session never lacks the job that follows it.
/// </summary>
public sealed record SessionCompletion(
    Guid SessionId,
    string WorkerId,
    string AnalyticsCacheJson,
    double ProcessingTimeMs,
    string GameMetadataJson,
    DateTimeOffset? SessionDate,
    string? TherapistId,
    JobRequest? FollowUp = null);
