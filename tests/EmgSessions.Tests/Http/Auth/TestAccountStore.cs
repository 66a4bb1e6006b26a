using EmgSessions.Core.Access;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// The account store the auth tests sign in against while the users table (issue 12, migration 050, branch people)
/// is not on this branch: the same contract (<see cref="IAccountLookup"/>, <see cref="IAccountDirectory"/>),
/// atomic under a lock, case-insensitive emails.
/// </summary>
internal sealed class TestAccountStore : IAccountLookup, IAccountDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LocalAccount> _accounts = [];

    public LocalAccount Add(string email, string passwordHash, Role role, Guid? therapistId = null, bool disabled = false)
    {
        var account = new LocalAccount(Guid.NewGuid(), email, passwordHash, role, therapistId, disabled, 0, null);
        lock (_gate)
        {
            _accounts[account.Id] = account;
        }

        return account;
    }

    public LocalAccount Get(Guid id)
    {
        lock (_gate)
        {
            return _accounts[id];
        }
    }

    public void Disable(Guid id)
    {
        lock (_gate)
        {
            _accounts[id] = _accounts[id] with { Disabled = true };
        }
    }

    public Task<LocalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.Values.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public Task<int> IncrementFailedSignInsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var account = _accounts[accountId] with { FailedSignIns = _accounts[accountId].FailedSignIns + 1 };
            _accounts[accountId] = account;
            return Task.FromResult(account.FailedSignIns);
        }
    }

    public Task LockUntilAsync(Guid accountId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _accounts[accountId] = _accounts[accountId] with { LockedUntil = until };
        }

        return Task.CompletedTask;
    }

    public Task RecordSuccessfulSignInAsync(Guid accountId, DateTimeOffset at, string? rehashedPassword, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var account = _accounts[accountId];
            _accounts[accountId] = account with { FailedSignIns = 0, LockedUntil = null, PasswordHash = rehashedPassword ?? account.PasswordHash };
        }

        return Task.CompletedTask;
    }

    public Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.Count > 0);
        }
    }

    public Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var account = _accounts.Values.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
            if (account is null)
            {
                return Task.FromResult(false);
            }

            _accounts[account.Id] = account with { PasswordHash = passwordHash, FailedSignIns = 0, LockedUntil = null };
            return Task.FromResult(true);
        }
    }
}
