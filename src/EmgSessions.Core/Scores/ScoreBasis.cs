namespace EmgSessions.Core.Scores;

/// <summary>
/// What a score was computed from: the session's <c>processed_at</c> (its analytics) and the sum of its inputs'
/// revisions. A stored score whose basis differs from the session's current one is stale.
/// </summary>
internal sealed record ScoreBasis(DateTimeOffset? AnalyticsAt, long InputsRevision);
