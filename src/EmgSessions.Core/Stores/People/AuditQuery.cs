namespace EmgSessions.Core.Stores.People;

/// <summary>Filters and paging for the audit trail; newest first. Text filters match exactly.</summary>
internal sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Action = null,
    string? SubjectType = null,
    string? SubjectId = null,
    int Limit = 50,
    int Offset = 0)
{
    public const int MaxLimit = 1000;
}
