using System.Text.Json;

namespace EmgSessions.Core.Webhooks;

/// <summary>
/// What an object key says about its session (system.md §3.4): the patient code, the session code,
/// the date in the file name, and a first folder that is not a patient code (kept as a hint).
/// </summary>
public sealed record SessionPathInfo(
    string OriginalFilename,
    string? PatientId,
    string? SessionCode,
    DateTimeOffset? SessionDate,
    string? PathPatientHint)
{
    /// <summary>The <c>game_metadata</c> key holding the bucket of the object.</summary>
    public const string StorageBucketKey = "storage_bucket";

    /// <summary>The path hints for <c>game_metadata</c>: <c>{"path_patient_hint": ...}</c> or <c>{}</c>.</summary>
    public string GameMetadataJson =>
        PathPatientHint is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["path_patient_hint"] = PathPatientHint });

    /// <summary>
    /// What Phase 1 writes to <c>game_metadata</c>: the path hints plus <c>storage_bucket</c>, the bucket the
    /// object was read from, so that Phase 2 downloads it from there.
    /// </summary>
    public string GameMetadataJsonFor(string bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal) { [StorageBucketKey] = bucket };
        if (PathPatientHint is not null)
        {
            metadata["path_patient_hint"] = PathPatientHint;
        }

        return JsonSerializer.Serialize(metadata);
    }
}
