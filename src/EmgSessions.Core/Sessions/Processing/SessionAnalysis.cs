using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// The analysis Phase 2 runs on every session, with the defaults of this deployment: the EMG analysis
/// (profile <c>ghostly-v1</c>), the version and canonical params the cache is keyed by, and the session
/// facts a file gives (date from INFO:TIME in the session time zone, therapist from INFO:THERAPIST_ID).
/// </summary>
public sealed class SessionAnalysis
{
    /// <param name="options">The analysis options.</param>
    /// <param name="sessionTimeZone">
    /// The zone local recording times are written in (<c>Webhook:SessionTimeZone</c>, the same one the file-name
    /// dates use); UTC when null.
    /// </param>
    public SessionAnalysis(AnalysisOptions options, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        SessionTimeZone = sessionTimeZone ?? TimeZoneInfo.Utc;
        CanonicalParamsJson = options.ToCanonicalJson();
    }

    /// <summary>The zone INFO:TIME is read in.</summary>
    public TimeZoneInfo SessionTimeZone { get; }

    /// <summary>The options every session is analysed with (section <c>Analysis</c>; defaults of ghostly-v1).</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The cache key's version: a bump makes old entries misses.</summary>
    public string ProcessingVersion => EmgAnalyzer.ProcessingVersion;

    /// <summary>The cache key's params: <see cref="Options"/> as canonical JSON.</summary>
    public string CanonicalParamsJson { get; }

    /// <summary>Analyses a recording; the cache entry is stamped with <paramref name="cachedAt"/>.</summary>
    public SessionAnalysisResult Run(C3dRecording recording, DateTimeOffset cachedAt) =>
        Run(recording, cachedAt, parallel: Environment.ProcessorCount > 1);

    /// <summary>
    /// As <see cref="Run(C3dRecording, DateTimeOffset)"/>; on the calling thread only when <paramref name="parallel"/>
    /// is false (the same result), as on <see cref="AnalysisThreads"/>, where the slots already share the cores.
    /// </summary>
    /// <param name="fileHash">The SHA-256 of the analysed file, stored as <c>file_hash</c> in the cache entry (omitted when null).</param>
    /// <exception cref="SessionProcessingException">The recording holds nothing to analyse (permanent; the message says why).</exception>
    public SessionAnalysisResult Run(C3dRecording recording, DateTimeOffset cachedAt, bool parallel, string? fileHash = null)
    {
        EnsureAnalysable(recording);
        EmgAnalysisResult result;
        try
        {
            result = EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(recording), Options, parallel);
        }
        catch (EmgAnalysisException ex)
        {
            throw new SessionProcessingException(ex.Message, transient: false, ex);
        }

        return new SessionAnalysisResult(
            result.ToCacheJson(cachedAt, fileHash),
            GameMetadataJson(result.Metadata),
            SessionDateOf(recording.Info, SessionTimeZone),
            TherapistOf(recording.Info),
            result.Analytics.Count);
    }

    /// <summary>
    /// Fails a recording with no analog sample at all (a truncated upload, a file without channels) before anything
    /// is stored for it: a permanent failure whose message says why, never zeros on made-up channels.
    /// </summary>
    /// <exception cref="SessionProcessingException">The recording holds nothing to analyse.</exception>
    public static void EnsureAnalysable(C3dRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (RecordingCheck.WhyNothingToAnalyse(recording.Info) is { } reason)
        {
            throw new SessionProcessingException(reason, transient: false);
        }
    }

    /// <summary>
    /// The session date a file gives in INFO:TIME (year, month, day, hour, minute), a local time in
    /// <paramref name="zone"/> (UTC when null), as the instant it denotes; null when absent, invalid, or a
    /// local time skipped by a daylight-saving change.
    /// </summary>
    public static DateTimeOffset? SessionDateOf(C3dInfo info, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        zone ??= TimeZoneInfo.Utc;
        if (info.Parameters.Find("INFO:TIME") is not { } time)
        {
            return null;
        }

        var parts = time.GetStrings();
        if (parts.Count < 3)
        {
            return null;
        }

        int Part(int index) => index < parts.Count && int.TryParse(parts[index].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
        int year = Part(0), month = Part(1), day = Part(2);
        int hour = parts.Count > 3 ? Part(3) : 0, minute = parts.Count > 4 ? Part(4) : 0;
        if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), Math.Clamp(month, 1, 12))
            || hour is < 0 or > 23 || minute is < 0 or > 59)
        {
            return null;
        }

        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>INFO:THERAPIST_ID unless it is a placeholder ("---", "N/A", blank).</summary>
    public static string? TherapistOf(C3dInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var value = info.Parameters.Find("INFO:THERAPIST_ID")?.GetString()?.Trim();
        return string.IsNullOrEmpty(value) || value.Trim('-').Length == 0 || value.Equals("N/A", StringComparison.OrdinalIgnoreCase) ? null : value;
    }

    /// <summary>The game info of §4.4 under its JSON names, merged into <c>game_metadata</c>.</summary>
    public static string GameMetadataJson(GameMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("game_name", metadata.GameName);
            writer.WriteString("level", metadata.Level);
            writer.WriteString("duration", metadata.Duration);
            writer.WriteString("therapist_id", metadata.TherapistId);
            writer.WriteString("group_id", metadata.GroupId);
            writer.WriteString("time", metadata.Time);
            writer.WriteString("player_name", metadata.PlayerName);
            writer.WriteString("score", metadata.Score);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
