namespace EmgSessions.Core.Application.Operations;

/// <summary>
/// A cache cleanup: how many entries are past the TTL (<paramref name="Expired"/>) and, only when it was confirmed,
/// how many were emptied (<paramref name="Cleaned"/>).
/// </summary>
internal sealed record CacheCleanupReport(int Cleaned, double TtlDays, int Expired = 0, bool Confirmed = false);
