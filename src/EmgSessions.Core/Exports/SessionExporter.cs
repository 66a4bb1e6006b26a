using System.Reflection;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Analytics;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Json;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Core.Exports.Signals;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Exports;

/// <summary>
/// The files of one session's export, each written to a stream as it is made: contractions and channel metrics (CSV),
/// the full result with provenance (JSON), the signals (CSV or Parquet, raw or envelope, full or decimated), and the
/// original recording copied from object storage. The HTTP routes and <c>emgs export session</c> both use this.
/// </summary>
internal sealed class SessionExporter(IObjectStorage storage, string bucket, TimeProvider clock, IScoringStore? scores = null)
{
    /// <summary>The software version written into a result's provenance (the executable's informational version).</summary>
    public static string SoftwareVersion { get; } =
        typeof(SessionExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SessionExporter).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The file name for <paramref name="kind"/> of <paramref name="session"/> (<c>P005_2023-03-21_1750_contractions.csv</c>).</summary>
    public static string FileName(SessionRecord session, string kind, string extension)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExportFileNames.Session(session.PatientId, session.SessionDate, kind, extension);
    }

    /// <exception cref="ExportNotReadyException">No analysis is stored for the session yet.</exception>
    public static async Task<long> WriteContractionsCsvAsync(SessionRecord session, Stream output, CancellationToken cancellationToken) =>
        await ExportCsvWriter.WriteAsync(SessionTables.Contractions, Channels(session).SelectMany(c => c.Contractions), output, cancellationToken).ConfigureAwait(false);

    /// <exception cref="ExportNotReadyException">No analysis is stored for the session yet.</exception>
    public static async Task<long> WriteMetricsCsvAsync(SessionRecord session, Stream output, CancellationToken cancellationToken) =>
        await ExportCsvWriter.WriteAsync(SessionTables.Metrics, Channels(session), output, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The result document, with the scoring profile and configuration of the session's stored score in its provenance
    /// (null while the session has no score).
    /// </summary>
    /// <exception cref="ExportNotReadyException">No analysis is stored for the session yet.</exception>
    public async Task WriteResultJsonAsync(SessionRecord session, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        Channels(session);
        var (profile, configuration) = await ScoringUsedAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var provenance = new ExportProvenance(EmgAnalyzer.Profile, SoftwareVersion, clock.GetUtcNow(), profile, configuration);
        await ResultJsonExport.WriteAsync(session, provenance, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The profile of the session's stored score (ours; the predecessor's has none) and the configuration it used, as JSON.</summary>
    private async Task<(string? Profile, string? ConfigurationJson)> ScoringUsedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (scores is null || await scores.GetScoreAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return (null, null);
        }

        string? configuration = null;
        if (stored.ScoringConfigId is { } configId)
        {
            var all = await scores.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false);
            if (all.FirstOrDefault(c => c.Configuration.Id == configId) is { } used)
            {
                configuration = ScoringConfigurationJson.From(used).ToJsonString();
            }
        }

        return (stored.Profile, configuration);
    }

    /// <summary>
    /// The signals of <paramref name="recording"/> (from <see cref="ReadRecordingAsync"/>): every sample, or at most
    /// <paramref name="bucketsPerChannel"/> min/max buckets per channel; returns the rows written.
    /// </summary>
    public static async Task<long> WriteSignalsAsync(
        EmgRecording recording, SignalKind kind, int? bucketsPerChannel, bool parquet, Stream output, CancellationToken cancellationToken)
    {
        if (bucketsPerChannel is { } buckets)
        {
            var rows = SignalRows.Buckets(recording, kind, buckets);
            return parquet
                ? await ExportParquetWriter.WriteAsync(SignalTables.Buckets, rows, output, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await ExportCsvWriter.WriteAsync(SignalTables.Buckets, rows, output, cancellationToken).ConfigureAwait(false);
        }

        var samples = SignalRows.Samples(recording, kind);
        return parquet
            ? await ExportParquetWriter.WriteAsync(SignalTables.Samples, samples, output, rowGroupSize: 100_000, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await ExportCsvWriter.WriteAsync(SignalTables.Samples, samples, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the original file from object storage to <paramref name="output"/>; returns the bytes copied.</summary>
    /// <exception cref="ExportNotReadyException">The object is no longer in storage.</exception>
    public async Task<long> CopyRecordingAsync(SessionRecord session, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = await OpenRecordingAsync(session, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            long copied = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                copied += read;
            }

            return copied;
        }
    }

    /// <summary>The channels of the stored analysis (side mapping CH1 left, CH2 right).</summary>
    /// <exception cref="ExportNotReadyException">No analysis is stored for the session yet.</exception>
    public static IReadOnlyList<ChannelMetrics> Channels(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        IReadOnlyList<ChannelMetrics> channels;
        try
        {
            channels = AnalyticsJsonReader.ReadChannels(session.AnalyticsCacheJson);
        }
        catch (System.Text.Json.JsonException)
        {
            channels = [];
        }

        if (channels.Count == 0 && !HasAnalytics(session))
        {
            throw new ExportNotReadyException(
                $"Session {session.Id} has no stored analysis yet (status {session.ProcessingStatus}); export it once processing has completed, or POST /api/sessions/{session.Id}/reprocess.");
        }

        return channels;
    }

    private static bool HasAnalytics(SessionRecord session) => AnalyticsDocument.TryParse(session.AnalyticsCacheJson) is { HasAnalytics: true };

    /// <summary>The original file in object storage, opened for reading (the caller disposes it).</summary>
    /// <exception cref="ExportNotReadyException">The object is no longer in storage.</exception>
    public async Task<Stream> OpenRecordingAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (objectBucket, key) = StoredObject.Locate(session.FilePath, bucket);
        try
        {
            return await storage.OpenReadAsync(objectBucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageObjectNotFoundException)
        {
            throw new ExportNotReadyException(
                $"The recording of session {session.Id} ({session.OriginalFilename ?? "its file"}) is no longer in the '{objectBucket}' bucket; upload it again to export it.");
        }
    }

    /// <summary>The recording the signals come from, read whole from object storage.</summary>
    /// <exception cref="ExportNotReadyException">The object is gone, is not a readable C3D file, or states no sampling rate.</exception>
    public async Task<EmgRecording> ReadRecordingAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        var source = await OpenRecordingAsync(session, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(session.FileSizeBytes is > 0 and < int.MaxValue ? (int)session.FileSizeBytes : 0);
            await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            EmgRecording recording;
            try
            {
                recording = SignalRows.Read(buffer.ToArray());
            }
            catch (C3dFormatException ex)
            {
                throw new ExportNotReadyException($"The recording of session {session.Id} is not a readable C3D file ({ex.Message}); its signals cannot be exported.");
            }

            return recording.SamplingRate is null
                ? throw new ExportNotReadyException($"The recording of session {session.Id} states no analog sampling rate (ANALOG:RATE), so its signals have no times to export.")
                : recording;
        }
    }
}
