using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// Where a session's processing stands (system.md §6, <c>GET /webhooks/storage/status/{id}</c>): its status, times, the
/// error (without server paths) and whether it has analytics — the same meaning as <see cref="SessionDetails.HasAnalytics"/>.
/// <see cref="AnalysisResults"/>, only when asked for: the stored entry when there are analytics, JSON null otherwise.
/// </summary>
internal sealed record SessionProcessing(
    [property: JsonPropertyName("processing_id")] Guid ProcessingId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("file_path")] string FilePath,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("processed_at")] DateTimeOffset? ProcessedAt,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("has_analysis")] bool HasAnalysis,
    [property: JsonPropertyName("cache_hits")] int CacheHits,
    [property: JsonPropertyName("analysis_results"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] JsonElement? AnalysisResults = null);
