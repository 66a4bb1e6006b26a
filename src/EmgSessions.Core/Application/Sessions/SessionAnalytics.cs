namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// A session's stored analytics as JSON text (<see cref="Json"/>): a current cache hit, or (with
/// <see cref="Marked"/>) an entry that is stale, another version's or the predecessor's, served as it is and marked.
/// In a conflict answer <see cref="Json"/> is null and <see cref="ProcessingStatus"/> says why there is nothing yet.
/// </summary>
internal sealed record SessionAnalytics(string? Json, AnalyticsProvenance? Marked, string ProcessingStatus);
