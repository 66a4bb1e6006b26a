using System.Text.Json;
using System.Text.Json.Serialization;
using EmgSessions.Analysis;
using EmgSessions.Core.Access;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// A session as every transport shows it (API, CLI, dashboard): the row of <c>therapy_sessions_with_technical</c>,
/// without the cached analysis but with what the analysis said about the recording (<c>warnings</c>: a truncated file,
/// repairs; <c>skipped_channels</c>) and <c>analytics_file_hash</c>, the file the stored analytics come from: when it
/// differs from <c>file_hash</c>, they belong to an earlier upload of this path (a later one failed or is still being
/// processed). <see cref="HasAnalytics"/> means one thing everywhere: the stored entry holds an <c>analytics</c> object
/// (<see cref="StoredAnalytics"/>). The error message never shows a server path. <see cref="Patient"/> is the patient
/// the code names (absent while unassigned); researchers get it pseudonymised.
/// </summary>
internal sealed record SessionDetails(
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
    SessionTechnicalData? TechnicalData,
    IReadOnlyList<RecordingWarning> Warnings,
    IReadOnlyList<SkippedChannel> SkippedChannels,
    string? AnalyticsFileHash)
{
    /// <summary>The patient the session's code names; null (and not written) while the session is unassigned.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PatientView? Patient { get; init; }

    /// <summary>True in a researcher's view (access.md §1); not written otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Pseudonymised { get; init; }

    public static SessionDetails From(SessionRecord s, PatientView? patient = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var stored = StoredAnalytics.Read(s.AnalyticsCacheJson);
        return new(
            s.Id, s.FilePath, s.FileHash, s.FileSizeBytes, s.OriginalFilename, s.PatientId, s.TherapistId, s.SessionCode,
            s.SessionDate, s.ProcessingStatus, ServerPaths.Redact(s.ProcessingErrorMessage), s.ProcessingTimeMs, stored.HasAnalytics,
            s.CacheHits, ParseObject(s.GameMetadataJson), s.CreatedAt, s.UpdatedAt, s.ProcessedAt, s.LastAccessedAt,
            s.Technical is { } t ? SessionTechnicalData.From(t) : null, stored.Warnings, stored.SkippedChannels, stored.FileHash)
        {
            Patient = patient,
        };
    }

    /// <summary>The researcher's view: the patient pseudonymised (code kept, names and date of birth replaced by an age).</summary>
    public SessionDetails Pseudonymise(DateOnly asOf) => this with
    {
        Patient = Patient is { } patient ? Pseudonymiser.Patient(patient, asOf) : null,
        Pseudonymised = true,
    };

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
