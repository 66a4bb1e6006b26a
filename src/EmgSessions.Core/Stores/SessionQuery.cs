namespace EmgSessions.Core.Stores;

/// <summary>Filters and paging for the session list; newest first (created_at DESC, id).</summary>
public sealed record SessionQuery(
    string? Status = null,
    string? PatientId = null,
    DateTimeOffset? SessionDateFrom = null,
    DateTimeOffset? SessionDateTo = null,
    int Limit = 50,
    int Offset = 0);
