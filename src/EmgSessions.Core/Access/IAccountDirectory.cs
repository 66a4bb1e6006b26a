namespace EmgSessions.Core.Access;

/// <summary>
/// What the sign-in layer needs from the users table beyond <see cref="IAccountLookup"/>: whether any local account
/// exists (the zero-set-up loopback default ends with the first one) and replacing an account's password hash
/// (the account holder's own password change; an admin's reset uses the same call).
/// </summary>
internal interface IAccountDirectory
{
    /// <summary>True once at least one local account exists, enabled or disabled.</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="passwordHash"/> as the password of the account <paramref name="email"/> (any case) and
    /// clears its failures and lock; false when no account has this email.
    /// </summary>
    Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken);
}
