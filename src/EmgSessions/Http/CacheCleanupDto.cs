namespace EmgSessions.Http;

/// <summary>
/// <c>POST /api/cache/cleanup</c>: how many entries are past the TTL (<paramref name="Expired"/>) and, only when the
/// request said <c>confirm=true</c>, how many were emptied (<paramref name="Cleaned"/>).
/// </summary>
internal sealed record CacheCleanupDto(int Cleaned, double TtlDays, int Expired = 0, bool Confirmed = false);
