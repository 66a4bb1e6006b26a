using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>A row of <c>users</c> without its password hash.</summary>
internal sealed record UserRecord(
    Guid Id,
    string Email,
    Role Role,
    bool Disabled,
    Guid? TherapistId,
    Guid? SupabaseUserId,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt);
