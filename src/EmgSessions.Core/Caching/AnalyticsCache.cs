using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Caching;

/// <summary>
/// Reads of the analytics cache (system.md §5): a read is a hit when the stored version and params equal
/// the current analysis's and the entry was used within the TTL; a hit counts itself atomically.
/// </summary>
public sealed class AnalyticsCache(ISessionStore store, SessionAnalysis analysis, IOptions<CacheOptions> options)
{
    /// <summary>The cached entry of a session (a hit), or null (a miss: none, expired, other version or params).</summary>
    public Task<string?> ReadAsync(Guid sessionId, CancellationToken cancellationToken) =>
        store.ReadCacheAsync(sessionId, analysis.ProcessingVersion, analysis.CanonicalParamsJson, options.Value.Ttl, cancellationToken);

    /// <summary>Empties entries unused for longer than the TTL; returns how many.</summary>
    public Task<int> CleanupAsync(CancellationToken cancellationToken) => store.CleanupCacheAsync(options.Value.Ttl, cancellationToken);
}
