using EmgSessions.Core.Access;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The account store of a server whose database has no users table yet: nobody can sign in with a password and the
/// zero-set-up default stays as it is. The users store (issue 12, migration 050) replaces it when registered.
/// </summary>
internal sealed class UnconfiguredAccounts : IAccountLookup, IAccountDirectory
{
    public Task<LocalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult<LocalAccount?>(null);

    public Task<int> IncrementFailedSignInsAsync(Guid accountId, CancellationToken cancellationToken) => throw NoAccounts();

    public Task LockUntilAsync(Guid accountId, DateTimeOffset until, CancellationToken cancellationToken) => throw NoAccounts();

    public Task RecordSuccessfulSignInAsync(Guid accountId, DateTimeOffset at, string? rehashedPassword, CancellationToken cancellationToken) => throw NoAccounts();

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken) => Task.FromResult(false);

    private static InvalidOperationException NoAccounts() => new("This database has no local accounts.");
}
