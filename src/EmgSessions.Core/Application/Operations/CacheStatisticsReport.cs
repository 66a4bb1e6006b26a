using System.Text.Json.Serialization;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Operations;

/// <summary>The analytics cache in figures (system.md §5), with the time to live in force.</summary>
internal sealed record CacheStatisticsReport(
    long TotalSessions,
    long SessionsWithCache,
    long TotalHits,
    double AverageHitsPerSession,
    [property: JsonPropertyName("recent_activity_7d")] long RecentActivity7d,
    double TtlDays)
{
    public static CacheStatisticsReport From(CacheStatistics s, double ttlDays)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.TotalSessions, s.SessionsWithCache, s.TotalHits, s.AverageHitsPerSession, s.RecentActivity7d, ttlDays);
    }
}
