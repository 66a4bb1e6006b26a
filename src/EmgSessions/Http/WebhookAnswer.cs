using System.Text.Json.Serialization;

namespace EmgSessions.Http;

/// <summary>
/// The webhook's 200 answer (system.md §3.3): <c>{"success", "message", "processing_id"?}</c>, plus the
/// Phase 1 outcome and, for duplicate content, the original path.
/// </summary>
internal sealed record WebhookAnswer(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("processing_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ProcessingId = null,
    [property: JsonPropertyName("outcome"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome = null,
    [property: JsonPropertyName("original_path"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OriginalPath = null);
