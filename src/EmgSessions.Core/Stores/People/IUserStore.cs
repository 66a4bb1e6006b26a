using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>Local accounts (<c>users</c>): what the sign-in needs (<see cref="IAccountLookup"/>) and their administration.</summary>
internal interface IUserStore : IAccountLookup
{
    /// <exception cref="PeopleConflictException">An account with this email (in any case) exists.</exception>
    Task<UserRecord> CreateUserAsync(NewUser user, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);

    Task<UserRecord?> FindUserAsync(string email, CancellationToken cancellationToken);

    /// <summary>True when at least one account exists (sign-in is then required on loopback too).</summary>
    Task<bool> AnyUsersAsync(CancellationToken cancellationToken);

    /// <summary>Disables or enables the account; false when no account has this email.</summary>
    Task<bool> SetDisabledAsync(string email, bool disabled, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and clears failures and lock; false when no account has this email.</summary>
    Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Links the account to a therapist (its patient scope); false when no account has this email.</summary>
    Task<bool> LinkTherapistAsync(string email, Guid? therapistId, CancellationToken cancellationToken);
}
