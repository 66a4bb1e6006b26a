namespace EmgSessions.Http;

/// <summary>Answer of <c>POST /api/sessions/{id}/reprocess</c>.</summary>
internal sealed record ReprocessDto(Guid Id, string Status, string Message);
