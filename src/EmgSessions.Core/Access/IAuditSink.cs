namespace EmgSessions.Core.Access;

/// <summary>Where audit events go. Append-only by design: there is no way to change or remove an event.</summary>
internal interface IAuditSink
{
    ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
