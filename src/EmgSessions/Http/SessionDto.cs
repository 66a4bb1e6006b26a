using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;

namespace EmgSessions.Http;

/// <summary>
/// A session as the API shows it: the row of <c>therapy_sessions_with_technical</c>, without the cached analysis but
/// with what the analysis said about the recording (<c>warnings</c>: a truncated file, repairs; <c>skipped_channels</c>)
/// and <c>analytics_file_hash</c>, the file the stored analytics come from: when it differs from <c>file_hash</c>, they
/// belong to an earlier upload of this path (a later one failed or is still being processed).
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
    IReadOnlyList<SkippedChannel> SkippedChannels,
    string? AnalyticsFileHash)
{
    public static SessionDto From(SessionRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var stored = StoredAnalytics.Read(s.AnalyticsCacheJson);
        return new(
            s.Id, s.FilePath, s.FileHash, s.FileSizeBytes, s.OriginalFilename, s.PatientId, s.TherapistId, s.SessionCode,
            s.SessionDate, s.ProcessingStatus, s.ProcessingErrorMessage, s.ProcessingTimeMs, stored.HasAnalytics,
            s.CacheHits, ParseObject(s.GameMetadataJson), s.CreatedAt, s.UpdatedAt, s.ProcessedAt, s.LastAccessedAt,
            s.Technical is { } t ? TechnicalDataDto.From(t) : null, stored.Warnings, stored.SkippedChannels, stored.FileHash);
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
