namespace EmgSessions.Core.Stores;

/// <summary>
/// The analytics cache kept on each session (system.md §5).
/// </summary>
public interface IAnalyticsCacheStore
{
    /// <summary>
    /// A cache read: a hit when the stored version and canonical params match and last_accessed_at is
    /// within <paramref name="ttl"/>. A hit increments cache_hits and sets last_accessed_at in one
    /// atomic statement and returns the cached JSON; a miss returns null and changes nothing.
    /// </summary>
    Task<string?> ReadCacheAsync(Guid sessionId, string processingVersion, string canonicalParamsJson, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Increments cache_hits and last_accessed_at of a session (a duplicate upload of known content).</summary>
    Task CountCacheHitAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Empties the cache of the session with this file hash; false when no such session.</summary>
    Task<bool> ClearCacheByHashAsync(string fileHash, CancellationToken cancellationToken);

    /// <summary>How many non-empty cache entries were last used longer than <paramref name="ttl"/> ago (stale; still readable).</summary>
    Task<int> CountExpiredCacheAsync(TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Empties cache entries whose last access is older than <paramref name="ttl"/>; returns how many. Only on an explicit request.</summary>
    Task<int> CleanupCacheAsync(TimeSpan ttl, CancellationToken cancellationToken);

    Task<CacheStatistics> GetCacheStatisticsAsync(CancellationToken cancellationToken);
}
