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
    /// <summary>The path hints for <c>game_metadata</c>: <c>{"path_patient_hint": ...}</c> or <c>{}</c>.</summary>
    public string GameMetadataJson =>
        PathPatientHint is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["path_patient_hint"] = PathPatientHint });
}
