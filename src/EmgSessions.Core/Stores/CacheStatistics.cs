namespace EmgSessions.Core.Stores;

/// <summary>SQL aggregates over the analytics cache (system.md §5).</summary>
public sealed record CacheStatistics(
    long TotalSessions,
    long SessionsWithCache,
    long TotalHits,
    double AverageHitsPerSession,
    long RecentActivity7d);
