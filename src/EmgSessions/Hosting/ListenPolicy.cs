using EmgSessions.Core.Access;

namespace EmgSessions.Hosting;

/// <summary>
/// Whether the server may listen beyond loopback: only with a webhook secret and a way to sign callers in — API keys,
/// Supabase sign-in, or at least one local account (known only once the database is open, then remembered).
/// </summary>
internal sealed class ListenPolicy(bool hasApiKeys, bool hasWebhookSecret, bool hasSupabase = false)
{
    private volatile bool _accountsSeen;

    public bool HasApiKeys { get; } = hasApiKeys;

    public bool HasWebhookSecret { get; } = hasWebhookSecret;

    public bool HasSupabase { get; } = hasSupabase;

    /// <summary>Protected by configuration alone (no account needed).</summary>
    public bool IsProtected => HasWebhookSecret && (HasApiKeys || HasSupabase);

    /// <summary>Protected by configuration, or by a webhook secret and an existing local account.</summary>
    public async ValueTask<bool> IsProtectedAsync(IAccountDirectory accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (IsProtected || _accountsSeen)
        {
            return true;
        }

        if (!HasWebhookSecret)
        {
            return false;
        }

        _accountsSeen = await accounts.AnyAsync(cancellationToken);
        return _accountsSeen;
    }
}
