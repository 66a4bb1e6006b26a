using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>
/// What entering inputs did: <see cref="Errors"/> (nothing stored) when a value is out of range, else the new score
/// (null when the session has no completed analysis yet: it is scored when Phase 2 completes). <see cref="Found"/> is false
/// for an unknown session.
/// </summary>
internal sealed record InputsOutcome(bool Found, IReadOnlyList<ScoringValidationError> Errors, ScoringResult? Scores, IReadOnlyList<string> UpdatedFields);
