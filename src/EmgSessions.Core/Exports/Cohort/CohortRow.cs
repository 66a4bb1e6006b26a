namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// One row of the cohort export: one channel of one session, with the patient and session facts beside its metrics.
/// Identifying fields (<see cref="PatientName"/>, <see cref="DateOfBirth"/>, <see cref="Notes"/>) are left out of a
/// pseudonymised export by its table, never written.
/// </summary>
public sealed record CohortRow(
    Guid SessionId,
    string? PatientCode,
    string? PatientName,
    DateOnly? DateOfBirth,
    DateTimeOffset? SessionDate,
    string? GameLevel,
    string? Notes,
    ChannelMetrics Metrics,
    CohortScores? Scores)
{
    /// <summary>Age in whole years on the session date (null when either date is unknown).</summary>
    public long? AgeYears
    {
        get
        {
            if (DateOfBirth is not { } birth || SessionDate is not { } when)
            {
                return null;
            }

            var on = DateOnly.FromDateTime(when.UtcDateTime);
            var age = on.Year - birth.Year;
            if (on < birth.AddYears(age))
            {
                age--;
            }

            return age;
        }
    }
}
