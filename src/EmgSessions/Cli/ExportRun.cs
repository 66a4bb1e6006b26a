using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Core.Exports.Signals;
using EmgSessions.Core.Stores;

namespace EmgSessions.Cli;

/// <summary>
/// What <c>emgs export</c> does, on values already parsed (the verb's parsing stays a thin shell around this): one
/// session's files into a folder, or the cohort into one CSV or Parquet file; each export audited as the local operator.
/// </summary>
internal sealed class ExportRun(ISessionStore store, SessionExporter exporter, IAuditSink audit, TimeProvider clock)
{
    /// <summary>One file written: its path and size.</summary>
    public sealed record WrittenFile(string Path, long Bytes);

    /// <summary>
    /// Writes every per-session file (contractions, metrics, result, signals raw and envelope in CSV and Parquet, the
    /// original recording) into <paramref name="directory"/>, created if missing.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No session has <paramref name="sessionId"/>.</exception>
    /// <exception cref="ExportNotReadyException">The session has no analysis yet, or its recording is gone.</exception>
    public async Task<IReadOnlyList<WrittenFile>> ExportSessionAsync(Guid sessionId, string directory, CancellationToken cancellationToken)
    {
        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException(sessionId);
        SessionExporter.Channels(session);
        var recording = await exporter.ReadRecordingAsync(session, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(directory);
        var written = new List<WrittenFile>();

        async Task WriteAsync(string kind, string extension, Func<Stream, Task> write)
        {
            var path = Path.Combine(directory, SessionExporter.FileName(session, kind, extension));
            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await write(file).ConfigureAwait(false);
                written.Add(new WrittenFile(path, file.Length));
            }
        }

        await WriteAsync("contractions", "csv", s => SessionExporter.WriteContractionsCsvAsync(session, s, cancellationToken)).ConfigureAwait(false);
        await WriteAsync("metrics", "csv", s => SessionExporter.WriteMetricsCsvAsync(session, s, cancellationToken)).ConfigureAwait(false);
        await WriteAsync("result", "json", s => exporter.WriteResultJsonAsync(session, s, cancellationToken)).ConfigureAwait(false);
        foreach (var kind in new[] { SignalKind.Raw, SignalKind.Envelope })
        {
            var name = kind == SignalKind.Raw ? "signals-raw" : "signals-envelope";
            await WriteAsync(name, "csv", s => SessionExporter.WriteSignalsAsync(recording, kind, null, false, s, cancellationToken)).ConfigureAwait(false);
            await WriteAsync(name, "parquet", s => SessionExporter.WriteSignalsAsync(recording, kind, null, true, s, cancellationToken)).ConfigureAwait(false);
        }

        await WriteAsync("recording", "c3d", s => exporter.CopyRecordingAsync(session, s, cancellationToken)).ConfigureAwait(false);
        await AuditAsync("session", session.Id.ToString("D"), directory, new() { ["files"] = written.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Writes the cohort (full table: the operator of the database is no researcher) to <paramref name="path"/>;
    /// <paramref name="progress"/> hears (sessions done, sessions selected) as rows stream. Returns the rows written.
    /// </summary>
    public async Task<long> ExportCohortAsync(SessionQuery filter, bool parquet, string path, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var total = (await store.ListSessionsAsync(filter with { Limit = 1, Offset = 0 }, cancellationToken).ConfigureAwait(false)).Total;
        progress?.Invoke(0, total);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var rows = Observe(new StoreCohortRowSource(store, filter, pseudonymise: false).ReadRowsAsync(cancellationToken), done => progress?.Invoke(done, total));
        long count;
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            count = parquet
                ? await ExportParquetWriter.WriteAsync(CohortTables.Full, rows, file, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await ExportCsvWriter.WriteAsync(CohortTables.Full, rows, file, cancellationToken).ConfigureAwait(false);
        }

        progress?.Invoke(total, total);
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["rows"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["pseudonymised"] = "false" };
        if (filter.Status is { } status)
        {
            details["status"] = status;
        }

        if (filter.PatientId is { } patient)
        {
            details["patient_id"] = patient;
        }

        await AuditAsync("export", parquet ? "sessions.parquet" : "sessions.csv", path, details, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Counts distinct sessions as their rows pass (rows of a session are consecutive).</summary>
    private static async IAsyncEnumerable<CohortRow> Observe(IAsyncEnumerable<CohortRow> rows, Action<long> sessionsDone)
    {
        Guid? last = null;
        long sessions = 0;
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (row.SessionId != last)
            {
                if (last is not null)
                {
                    sessionsDone(++sessions);
                }

                last = row.SessionId;
            }

            yield return row;
        }
    }

    private async Task AuditAsync(string subjectType, string subjectId, string file, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        details["file"] = file;
        await audit.AppendAsync(AuditEvent.By(Actor.LocalUser, AuditActions.Export, clock, subjectType, subjectId, details: details), cancellationToken).ConfigureAwait(false);
    }
}
