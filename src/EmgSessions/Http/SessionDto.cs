using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;

namespace EmgSessions.Http;

/// <summary>
/// A session as the API shows it: the row of <c>therapy_sessions_with_technical</c>, without the cached analysis but
/// with what the analysis said about the recording (<c>warnings</c>: a truncated file, repairs; <c>skipped_channels</c>).
/// </summary>
internal sealed record SessionDto(
    Guid Id,
    string FilePath,
    string FileHash,
    long FileSizeBytes,
    string? OriginalFilename,
    string? PatientId,
    string? TherapistId,
    string? SessionId,
    DateTimeOffset? SessionDate,
    string ProcessingStatus,
    string? ProcessingErrorMessage,
    double? ProcessingTimeMs,
    bool HasAnalytics,
    int CacheHits,
    JsonElement GameMetadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    DateTimeOffset? LastAccessedAt,
    TechnicalDataDto? TechnicalData,
    IReadOnlyList<RecordingWarning> Warnings,
    IReadOnlyList<SkippedChannel> SkippedChannels)
{
    public static SessionDto From(SessionRecord s) => new(
        s.Id, s.FilePath, s.FileHash, s.FileSizeBytes, s.OriginalFilename, s.PatientId, s.TherapistId, s.SessionCode,
        s.SessionDate, s.ProcessingStatus, s.ProcessingErrorMessage, s.ProcessingTimeMs, HasCache(s.AnalyticsCacheJson),
        s.CacheHits, ParseObject(s.GameMetadataJson), s.CreatedAt, s.UpdatedAt, s.ProcessedAt, s.LastAccessedAt,
        s.Technical is { } t ? TechnicalDataDto.From(t) : null, StoredAnalytics.Warnings(s.AnalyticsCacheJson),
        StoredAnalytics.SkippedChannels(s.AnalyticsCacheJson));

    public static bool HasCache(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("analytics", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement ParseObject(string? json)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }
    }
}
