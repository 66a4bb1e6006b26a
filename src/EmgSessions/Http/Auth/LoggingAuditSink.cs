using EmgSessions.Core.Access;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Http.Auth;

/// <summary>
/// Writes audit events to the log (structured fields) while no database sink is registered; the
/// <c>audit_events</c> sink (issue 12, migration 050) replaces it.
/// </summary>
internal sealed partial class LoggingAuditSink(ILogger<LoggingAuditSink> logger) : IAuditSink
{
    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        LogEvent(logger, auditEvent.Action, auditEvent.Actor, auditEvent.ActorRole, auditEvent.SubjectType, auditEvent.SubjectId, auditEvent.Ip);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {Action} by {Actor} ({ActorRole}) on {SubjectType} {SubjectId} from {Ip}")]
    private static partial void LogEvent(ILogger logger, string action, string actor, string? actorRole, string? subjectType, string? subjectId, string? ip);
}
