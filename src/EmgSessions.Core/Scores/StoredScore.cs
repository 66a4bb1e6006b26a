namespace EmgSessions.Core.Scores;

/// <summary>
/// A session's stored score. <see cref="Origin"/> is <c>emgs</c> (computed here: <see cref="ResultJson"/> is the whole
/// scoring.md §4 result, uncapped) or <c>predecessor</c> (a <c>performance_scores</c> row this application did not
/// write, read as it is). <see cref="Stale"/>: the analytics or inputs changed since it was computed.
/// </summary>
internal sealed record StoredScore(
    Guid SessionId,
    string Origin,
    string? Profile,
    Guid? ScoringConfigId,
    string ResultJson,
    DateTimeOffset? ComputedAt,
    bool Stale);
