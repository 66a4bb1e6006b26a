namespace EmgSessions.Core.Access;

/// <summary>
/// What the application layer needs to know about patients to apply <see cref="AccessRules"/> to sessions: the
/// patient a session's code names (with its therapist), and whether a therapist has any patient at all. Sessions
/// link to patients by <c>patient_code</c> (access.md §2); a code no patient has is "unassigned".
/// </summary>
internal interface IPatientDirectory
{
    /// <summary>The patient with code <paramref name="patientCode"/>, or null when none has it (an unassigned session).</summary>
    Task<PatientView?> FindAsync(string patientCode, CancellationToken cancellationToken);

    /// <summary>
    /// True when the therapist has at least one patient. False lets a therapist's session list be empty without asking
    /// the store; true sends the list query with <c>SessionQuery.TherapistId</c>, which the store then filters on.
    /// </summary>
    Task<bool> HasPatientsAsync(Guid therapistId, CancellationToken cancellationToken);
}
