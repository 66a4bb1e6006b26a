using System.Text.Json.Serialization;

namespace EmgSessions.Http;

/// <summary>Answer of the health endpoints.</summary>
internal sealed record HealthDto(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Database,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Storage);
