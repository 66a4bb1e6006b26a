using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Analytics;
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
        var stored = ReadEntry(session);
        using var entry = JsonDocument.Parse(session.AnalyticsCacheJson);
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("provenance");
            writer.WriteString("file_hash", stored.FileHash ?? session.FileHash);
            writer.WriteString("analysis_profile", provenance.AnalysisProfile);
            WriteTextOrNull(writer, "processing_version", stored.ProcessingVersion);
            writer.WritePropertyName("processing_params");
            if (stored.ProcessingParams is { } options)
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
            entry.RootElement.WriteTo(writer);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stored entry, read for its provenance; the entry itself is copied into <c>result</c> as stored.</summary>
    private static AnalyticsDocument ReadEntry(SessionRecord session) =>
        AnalyticsDocument.TryParse(session.AnalyticsCacheJson) is { HasAnalytics: true } document
            ? document
            : throw new InvalidOperationException(
                $"Session {session.Id} has no stored analysis result to export (status {session.ProcessingStatus}); export it after processing completes.");

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
