namespace EmgSessions.Http;

/// <summary><c>POST /api/cache/cleanup</c>: how many entries past the TTL were emptied.</summary>
internal sealed record CacheCleanupDto(int Cleaned, double TtlDays);
