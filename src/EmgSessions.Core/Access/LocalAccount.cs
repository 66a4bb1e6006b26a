namespace EmgSessions.Core.Access;

/// <summary>A local user account as the sign-in service needs it (a row of <c>users</c>).</summary>
/// <param name="TherapistId">For a therapist, the linked <c>therapists.id</c> (their patient scope).</param>
/// <param name="FailedSignIns">Consecutive failed sign-ins since the last success.</param>
/// <param name="LockedUntil">No sign-in is accepted before this instant.</param>
internal sealed record LocalAccount(
    Guid Id,
    string Email,
    string PasswordHash,
    Role Role,
    Guid? TherapistId,
    bool Disabled,
    int FailedSignIns,
    DateTimeOffset? LockedUntil)
{
    public Actor ToActor() => Actor.Person(Email, Role, Role == Role.Therapist ? TherapistId : null);
}
