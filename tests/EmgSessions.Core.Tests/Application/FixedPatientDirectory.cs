using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Application;

/// <summary>A patient directory with the patients a test names (the patients table does not exist yet).</summary>
internal sealed class FixedPatientDirectory(params PatientView[] patients) : IPatientDirectory
{
    public Task<PatientView?> FindAsync(string patientCode, CancellationToken cancellationToken) =>
        Task.FromResult(patients.FirstOrDefault(p => p.PatientCode == patientCode));

    public Task<bool> HasPatientsAsync(Guid therapistId, CancellationToken cancellationToken) =>
        Task.FromResult(patients.Any(p => p.TherapistId == therapistId));
}
