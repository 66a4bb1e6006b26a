using EmgSessions.Core.Access;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The account store of a server whose database has no users table yet: nobody can sign in with a password and the
/// zero-set-up default stays as it is. The users store (issue 12, migration 050) replaces it when registered. Fail
/// closed: when another <see cref="IAccountLookup"/> is registered but no <see cref="IAccountDirectory"/> beside it,
/// <see cref="AnyAsync"/> answers true, so anonymous access ends rather than staying open over real accounts.
/// </summary>
internal sealed class UnconfiguredAccounts(IServiceProvider services) : IAccountLookup, IAccountDirectory
{
    public Task<LocalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult<LocalAccount?>(null);

    public Task<int> IncrementFailedSignInsAsync(Guid accountId, CancellationToken cancellationToken) => throw NoAccounts();

    public Task LockUntilAsync(Guid accountId, DateTimeOffset until, CancellationToken cancellationToken) => throw NoAccounts();

    public Task RecordSuccessfulSignInAsync(Guid accountId, DateTimeOffset at, string? rehashedPassword, CancellationToken cancellationToken) => throw NoAccounts();

    public Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(services.GetRequiredService<IAccountLookup>() is not UnconfiguredAccounts);

    public Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken) => Task.FromResult(false);

    private static InvalidOperationException NoAccounts() => new("This database has no local accounts.");
}
