using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Signals;

/// <summary>
/// The job kind <see cref="Kind"/>: build and store the signal summaries of a recording Phase 2 has just completed, so
/// that the first view of a session is a lookup. Given to <c>SessionProcessor</c>, it makes the job that Phase 2's
/// completion enqueues in its own transaction. One job per content: the dedup key is the file's SHA-256 (the name of
/// the summaries' file), so a reprocess or another session with the same bytes restarts a waiting job instead of adding one.
/// </summary>
public sealed class SignalSummaryJobs
{
    /// <summary>The kind, as written in <c>jobs.kind</c>.</summary>
    public const string Kind = "build-signal-summary";

    /// <summary>The job for <paramref name="sessionId"/>'s recording of content <paramref name="fileHash"/>: <c>{"session_id":"…","file_hash":"…"}</c>.</summary>
    public JobRequest For(Guid sessionId, string fileHash) =>
        new(Kind, Payload(sessionId, fileHash), SummaryKey(sessionId, fileHash), sessionId);

    /// <summary>
    /// What names a recording's summaries (their file and their job's dedup key): the content's SHA-256, or, for a
    /// session whose hash is not one (a predecessor's row), <c>session-</c> and its id.
    /// </summary>
    internal static string SummaryKey(Guid sessionId, string? fileHash) =>
        FileSpool.IsHash(fileHash) ? fileHash! : "session-" + sessionId.ToString("N", CultureInfo.InvariantCulture);

    private static string Payload(Guid sessionId, string fileHash)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("session_id", sessionId);
            writer.WriteString("file_hash", fileHash);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
