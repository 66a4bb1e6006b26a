using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

/// <summary>Keeps appended audit events in order, until audit_events exists (issue 12, next step).</summary>
internal sealed class RecordingAuditSink : IAuditSink
{
    public List<AuditEvent> Events { get; } = [];

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Add(auditEvent);
        return ValueTask.CompletedTask;
    }
}
