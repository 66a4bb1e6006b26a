using EmgSessions.Core.Access;

namespace EmgSessions.Http;

/// <summary>One event of the audit trail as <c>GET /api/audit</c> shows it.</summary>
internal sealed record AuditEventDto(
    Guid Id, DateTimeOffset At, string Actor, string? ActorRole, string Action, string? SubjectType, string? SubjectId, string? Ip,
    IReadOnlyDictionary<string, string> Details)
{
    public static AuditEventDto From(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.At, e.Actor, e.ActorRole, e.Action, e.SubjectType, e.SubjectId, e.Ip, e.Details);
    }
}
