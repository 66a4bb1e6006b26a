namespace EmgSessions.Http;

/// <summary>One page of <c>GET /api/audit</c>, newest first.</summary>
internal sealed record AuditPageDto(IReadOnlyList<AuditEventDto> Items, long Total, int Limit, int Offset);
