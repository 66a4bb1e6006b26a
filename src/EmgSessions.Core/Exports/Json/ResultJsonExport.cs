using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Exports.Json;

/// <summary>
/// The full result of a session as one JSON document: <c>{"provenance": {...}, "session": {...}, "result": &lt;the
/// analytics_cache entry as stored&gt;}</c>. Provenance holds the file hash, analysis profile, processing version and
/// the options used (from the entry), the scoring profile and configuration when given, the software version and
/// the export time.
/// </summary>
public static class ResultJsonExport
{
    /// <summary>Writes the document for <paramref name="session"/> to <paramref name="output"/> (left open).</summary>
    /// <exception cref="InvalidOperationException">The session has no analytics yet (Phase 2 has not stored any).</exception>
    public static async Task WriteAsync(SessionRecord session, ExportProvenance provenance, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(output);
        using var entry = ParseEntry(session);
        var root = entry.RootElement;
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("provenance");
            writer.WriteString("file_hash", Text(root, "file_hash") ?? session.FileHash);
            writer.WriteString("analysis_profile", provenance.AnalysisProfile);
            WriteTextOrNull(writer, "processing_version", Text(root, "processing_version"));
            writer.WritePropertyName("processing_params");
            if (root.TryGetProperty("processing_params", out var options))
            {
                options.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            WriteTextOrNull(writer, "scoring_profile", provenance.ScoringProfile);
            writer.WritePropertyName("scoring_configuration");
            if (provenance.ScoringConfigurationJson is { } scoring)
            {
                using var configuration = JsonDocument.Parse(scoring);
                configuration.RootElement.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteString("software_version", provenance.SoftwareVersion);
            writer.WriteString("exported_at", provenance.ExportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartObject("session");
            writer.WriteString("id", session.Id.ToString("D"));
            WriteTextOrNull(writer, "patient_id", session.PatientId);
            WriteTextOrNull(writer, "session_code", session.SessionCode);
            WriteTextOrNull(writer, "original_filename", session.OriginalFilename);
            WriteTextOrNull(writer, "session_date", session.SessionDate?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WritePropertyName("result");
            root.WriteTo(writer);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonDocument ParseEntry(SessionRecord session)
    {
        try
        {
            var document = JsonDocument.Parse(session.AnalyticsCacheJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("analytics", out _))
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Falls through to the message below: an unreadable entry is no result either.
        }

        throw new InvalidOperationException(
            $"Session {session.Id} has no stored analysis result to export (status {session.ProcessingStatus}); export it after processing completes.");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteTextOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
