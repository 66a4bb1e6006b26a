namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// What Phase 2 stores from the analysis: the analytics cache entry (system.md §5), the game info to merge
/// into <c>game_metadata</c>, and the session date and therapist the file gives (null when it does not).
/// </summary>
public sealed record SessionAnalysisResult(string CacheJson, string GameMetadataJson, DateTimeOffset? SessionDate, string? TherapistId, int ChannelCount);
