namespace EmgSessions.Core.Access;

/// <summary>
/// The directory while the database has no patients table: every session is unassigned (admins and machines see it,
/// researchers pseudonymised, therapists not at all) and no therapist has patients. Replaced by the directory over
/// <c>patients</c> once that table exists.
/// </summary>
internal sealed class UnassignedPatientDirectory : IPatientDirectory
{
    public Task<PatientView?> FindAsync(string patientCode, CancellationToken cancellationToken) => Task.FromResult<PatientView?>(null);

    public Task<bool> HasPatientsAsync(Guid therapistId, CancellationToken cancellationToken) => Task.FromResult(false);
}
