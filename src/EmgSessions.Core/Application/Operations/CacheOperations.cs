using EmgSessions.Core.Access;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Application.Operations;

/// <summary>
/// The analytics cache as an operator sees it (system.md §5): statistics (<see cref="Permissions.OperationsRead"/>),
/// the cleanup that reports before it empties anything, and eviction by file hash (<see cref="Permissions.OperationsWrite"/>).
/// </summary>
internal sealed class CacheOperations(ISessionStore store, IOptions<CacheOptions> options)
{
    public async Task<Answer<CacheStatisticsReport>> StatisticsAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (Refused<CacheStatisticsReport>(actor, Permissions.OperationsRead) is { } refused)
        {
            return refused;
        }

        var statistics = await store.GetCacheStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return Answer<CacheStatisticsReport>.Ok(CacheStatisticsReport.From(statistics, options.Value.TtlDays));
    }

    /// <summary>Reports the stale entries; empties them only when <paramref name="confirm"/> (a report first, never an implicit erase).</summary>
    public async Task<Answer<CacheCleanupReport>> CleanupAsync(Actor actor, bool confirm, CancellationToken cancellationToken)
    {
        if (Refused<CacheCleanupReport>(actor, Permissions.OperationsWrite) is { } refused)
        {
            return refused;
        }

        var settings = options.Value;
        var expired = await store.CountExpiredCacheAsync(settings.Ttl, cancellationToken).ConfigureAwait(false);
        if (!confirm)
        {
            return Answer<CacheCleanupReport>.Ok(new CacheCleanupReport(0, settings.TtlDays, expired, Confirmed: false));
        }

        var cleaned = await store.CleanupCacheAsync(settings.Ttl, cancellationToken).ConfigureAwait(false);
        return Answer<CacheCleanupReport>.Ok(new CacheCleanupReport(cleaned, settings.TtlDays, expired, Confirmed: true));
    }

    /// <summary>Empties the entry of the session whose file has SHA-256 <paramref name="fileHash"/> (64 hex digits, any case).</summary>
    public async Task<Answer<string>> EvictAsync(Actor actor, string fileHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileHash);
        if (Refused<string>(actor, Permissions.OperationsWrite) is { } refused)
        {
            return refused;
        }

        if (fileHash.Length != 64 || !fileHash.All(char.IsAsciiHexDigit))
        {
            return Answer<string>.Invalid("Malformed file hash", "file_hash is the 64-character hex SHA-256 of the file.");
        }

        var normalised = fileHash.ToLowerInvariant();
        return await store.ClearCacheByHashAsync(normalised, cancellationToken).ConfigureAwait(false)
            ? Answer<string>.Ok(normalised)
            : Answer<string>.NotFound("Unknown file hash", $"No session has file_hash {fileHash}.");
    }

    private static Answer<T>? Refused<T>(Actor actor, string permission)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AccessRules.Decide(actor, permission) == AccessDecision.Allowed ? null : Answer<T>.Forbidden(permission);
    }
}
