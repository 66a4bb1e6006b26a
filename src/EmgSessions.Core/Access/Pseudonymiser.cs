namespace EmgSessions.Core.Access;

/// <summary>
/// Researchers' views (access.md §1): patient code kept; first and last name and date of birth removed and
/// replaced by the age in whole years on a given date; free-text notes hidden.
/// </summary>
internal static class Pseudonymiser
{
    public static PatientView Patient(PatientView patient, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return patient with
        {
            FirstName = null,
            LastName = null,
            AgeYears = patient.DateOfBirth is { } born ? AgeInWholeYears(born, asOf) : patient.AgeYears,
            DateOfBirth = null,
            Notes = null,
            Pseudonymised = true,
        };
    }

    public static SessionView Session(SessionView session, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session with
        {
            Notes = null,
            Patient = session.Patient is { } patient ? Patient(patient, asOf) : null,
            Pseudonymised = true,
        };
    }

    /// <summary>
    /// Completed years between <paramref name="born"/> and <paramref name="asOf"/>: the birthday must have been
    /// reached (someone born on 29 February turns a year older on 28 February in common years). Null when the
    /// date of birth lies after <paramref name="asOf"/> (a data-entry error shows as unknown, not as a negative age).
    /// </summary>
    public static int? AgeInWholeYears(DateOnly born, DateOnly asOf)
    {
        if (born > asOf)
        {
            return null;
        }

        var years = asOf.Year - born.Year;
        return asOf < born.AddYears(years) ? years - 1 : years;
    }
}
