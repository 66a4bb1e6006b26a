using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>One page of the audit trail and how many events match the filters in all.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long Total);
