using System.Net;
using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The zero-set-up default (access.md §3): a request with no credential is the local user while the server has
/// no API keys, no Supabase sign-in and no local account, and only when it arrived on loopback from loopback.
/// Once an account exists the answer is remembered (accounts are disabled, not removed); until then every
/// anonymous request asks <see cref="IAccountDirectory.AnyAsync"/>, so the first <c>emgs users add</c> — from
/// this process or another — closes the door at once.
/// </summary>
internal sealed class ZeroSetupAccess(ApiKeyRing keys, AuthSettings settings, IAccountDirectory accounts)
{
    private volatile bool _accountsExist;

    /// <summary>True when no credential can ever be required (no API keys and no Supabase sign-in configured).</summary>
    public bool MayBeOpen => !keys.HasKeys && !settings.SupabaseEnabled;

    public async ValueTask<bool> IsOpenAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MayBeOpen && IsLoopback(context.Connection) && !await AccountsExistAsync(cancellationToken);
    }

    /// <summary>Whether any local account exists; a "yes" is kept for the life of the process.</summary>
    public async ValueTask<bool> AccountsExistAsync(CancellationToken cancellationToken)
    {
        if (_accountsExist)
        {
            return true;
        }

        var any = await accounts.AnyAsync(cancellationToken);
        _accountsExist = any;
        return any;
    }

    private static bool IsLoopback(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && (connection.LocalIpAddress is not { } local || IPAddress.IsLoopback(local));
}
