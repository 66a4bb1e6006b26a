using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    /// <summary>
    /// The session columns, read from the tables (not the view, whose shape an adopted database decides), with
    /// uuid or text ids read as text and a uuid patient reference read as the patient's code.
    /// </summary>
    private static string SessionColumns(PostgresSessionSchema schema) => $$"""
        ts.id AS id, ts.file_path AS file_path, ts.file_hash AS file_hash, ts.file_size_bytes AS file_size_bytes,
        ts.original_filename AS original_filename, {{schema.PatientRead}} AS patient_id, ts.therapist_id::text AS therapist_id,
        ts.session_id AS session_id, ts.session_date AS session_date, COALESCE(ts.processing_status, 'pending') AS processing_status,
        ts.processing_error_message AS processing_error_message, ts.processing_time_ms AS processing_time_ms,
        COALESCE(ts.analytics_cache, '{}'::jsonb)::text AS analytics_cache, COALESCE(ts.cache_hits, 0) AS cache_hits,
        COALESCE(ts.game_metadata, '{}'::jsonb)::text AS game_metadata, COALESCE(ts.created_at, now()) AS created_at,
        COALESCE(ts.updated_at, ts.created_at, now()) AS updated_at, ts.processed_at AS processed_at, ts.last_accessed_at AS last_accessed_at,
        ctd.original_sampling_rate AS original_sampling_rate, ctd.original_duration_seconds AS original_duration_seconds,
        ctd.original_sample_count AS original_sample_count, ctd.channel_count AS channel_count, ctd.channel_names AS channel_names,
        ctd.sampling_rate AS sampling_rate, ctd.duration_seconds AS duration_seconds, ctd.frame_count AS frame_count,
        CASE WHEN ctd.session_id IS NULL THEN NULL ELSE COALESCE(ctd.extracted_at, ts.created_at, now()) END AS extracted_at
        """;

    private const string SessionsFrom = "therapy_sessions ts LEFT JOIN c3d_technical_data ctd ON ctd.session_id = ts.id";

    private static string GetByIdSql(PostgresSessionSchema schema) => $"""
        SELECT {SessionColumns(schema)} FROM {SessionsFrom} WHERE ts.id = @id
        """;

    private static string GetByPathSql(PostgresSessionSchema schema) => $"""
        SELECT {SessionColumns(schema)} FROM {SessionsFrom} WHERE ts.file_path = @file_path
        """;

    public async Task UpsertTechnicalDataAsync(TechnicalData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            await Guard(async () =>
            {
                await using var command = _dataSource.CreateCommand(SessionSql.UpsertTechnicalData);
                Add(command, "id", NpgsqlDbType.Uuid, data.SessionId);
                Add(command, "original_sampling_rate", NpgsqlDbType.Real, Positive(data.OriginalSamplingRate));
                Add(command, "original_duration_seconds", NpgsqlDbType.Real, Positive(data.OriginalDurationSeconds));
                Add(command, "original_sample_count", NpgsqlDbType.Integer, Positive(data.OriginalSampleCount));
                Add(command, "channel_count", NpgsqlDbType.Integer, Positive(data.ChannelCount));
                Add(command, "channel_names", NpgsqlDbType.Array | NpgsqlDbType.Text, (data.ChannelNames ?? []).ToArray());
                Add(command, "sampling_rate", NpgsqlDbType.Real, Positive(data.SamplingRate));
                Add(command, "duration_seconds", NpgsqlDbType.Real, Positive(data.DurationSeconds));
                Add(command, "frame_count", NpgsqlDbType.Integer, Positive(data.FrameCount));
                Add(command, "extracted_at", NpgsqlDbType.TimestampTz, Utc(data.ExtractedAt ?? DateTimeOffset.UtcNow));
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrors.ForeignKeyViolation)
        {
            throw new SessionNotFoundException(data.SessionId);
        }
    }

    public Task<SessionRecord?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(GetByIdSql(await SchemaAsync(cancellationToken).ConfigureAwait(false)));
            Add(command, "id", NpgsqlDbType.Uuid, sessionId);
            return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
        });

    public Task<SessionRecord?> FindByPathAsync(string filePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(GetByPathSql(await SchemaAsync(cancellationToken).ConfigureAwait(false)));
            Add(command, "file_path", NpgsqlDbType.Text, filePath);
            return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
        });
    }

    public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        return Guard(async () =>
        {
            var schema = await SchemaAsync(cancellationToken).ConfigureAwait(false);
            var where = new StringBuilder("WHERE true");
            await using var count = _dataSource.CreateCommand();
            await using var page = _dataSource.CreateCommand();
            void Filter(string condition, string name, NpgsqlDbType type, object value)
            {
                where.Append(" AND ").Append(condition);
                Add(count, name, type, value);
                Add(page, name, type, value);
            }

            if (query.Status is { } status)
            {
                Filter("ts.processing_status = @status", "status", NpgsqlDbType.Text, status);
            }

            if (query.PatientId is { } patient)
            {
                Filter($"{schema.PatientRead} = @patient_id", "patient_id", NpgsqlDbType.Text, patient);
            }

            if (query.PatientIds is { } patients)
            {
                Filter($"{schema.PatientRead} = ANY(@patient_ids)", "patient_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, patients.ToArray());
            }

            if (query.TherapistId is { } therapist)
            {
                Filter($"EXISTS (SELECT 1 FROM patients pp WHERE pp.patient_code = {schema.PatientRead} AND pp.therapist_id = @therapist_id)",
                    "therapist_id", NpgsqlDbType.Uuid, therapist);
            }

            if (query.Unassigned)
            {
                where.Append($" AND NOT EXISTS (SELECT 1 FROM patients pp WHERE pp.patient_code = {schema.PatientRead} AND pp.therapist_id IS NOT NULL)");
            }

            if (query.SessionDateFrom is { } from)
            {
                Filter("ts.session_date >= @date_from", "date_from", NpgsqlDbType.TimestampTz, from.ToUniversalTime());
            }

            if (query.SessionDateTo is { } to)
            {
                Filter("ts.session_date <= @date_to", "date_to", NpgsqlDbType.TimestampTz, to.ToUniversalTime());
            }

            if (query.TextPattern is { } text)
            {
                Filter(
                    $"(ts.file_path ILIKE @text OR ts.original_filename ILIKE @text OR {schema.PatientRead} ILIKE @text OR ts.processing_error_message ILIKE @text)",
                    "text",
                    NpgsqlDbType.Text,
                    text);
            }

            count.CommandText = $"SELECT count(*) FROM therapy_sessions ts {where}";
            // The page's ids first, sorted on narrow rows, then their whole rows (as on SQLite).
            var order = query.OrderBy(column => ListColumn(schema, column));
            page.CommandText = $"""
                SELECT {SessionColumns(schema)} FROM {SessionsFrom}
                WHERE ts.id IN (SELECT ts.id FROM {SessionsFrom} {where} ORDER BY {order} LIMIT @limit OFFSET @offset)
                ORDER BY {order}
                """;
            Add(page, "limit", NpgsqlDbType.Integer, query.Limit);
            Add(page, "offset", NpgsqlDbType.Integer, query.Offset);
            var total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<SessionRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(PostgresSessionRows.Instance.Read(reader));
            }

            return new SessionPage(items, total);
        });
    }

    /// <summary>A column of the session list as this schema reads it (the patient code may live in another column).</summary>
    private static string ListColumn(PostgresSessionSchema schema, string column) => column switch
    {
        "patient_id" => schema.PatientRead,
        "duration_seconds" => "ctd.duration_seconds",
        _ => "ts." + column,
    };

    /// <summary>The session row is locked first, as scoring does before it writes the row (the same lock order, no deadlock).</summary>
    private const string DeleteOwnPerformanceScoresSql = """
        SELECT 1 FROM therapy_sessions WHERE id = @id FOR UPDATE;
        DELETE FROM performance_scores WHERE session_id = @id AND EXISTS (SELECT 1 FROM session_scores WHERE session_id = @id)
        """;

    /// <summary>
    /// Deletes the session with its technical data and job (this application's tables, ON DELETE CASCADE); refuses with
    /// <see cref="SessionReferencedException"/> when rows of any other table (the predecessor's) refer to it.
    /// </summary>
    public Task<bool> DeleteSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        TransactionAsync((schema, connection, transaction) => DeleteSessionAsync(sessionId, schema, connection, transaction, cancellationToken), cancellationToken);

    private static async Task<bool> DeleteSessionAsync(
        Guid sessionId, PostgresSessionSchema schema, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The performance_scores row this application wrote (session_scores says so) goes with the session; the
        // transaction is rolled back if another table still refers to it.
        await using (var scores = new NpgsqlCommand(DeleteOwnPerformanceScoresSql, connection, transaction))
        {
            Add(scores, "id", NpgsqlDbType.Uuid, sessionId);
            await scores.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (schema.Referencing.Count > 0)
        {
            var probes = string.Join(" UNION ALL ", schema.Referencing.Select((r, i) =>
                $"SELECT {i} WHERE EXISTS (SELECT 1 FROM {r.Table} WHERE \"{r.Column}\" = @id)"));
            await using var probe = new NpgsqlCommand($"SELECT 1 FROM therapy_sessions WHERE id = @id FOR UPDATE; {probes}", connection, transaction);
            Add(probe, "id", NpgsqlDbType.Uuid, sessionId);
            var found = new List<string>();
            await using (var reader = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add(schema.Referencing[reader.GetInt32(0)].Table);
                }
            }

            if (found.Count > 0)
            {
                throw new SessionReferencedException(sessionId, [.. found.Distinct(StringComparer.Ordinal)]);
            }
        }

        await using var command = new NpgsqlCommand(SessionSql.DeleteSession, connection, transaction);
        Add(command, "id", NpgsqlDbType.Uuid, sessionId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<SessionRecord?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresSessionRows.Instance.Read(reader) : null;
    }

    private static object? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? (float)v : null;

    private static object? Positive(int? value) => value is > 0 ? value.Value : null;
}
