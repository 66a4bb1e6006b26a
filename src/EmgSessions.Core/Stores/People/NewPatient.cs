namespace EmgSessions.Core.Stores.People;

/// <summary>A patient to create; <see cref="PatientCode"/> is how sessions find it (P001 …).</summary>
internal sealed record NewPatient(
    string PatientCode,
    Guid? TherapistId = null,
    string? FirstName = null,
    string? LastName = null,
    DateOnly? DateOfBirth = null,
    DateOnly? TreatmentStartDate = null,
    PatientTargets? Targets = null);
