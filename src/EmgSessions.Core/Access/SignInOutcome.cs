namespace EmgSessions.Core.Access;

internal enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown email or wrong password: the caller cannot tell which.</summary>
    Failed,

    /// <summary>Too many failures: refused until <see cref="PasswordSignInResult.RetryAfter"/> has passed, even with the right password.</summary>
    LockedOut,

    /// <summary>The right password for an account an admin disabled.</summary>
    Disabled,
}
