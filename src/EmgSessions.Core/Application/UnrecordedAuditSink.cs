using EmgSessions.Core.Access;

namespace EmgSessions.Core.Application;

/// <summary>
/// The audit sink of a host without the people store (the CLI's session verbs, which act as the local machine and
/// so never record a read): events are dropped. A host with the people store registers its <c>audit_events</c>
/// sink, which replaces this one.
/// </summary>
internal sealed class UnrecordedAuditSink : IAuditSink
{
    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
