using EmgSessions.Core.Application.Sessions;

namespace EmgSessions.Web.Queries;

/// <summary>
/// A row of the Sessions table: the session as the actor may see it, its analytics (null before Phase 2), its stored
/// overall score (null when it has none yet) and whether that score is stale (inputs or analytics changed since).
/// </summary>
internal sealed record SessionTableRow(SessionDetails Session, AnalyticsView? Analytics, double? OverallScore, bool ScoreStale);
