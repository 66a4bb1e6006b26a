using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>A row of <c>patients</c>. Columns the database's table does not have read as null.</summary>
internal sealed record PatientRecord(
    Guid Id,
    string PatientCode,
    Guid? TherapistId,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    DateOnly? TreatmentStartDate,
    PatientTargets Targets,
    DateTimeOffset? CreatedAt)
{
    /// <summary>The full view (<see cref="Pseudonymiser.Patient"/> makes a researcher's from it).</summary>
    public PatientView ToView() => new(PatientCode, TherapistId, FirstName, LastName, DateOfBirth, null, TreatmentStartDate, null);
}
