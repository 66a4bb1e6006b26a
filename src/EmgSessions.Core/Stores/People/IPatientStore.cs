namespace EmgSessions.Core.Stores.People;

/// <summary>Patients (<c>patients</c>), found by their code.</summary>
internal interface IPatientStore
{
    /// <summary>Patients ordered by code; only those of <paramref name="therapistId"/> when it is set.</summary>
    Task<IReadOnlyList<PatientRecord>> ListPatientsAsync(Guid? therapistId, CancellationToken cancellationToken);

    Task<PatientRecord?> GetPatientAsync(string patientCode, CancellationToken cancellationToken);

    /// <exception cref="PeopleConflictException">The code exists, the therapist is unknown, or the table needs a value that is missing.</exception>
    Task<PatientRecord> CreatePatientAsync(NewPatient patient, CancellationToken cancellationToken);

    /// <summary>Replaces the patient's targets; null when no patient has this code.</summary>
    Task<PatientRecord?> UpdateTargetsAsync(string patientCode, PatientTargets targets, CancellationToken cancellationToken);

    /// <summary>Assigns the patient to a therapist; null when no patient has this code.</summary>
    /// <exception cref="PeopleConflictException">The therapist is unknown, or the table requires a therapist.</exception>
    Task<PatientRecord?> AssignPatientAsync(string patientCode, Guid? therapistId, CancellationToken cancellationToken);
}
