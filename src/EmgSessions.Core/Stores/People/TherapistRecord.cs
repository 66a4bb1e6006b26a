namespace EmgSessions.Core.Stores.People;

/// <summary>
/// A therapist (a row of <c>therapists</c>, or of <c>user_profiles</c> with role therapist on the predecessor's
/// September shape) and the email of the local account linked to it, if any.
/// </summary>
internal sealed record TherapistRecord(Guid Id, Guid UserId, string FirstName, string LastName, string? Email);
