using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Access;

/// <summary>
/// The one stand-in <see cref="IAuditSink"/> of a host without the people store's <c>audit_events</c> sink (the CLI's
/// session and export verbs, hosts composed for tests): every event becomes one structured log event (category
/// <c>EmgSessions.Audit</c>) with the row's fields, so nothing audited is lost. Registered only when no other sink is
/// (<c>TryAdd</c>); <c>emgs serve</c> registers the people store's sink, which replaces it.
/// </summary>
internal sealed partial class LoggingAuditSink(ILoggerFactory loggerFactory) : IAuditSink
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("EmgSessions.Audit");

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Appended(
            _logger, auditEvent.Action, auditEvent.Actor, auditEvent.ActorRole, auditEvent.SubjectType, auditEvent.SubjectId, auditEvent.Ip,
            string.Join("; ", auditEvent.Details.Select(d => d.Key + "=" + d.Value)), auditEvent.Id, auditEvent.At);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information,
        Message = "Audit {Action} by {Actor} ({ActorRole}) on {SubjectType} {SubjectId} from {Ip}: {Details} [{AuditId} at {At}]")]
    private static partial void Appended(
        ILogger logger, string action, string actor, string? actorRole, string? subjectType, string? subjectId, string? ip, string details, Guid auditId, DateTimeOffset at);
}
