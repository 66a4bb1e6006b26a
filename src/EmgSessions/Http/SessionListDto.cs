namespace EmgSessions.Http;

/// <summary>One page of <c>GET /api/sessions</c>.</summary>
internal sealed record SessionListDto(IReadOnlyList<SessionDto> Items, long Total, int Limit, int Offset);
