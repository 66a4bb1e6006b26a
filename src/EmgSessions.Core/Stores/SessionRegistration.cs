namespace EmgSessions.Core.Stores;

/// <summary>
/// The answer of Phase 1's database step. <paramref name="ExistingPath"/> is the original path for
/// <see cref="RegistrationOutcome.DuplicateContent"/>. <paramref name="UnassignedPatientCode"/> is the path's patient
/// code when the database's <c>patients</c> does not know it: the session was stored without a patient (the code is
/// kept in <c>game_metadata.unassigned_patient_code</c>).
/// </summary>
public sealed record SessionRegistration(Guid SessionId, RegistrationOutcome Outcome, string? ExistingPath = null, string? UnassignedPatientCode = null);
