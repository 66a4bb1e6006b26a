using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// One session as the cohort export reads it: the session row, and beside it what other tables say when they exist
/// (the patient's name and date of birth from <c>patients</c>, the session's notes, its scores from
/// <c>performance_scores</c>); each of these is null when its table or column is not in the database.
/// </summary>
public sealed record CohortSession(
    SessionRecord Session,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    string? Notes,
    CohortScores? Scores);
