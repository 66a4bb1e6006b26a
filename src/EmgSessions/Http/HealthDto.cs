namespace EmgSessions.Http;

/// <summary>Answer of the health endpoints.</summary>
internal sealed record HealthDto(string Status, string? Database, string? Storage);
