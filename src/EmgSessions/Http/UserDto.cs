using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Http;

/// <summary>An account as the users API shows it (never its password hash).</summary>
internal sealed record UserDto(
    Guid Id, string Email, string Role, string Status, Guid? TherapistId, Guid? SupabaseUserId, DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt)
{
    public static UserDto From(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, RoleNames.Of(user.Role), user.Disabled ? "disabled" : "active", user.TherapistId, user.SupabaseUserId,
            user.LockedUntil, user.LastSignInAt, user.CreatedAt);
    }
}
