namespace EmgSessions.Http;

/// <summary>The body of <c>PUT /api/patients/{code}/therapist</c>: the therapist's id, or null to unassign.</summary>
internal sealed record AssignPatientDto(Guid? TherapistId);
