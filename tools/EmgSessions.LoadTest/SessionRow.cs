using System.Text.Json;

namespace EmgSessions.LoadTesting;

/// <summary>The fields of a <c>GET /api/sessions</c> item the load test checks.</summary>
internal sealed record SessionRow(Guid Id, string FilePath, string Status, string? Error, long FileSizeBytes, double? ProcessingTimeMs, DateTimeOffset? ProcessedAt)
{
    public static SessionRow From(JsonElement item) => new(
        item.GetProperty("id").GetGuid(),
        item.GetProperty("file_path").GetString()!,
        item.GetProperty("processing_status").GetString()!,
        item.TryGetProperty("processing_error_message", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
        item.GetProperty("file_size_bytes").GetInt64(),
        item.TryGetProperty("processing_time_ms", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
        item.TryGetProperty("processed_at", out var p) && p.ValueKind == JsonValueKind.String ? p.GetDateTimeOffset() : null);
}
