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
    /// <summary>The version of the analysis that writes entries now.</summary>
    public string ProcessingVersion => analysis.ProcessingVersion;

    /// <summary>The cached entry of a session (a hit), or null (a miss: none, expired, other version or params).</summary>
    public Task<string?> ReadAsync(Guid sessionId, CancellationToken cancellationToken) =>
        store.ReadCacheAsync(sessionId, analysis.ProcessingVersion, analysis.CanonicalParamsJson, options.Value.Ttl, cancellationToken);

    /// <summary>How many entries are stale (unused for longer than the TTL). Stale entries stay readable until recomputed or cleaned on request.</summary>
    public Task<int> CountExpiredAsync(CancellationToken cancellationToken) => store.CountExpiredCacheAsync(options.Value.Ttl, cancellationToken);

    /// <summary>Empties entries unused for longer than the TTL; returns how many. Only on an explicit request (never on a timer).</summary>
    public Task<int> CleanupAsync(CancellationToken cancellationToken) => store.CleanupCacheAsync(options.Value.Ttl, cancellationToken);
}
