namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// A session's scores and the completeness of their inputs (scoring.md §4), when the session was scored: the next
/// step fills this from the scoring result (<c>ScoringResult</c> and its <c>DataCompleteness</c>).
/// </summary>
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
    bool HasBfrData);
