using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>The audit trail in <c>audit_events</c>: appended by <see cref="IAuditSink"/>, listed here; never changed.</summary>
internal interface IAuditStore : IAuditSink
{
    Task<AuditPage> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken);
}
