namespace EmgSessions.Core.Stores;

/// <summary>
/// Phase 2's final write. <paramref name="SessionDate"/> and <paramref name="TherapistId"/> are set only
/// where the session has none yet; <paramref name="GameMetadataJson"/> is merged into the stored object.
/// </summary>
public sealed record SessionCompletion(
    Guid SessionId,
    string WorkerId,
    string AnalyticsCacheJson,
    double ProcessingTimeMs,
    string GameMetadataJson,
    DateTimeOffset? SessionDate,
    string? TherapistId);
