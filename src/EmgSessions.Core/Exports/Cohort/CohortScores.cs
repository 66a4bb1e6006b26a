namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// A session's scores and the completeness of their inputs (scoring.md §4), when the session was scored: ours from
/// <c>session_scores</c> (the full result, as <c>GET /api/sessions/{id}/scores</c> serves it), else the predecessor's
/// <c>performance_scores</c> row; with the configuration the scores were computed with and where they come from.
/// </summary>
/// <param name="ScoringConfigId">The id of the scoring configuration used (UUID text).</param>
/// <param name="ScoringConfigName">Its name, when the scores are ours (the result records it).</param>
/// <param name="Origin"><c>emgs</c> (<c>session_scores</c>) or <c>predecessor</c> (<c>performance_scores</c>).</param>
public sealed record CohortScores(
    string Profile,
    double? OverallScore,
    double? ComplianceScore,
    double? SymmetryScore,
    double? EffortScore,
    double? GameScore,
    bool HasEmgData,
    bool HasRpe,
    bool HasGameData,
    bool HasBfrData,
    string? ScoringConfigId = null,
    string? ScoringConfigName = null,
    string? Origin = null);
