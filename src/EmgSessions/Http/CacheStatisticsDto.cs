using System.Text.Json.Serialization;
using EmgSessions.Core.Stores;

namespace EmgSessions.Http;

/// <summary><c>GET /api/cache/stats</c> (system.md §5).</summary>
internal sealed record CacheStatisticsDto(long TotalSessions, long SessionsWithCache, long TotalHits, double AverageHitsPerSession, [property: JsonPropertyName("recent_activity_7d")] long RecentActivity7d, double TtlDays)
{
    public static CacheStatisticsDto From(CacheStatistics s, double ttlDays) =>
        new(s.TotalSessions, s.SessionsWithCache, s.TotalHits, s.AverageHitsPerSession, s.RecentActivity7d, ttlDays);
}
