using EmgSessions.Core.Scores;

namespace EmgSessions.Core.Application.Scores;

/// <summary>
/// What a person reads about a session's GHOSTLY+ scores: the stored score (null when the session has none yet), the
/// scoring configuration it names with its version (null when that configuration is not in the database, e.g. the
/// built-in trial default or a predecessor row without one), the inputs per source in priority order, and whether the
/// actor may enter inputs.
/// </summary>
internal sealed record SessionScoreSheet(
    StoredScore? Score,
    StoredConfiguration? Configuration,
    IReadOnlyList<SessionInputs> Inputs,
    bool MayAnnotate);
