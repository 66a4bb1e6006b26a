using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Http;

/// <summary><c>GET /webhooks/storage/status/{id}</c> (system.md §6); <c>analysis_results</c> only with <c>?include=analysis</c>.</summary>
internal sealed record WebhookStatusDto(
    [property: JsonPropertyName("processing_id")] Guid ProcessingId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("file_path")] string FilePath,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("processed_at")] DateTimeOffset? ProcessedAt,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("has_analysis")] bool HasAnalysis,
    [property: JsonPropertyName("cache_hits")] int CacheHits,
    [property: JsonPropertyName("analysis_results"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] JsonElement? AnalysisResults = null);
