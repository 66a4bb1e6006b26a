using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    private const int MaxErrorLength = 4000;

    private const string ClaimJobSql = $"""
        WITH next AS (
            SELECT id FROM jobs
            WHERE {ActiveStates} AND run_after <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY run_after, created_at
            FOR UPDATE SKIP LOCKED
            LIMIT 1),
        claimed AS (
            UPDATE jobs j
            SET state = 'running', attempts = j.attempts + 1, locked_by = @worker, locked_until = now() + @lease
            FROM next WHERE j.id = next.id
            RETURNING j.id, j.kind, j.payload, j.session_id, j.attempts, j.locked_until),
        abandoned AS (
            UPDATE job_attempts a SET outcome = 'abandoned', finished_at = now()
            FROM claimed WHERE a.job_id = claimed.id AND a.outcome = 'running'),
        attempt AS (
            INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, outcome)
            SELECT id, attempts, @worker, now(), 'running' FROM claimed),
        marked AS (
            UPDATE therapy_sessions s SET processing_status = 'processing'
            FROM claimed WHERE s.id = claimed.session_id AND claimed.kind = '{JobKinds.ProcessSession}')
        SELECT c.id, c.kind, c.payload, c.session_id, c.attempts, c.locked_until,
            s.file_path, s.file_hash, s.file_size_bytes, s.game_metadata ->> 'storage_bucket'
        FROM claimed c LEFT JOIN therapy_sessions s ON s.id = c.session_id
        """;

    private const string RenewLeaseSql = """
        UPDATE jobs SET locked_until = now() + @lease
        WHERE id = @id AND state = 'running' AND locked_by = @worker
        """;

    /// <summary>
    /// Phase 2's final write. <c>therapist_id</c> is set only to the uuid of a therapist the referenced table knows
    /// (a game's THERAPIST_ID such as <c>---</c> stays in <c>game_metadata.therapist_id</c>, never fails the session).
    /// </summary>
    private static string CompleteJobSql(PostgresSessionSchema schema) => $$"""
        WITH taken AS (
            UPDATE jobs SET state = 'succeeded', locked_by = NULL, locked_until = NULL, finished_at = now(), last_error = NULL
            WHERE session_id = @id AND kind = '{{JobKinds.ProcessSession}}' AND state = 'running' AND locked_by = @worker
            RETURNING id, session_id),
        attempt AS (
            UPDATE job_attempts a SET outcome = 'succeeded', finished_at = now()
            FROM taken WHERE a.job_id = taken.id AND a.outcome = 'running')
        UPDATE therapy_sessions s
        SET analytics_cache = @analytics_cache,
            processing_time_ms = @processing_time_ms,
            game_metadata = COALESCE(s.game_metadata, '{}'::jsonb) || @game_metadata,
            session_date = COALESCE(s.session_date, @session_date),
            therapist_id = COALESCE(s.therapist_id, {{TherapistValue(schema)}}),
            processing_status = 'completed',
            processed_at = now(),
            last_accessed_at = now(),
            processing_error_message = NULL
        FROM taken WHERE s.id = taken.session_id
        """;

    private static string TherapistValue(PostgresSessionSchema schema) =>
        schema.TherapistTable is null ? "@therapist_id" : $"(SELECT t.id FROM {schema.TherapistTable} t WHERE t.id = @therapist_id)";

    /// <summary>The end of a statement whose CTE <c>released</c> gave a job back: a Phase 2 job's session is pending again; the count of jobs.</summary>
    private const string ReleasedBackToPending = $"""
        pending AS (
                UPDATE therapy_sessions s SET processing_status = 'pending'
                FROM released
                WHERE released.kind = '{JobKinds.ProcessSession}' AND s.id = released.session_id AND s.processing_status = 'processing')
            SELECT count(*) FROM released
        """;

    private const string RetryJobSql = $"""
        WITH released AS (
            UPDATE jobs
            SET state = 'pending', locked_by = NULL, locked_until = NULL, run_after = @run_after, last_error = @error
            WHERE id = @id AND state = 'running' AND locked_by = @worker
            RETURNING id, kind, session_id),
        attempt AS (
            UPDATE job_attempts a SET outcome = 'retried', finished_at = now(), error = @error
            FROM released WHERE a.job_id = released.id AND a.outcome = 'running'),
        {ReleasedBackToPending}
        """;

    private const string FailJobSql = $"""
        WITH taken AS (
            UPDATE jobs SET state = 'failed', locked_by = NULL, locked_until = NULL, finished_at = now(), last_error = @error
            WHERE id = @id AND state = 'running' AND locked_by = @worker
            RETURNING id, kind, session_id),
        attempt AS (
            UPDATE job_attempts a SET outcome = 'failed', finished_at = now(), error = @error
            FROM taken WHERE a.job_id = taken.id AND a.outcome = 'running'),
        failed AS (
            UPDATE therapy_sessions s
            SET processing_status = 'failed', processing_error_message = @error,
                processing_time_ms = COALESCE(@processing_time_ms, s.processing_time_ms), processed_at = now()
            FROM taken WHERE taken.kind = '{JobKinds.ProcessSession}' AND s.id = taken.session_id)
        SELECT count(*) FROM taken
        """;

    private const string ReleaseJobSql = $"""
        WITH released AS (
            UPDATE jobs
            SET state = 'pending', locked_by = NULL, locked_until = NULL, attempts = greatest(attempts - 1, 0)
            WHERE id = @id AND state = 'running' AND locked_by = @worker
            RETURNING id, kind, session_id),
        forgotten AS (
            DELETE FROM job_attempts a USING released WHERE a.job_id = released.id AND a.outcome = 'running'),
        {ReleasedBackToPending}
        """;

    private const string ReprocessSql = $$"""
        WITH marked AS (
            UPDATE therapy_sessions SET processing_status = 'reprocessing' WHERE id = @id RETURNING id),
        queued AS (
            INSERT INTO jobs (kind, payload, dedup_key, session_id, state, attempts, run_after, created_at)
            SELECT '{{JobKinds.ProcessSession}}', '{"session_id":"' || id::text || '"}', id::text, id, 'pending', 0, now(), now() FROM marked
            {{RestartActiveDuplicate}}
            RETURNING id)
        SELECT count(*) FROM (SELECT pg_notify('emgs_jobs', '') FROM queued) AS notified
        """;

    private const string RequeueOrphansSql = $$"""
        WITH queued AS (
            INSERT INTO jobs (kind, payload, dedup_key, session_id, state, attempts, run_after, created_at)
            SELECT '{{JobKinds.ProcessSession}}', '{"session_id":"' || s.id::text || '"}', s.id::text, s.id, 'pending', 0, now(), now()
            FROM therapy_sessions s
            WHERE s.processing_status IN ('pending', 'processing', 'reprocessing')
              AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.session_id = s.id AND j.kind = '{{JobKinds.ProcessSession}}' AND j.{{ActiveStates}})
            ON CONFLICT DO NOTHING
            RETURNING session_id),
        pending AS (
            UPDATE therapy_sessions s SET processing_status = 'pending'
            FROM queued WHERE s.id = queued.session_id AND s.processing_status = 'processing')
        SELECT count(*) FROM queued
        """;

    private const string NotifySql = """
        SELECT pg_notify('emgs_jobs', '')
        """;

    private const string QueueStatisticsSql = $"""
        SELECT processing_status, count(*) FROM therapy_sessions GROUP BY processing_status;
        SELECT
            count(*) FILTER (WHERE run_after <= now() AND (locked_until IS NULL OR locked_until < now())),
            count(*) FILTER (WHERE locked_until >= now()),
            count(*) FILTER (WHERE run_after > now() AND (locked_until IS NULL OR locked_until < now()))
        FROM jobs WHERE {ActiveStates};
        """;

    public Task<ClaimedJob?> ClaimJobAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return Guard<ClaimedJob?>(async () =>
        {
            await using var command = _dataSource.CreateCommand(ClaimJobSql);
            Add(command, "worker", NpgsqlDbType.Text, workerId);
            Add(command, "lease", NpgsqlDbType.Interval, lease);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var hasFile = !reader.IsDBNull(6);
            return new ClaimedJob(
                reader.IsDBNull(3) ? Guid.Empty : reader.GetGuid(3),
                hasFile ? reader.GetString(6) : "",
                hasFile ? reader.GetString(7) : "",
                hasFile ? reader.GetInt64(8) : 0,
                reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2));
        });
    }

    public Task<bool> RenewLeaseAsync(Guid jobId, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(RenewLeaseSql);
            Add(command, "id", NpgsqlDbType.Uuid, jobId);
            Add(command, "worker", NpgsqlDbType.Text, workerId);
            Add(command, "lease", NpgsqlDbType.Interval, lease);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        });
    }

    public Task<bool> CompleteJobAsync(SessionCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        CanonicalJson.RequireObject(completion.AnalyticsCacheJson, nameof(completion));
        CanonicalJson.RequireObject(completion.GameMetadataJson, nameof(completion));
        completion.FollowUp?.Validate();
        return TransactionAsync((schema, connection, transaction) => CompleteJobAsync(completion, schema, connection, transaction, cancellationToken), cancellationToken);
    }

    /// <summary>False (nothing written) when this worker no longer holds the session's job.</summary>
    private static async Task<bool> CompleteJobAsync(
        SessionCompletion completion, PostgresSessionSchema schema, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CompleteJobSql(schema), connection, transaction);
        Add(command, "id", NpgsqlDbType.Uuid, completion.SessionId);
        Add(command, "worker", NpgsqlDbType.Text, completion.WorkerId);
        Add(command, "analytics_cache", NpgsqlDbType.Jsonb, completion.AnalyticsCacheJson);
        Add(command, "processing_time_ms", NpgsqlDbType.Double, Math.Max(0, completion.ProcessingTimeMs));
        Add(command, "game_metadata", NpgsqlDbType.Jsonb, completion.GameMetadataJson);
        Add(command, "session_date", NpgsqlDbType.TimestampTz, Utc(completion.SessionDate));
        Add(command, "therapist_id", NpgsqlDbType.Uuid, Guid.TryParse(completion.TherapistId, out var therapist) ? therapist : null);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        if (completion.FollowUp is { } followUp)
        {
            await EnqueueJobAsync(connection, transaction, followUp, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public Task<bool> RetryJobAsync(Guid jobId, string workerId, DateTimeOffset runAfter, string error, CancellationToken cancellationToken) =>
        CountAsync(RetryJobSql, command =>
        {
            Add(command, "id", NpgsqlDbType.Uuid, jobId);
            Add(command, "worker", NpgsqlDbType.Text, workerId);
            Add(command, "run_after", NpgsqlDbType.TimestampTz, runAfter.ToUniversalTime());
            Add(command, "error", NpgsqlDbType.Text, Bound(error));
        }, cancellationToken);

    public Task<bool> FailJobAsync(Guid jobId, string workerId, string error, double? processingTimeMs, CancellationToken cancellationToken) =>
        CountAsync(FailJobSql, command =>
        {
            Add(command, "id", NpgsqlDbType.Uuid, jobId);
            Add(command, "worker", NpgsqlDbType.Text, workerId);
            Add(command, "error", NpgsqlDbType.Text, Bound(error));
            Add(command, "processing_time_ms", NpgsqlDbType.Double, processingTimeMs is { } ms ? Math.Max(0, ms) : null);
        }, cancellationToken);

    public Task<bool> ReleaseJobAsync(Guid jobId, string workerId, CancellationToken cancellationToken) =>
        HeldJobAsync(ReleaseJobSql, jobId, workerId, cancellationToken);

    public Task<bool> EnqueueReprocessAsync(Guid sessionId, CancellationToken cancellationToken) =>
        CountAsync(ReprocessSql, command => Add(command, "id", NpgsqlDbType.Uuid, sessionId), cancellationToken);

    public Task<int> RequeueOrphansAsync(CancellationToken cancellationToken) =>
        CountAndWakeAsync(RequeueOrphansSql, _ => { }, cancellationToken);

    public Task<QueueStatistics> GetQueueStatisticsAsync(CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(QueueStatisticsSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var byStatus = SessionStatus.All.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byStatus[reader.GetString(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new QueueStatistics(byStatus, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        });

    private Task<bool> CountAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(sql);
            bind(command);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
        });

    /// <summary>A statement on a job this worker holds (<c>@id</c>, <c>@worker</c>); true when it changed that job.</summary>
    private Task<bool> HeldJobAsync(string sql, Guid jobId, string workerId, CancellationToken cancellationToken) =>
        CountAsync(sql, command =>
        {
            Add(command, "id", NpgsqlDbType.Uuid, jobId);
            Add(command, "worker", NpgsqlDbType.Text, workerId);
        }, cancellationToken);

    /// <summary>Runs a statement that answers how many jobs it made ready to claim, and wakes the workers when it made any.</summary>
    private Task<int> CountAndWakeAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(sql);
            bind(command);
            var count = (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (count > 0)
            {
                await using var notify = _dataSource.CreateCommand(NotifySql);
                await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        });

    private static string Bound(string? error) =>
        string.IsNullOrEmpty(error) ? "unknown error" : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
