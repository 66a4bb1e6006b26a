using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

/// <summary>An account lookup over a dictionary, until the users table exists (issue 12, next step).</summary>
internal sealed class InMemoryAccounts : IAccountLookup
{
    private readonly Dictionary<Guid, LocalAccount> _accounts = [];

    public DateTimeOffset? LastSignInAt { get; private set; }

    public void Add(LocalAccount account) => _accounts[account.Id] = account;

    public LocalAccount Get(Guid id) => _accounts[id];

    public Task<LocalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.Values.FirstOrDefault(account => string.Equals(account.Email, email, StringComparison.OrdinalIgnoreCase)));

    public Task<int> IncrementFailedSignInsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = _accounts[accountId];
        _accounts[accountId] = account with { FailedSignIns = account.FailedSignIns + 1 };
        return Task.FromResult(account.FailedSignIns + 1);
    }

    public Task LockUntilAsync(Guid accountId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        _accounts[accountId] = _accounts[accountId] with { LockedUntil = until };
        return Task.CompletedTask;
    }

    public Task RecordSuccessfulSignInAsync(Guid accountId, DateTimeOffset at, string? rehashedPassword, CancellationToken cancellationToken)
    {
        var account = _accounts[accountId];
        _accounts[accountId] = account with
        {
            FailedSignIns = 0,
            LockedUntil = null,
            PasswordHash = rehashedPassword ?? account.PasswordHash,
        };
        LastSignInAt = at;
        return Task.CompletedTask;
    }
}
