namespace EmgSessions.Core.Access;

/// <summary>
/// Which therapist a patient code belongs to, for <see cref="AccessRules.DecideFor"/>: sessions link to patients by
/// code (the first segment of the object key). A code no patient has, or a patient without a therapist, is unassigned.
/// </summary>
internal interface IPatientDirectory
{
    /// <summary>The therapist of the patient with this code; null when the code is unknown or the patient has none.</summary>
    Task<Guid?> FindTherapistIdAsync(string patientCode, CancellationToken cancellationToken);

    /// <summary>True when a patient has this code.</summary>
    Task<bool> IsKnownAsync(string patientCode, CancellationToken cancellationToken);
}
