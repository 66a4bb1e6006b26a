namespace EmgSessions.Core.Access;

/// <summary>
/// A patient as shown to a person. Identity fields (names, date of birth) and <see cref="Notes"/> are null in a
/// pseudonymised view, which carries <see cref="AgeYears"/> instead; the patient code is always kept.
/// </summary>
internal sealed record PatientView(
    string PatientCode,
    Guid? TherapistId,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    int? AgeYears,
    DateOnly? TreatmentStartDate,
    string? Notes,
    bool Pseudonymised = false);
