namespace EmgSessions.Core.Access;

/// <summary>
/// What <see cref="SignInService"/> needs from the users table. Implementations compare emails
/// case-insensitively and make <see cref="IncrementFailedSignInsAsync"/> atomic (two concurrent wrong
/// passwords count twice).
/// </summary>
internal interface IAccountLookup
{
    Task<LocalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>Adds one to the account's consecutive failures and returns the new count.</summary>
    Task<int> IncrementFailedSignInsAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Refuses sign-ins to the account until <paramref name="until"/>.</summary>
    Task LockUntilAsync(Guid accountId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Clears failures and lock, records the sign-in time and, when <paramref name="rehashedPassword"/> is set,
    /// replaces the stored hash (the hasher asked for a stronger one).
    /// </summary>
    Task RecordSuccessfulSignInAsync(Guid accountId, DateTimeOffset at, string? rehashedPassword, CancellationToken cancellationToken);
}
