using EmgSessions.Core.Stores.People;

namespace EmgSessions.Http;

/// <summary>A therapist as the therapists API shows it, with the email of its local account if one is linked.</summary>
internal sealed record TherapistDto(Guid Id, Guid UserId, string FirstName, string LastName, string? Email)
{
    public static TherapistDto From(TherapistRecord therapist)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        return new(therapist.Id, therapist.UserId, therapist.FirstName, therapist.LastName, therapist.Email);
    }
}
