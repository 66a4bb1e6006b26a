using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const int MaxErrorLength = 4000;

    private const string ClaimJobSql = """
        UPDATE processing_jobs
        SET attempts = attempts + 1, locked_by = $worker, locked_until = $until
        WHERE session_id = (
            SELECT session_id FROM processing_jobs
            WHERE run_after <= $now AND (locked_until IS NULL OR locked_until < $now)
            ORDER BY run_after, created_at
            LIMIT 1)
        RETURNING session_id, attempts, locked_until
        """;

    private const string MarkProcessingSql = """
        UPDATE therapy_sessions SET processing_status = 'processing'
        WHERE id = $id
        RETURNING file_path, file_hash, file_size_bytes, json_extract(game_metadata, '$.storage_bucket')
        """;

    private const string RenewLeaseSql = """
        UPDATE processing_jobs SET locked_until = $until
        WHERE session_id = $id AND locked_by = $worker
        """;

    private const string TakeJobSql = """
        DELETE FROM processing_jobs WHERE session_id = $id AND locked_by = $worker
        """;

    private const string ReadGameMetadataSql = """
        SELECT game_metadata FROM therapy_sessions WHERE id = $id
        """;

    private const string CompleteSessionSql = """
        UPDATE therapy_sessions
        SET analytics_cache = json($analytics_cache),
            processing_time_ms = $processing_time_ms,
            game_metadata = json($game_metadata),
            session_date = COALESCE(session_date, $session_date),
            therapist_id = COALESCE(therapist_id, (SELECT t.id FROM therapists t WHERE t.id = lower($therapist_id))),
            processing_status = 'completed',
            processed_at = $now,
            last_accessed_at = $now,
            processing_error_message = NULL
        WHERE id = $id
        """;

    private const string RetryJobSql = """
        UPDATE processing_jobs
        SET locked_by = NULL, locked_until = NULL, run_after = $run_after, last_error = $error
        WHERE session_id = $id AND locked_by = $worker
        """;

    private const string BackToPendingSql = """
        UPDATE therapy_sessions SET processing_status = 'pending' WHERE id = $id AND processing_status = 'processing'
        """;

    private const string FailSessionSql = """
        UPDATE therapy_sessions
        SET processing_status = 'failed', processing_error_message = $error,
            processing_time_ms = COALESCE($processing_time_ms, processing_time_ms), processed_at = $now
        WHERE id = $id
        """;

    private const string ReleaseJobSql = """
        UPDATE processing_jobs
        SET locked_by = NULL, locked_until = NULL, attempts = max(attempts - 1, 0)
        WHERE session_id = $id AND locked_by = $worker
        """;

    private const string MarkReprocessingSql = """
        UPDATE therapy_sessions SET processing_status = 'reprocessing' WHERE id = $id
        """;

    private const string RequeueOrphansSql = """
        INSERT INTO processing_jobs (session_id, attempts, run_after, created_at)
        SELECT s.id, 0, $now, $now FROM therapy_sessions s
        WHERE s.processing_status IN ('pending', 'processing', 'reprocessing')
          AND NOT EXISTS (SELECT 1 FROM processing_jobs j WHERE j.session_id = s.id)
        ON CONFLICT DO NOTHING
        """;

    private const string OrphansToPendingSql = """
        UPDATE therapy_sessions SET processing_status = 'pending'
        WHERE processing_status = 'processing'
          AND NOT EXISTS (SELECT 1 FROM processing_jobs j WHERE j.session_id = therapy_sessions.id AND j.locked_until >= $now)
        """;

    private const string QueueStatisticsSql = """
        SELECT processing_status, count(*) FROM therapy_sessions GROUP BY processing_status;
        SELECT
            count(*) FILTER (WHERE run_after <= $now AND (locked_until IS NULL OR locked_until < $now)),
            count(*) FILTER (WHERE locked_until >= $now),
            count(*) FILTER (WHERE run_after > $now AND (locked_until IS NULL OR locked_until < $now))
        FROM processing_jobs;
        """;

    public async Task<ClaimedJob?> ClaimJobAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return await _database.WriteAsync<ClaimedJob?>((connection, transaction) =>
        {
            var now = DateTimeOffset.UtcNow;
            string id;
            int attempts;
            string lockedUntil;
            using (var claim = Command(connection, transaction, ClaimJobSql))
            {
                claim.Parameters.AddWithValue("$worker", workerId);
                claim.Parameters.AddWithValue("$now", SqliteTime.ToText(now));
                claim.Parameters.AddWithValue("$until", SqliteTime.ToText(now + lease));
                using var reader = claim.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                id = reader.GetString(0);
                attempts = reader.GetInt32(1);
                lockedUntil = reader.GetString(2);
            }

            using var mark = Command(connection, transaction, MarkProcessingSql);
            mark.Parameters.AddWithValue("$id", id);
            using var session = mark.ExecuteReader();
            session.Read();
            return new ClaimedJob(Guid.Parse(id), session.GetString(0), session.GetString(1), session.GetInt64(2), attempts, SqliteTime.Parse(lockedUntil),
                session.IsDBNull(3) ? null : session.GetValue(3) as string);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RenewLeaseAsync(Guid sessionId, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return _database.WriteAsync((connection, transaction) =>
        {
            using var renew = Command(connection, transaction, RenewLeaseSql);
            renew.Parameters.AddWithValue("$id", Id(sessionId));
            renew.Parameters.AddWithValue("$worker", workerId);
            renew.Parameters.AddWithValue("$until", SqliteTime.ToText(DateTimeOffset.UtcNow + lease));
            return renew.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<bool> CompleteJobAsync(SessionCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        CanonicalJson.RequireObject(completion.AnalyticsCacheJson, nameof(completion));
        CanonicalJson.RequireObject(completion.GameMetadataJson, nameof(completion));
        return _database.WriteAsync((connection, transaction) =>
        {
            var id = Id(completion.SessionId);
            if (!TakeJob(connection, transaction, id, completion.WorkerId))
            {
                return false;
            }

            string stored;
            using (var read = Command(connection, transaction, ReadGameMetadataSql))
            {
                read.Parameters.AddWithValue("$id", id);
                stored = read.ExecuteScalar() as string ?? "{}";
            }

            using var complete = Command(connection, transaction, CompleteSessionSql);
            complete.Parameters.AddWithValue("$id", id);
            complete.Parameters.AddWithValue("$analytics_cache", completion.AnalyticsCacheJson);
            complete.Parameters.AddWithValue("$processing_time_ms", Math.Max(0, completion.ProcessingTimeMs));
            complete.Parameters.AddWithValue("$game_metadata", CanonicalJson.MergeObjects(stored, completion.GameMetadataJson));
            complete.Parameters.AddWithValue("$session_date", SqliteTime.ToParameter(completion.SessionDate));
            complete.Parameters.AddWithValue("$therapist_id", (object?)completion.TherapistId ?? DBNull.Value);
            complete.Parameters.AddWithValue("$now", SqliteTime.Now());
            complete.ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    public Task<bool> RetryJobAsync(Guid sessionId, string workerId, DateTimeOffset runAfter, string error, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var retry = Command(connection, transaction, RetryJobSql);
            retry.Parameters.AddWithValue("$id", Id(sessionId));
            retry.Parameters.AddWithValue("$worker", workerId);
            retry.Parameters.AddWithValue("$run_after", SqliteTime.ToText(runAfter));
            retry.Parameters.AddWithValue("$error", Bound(error));
            if (retry.ExecuteNonQuery() != 1)
            {
                return false;
            }

            BackToPending(connection, transaction, sessionId);
            return true;
        }, cancellationToken);

    public Task<bool> FailJobAsync(Guid sessionId, string workerId, string error, double? processingTimeMs, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var id = Id(sessionId);
            if (!TakeJob(connection, transaction, id, workerId))
            {
                return false;
            }

            using var fail = Command(connection, transaction, FailSessionSql);
            fail.Parameters.AddWithValue("$id", id);
            fail.Parameters.AddWithValue("$error", Bound(error));
            fail.Parameters.AddWithValue("$processing_time_ms", processingTimeMs is { } ms ? Math.Max(0, ms) : DBNull.Value);
            fail.Parameters.AddWithValue("$now", SqliteTime.Now());
            fail.ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<bool> ReleaseJobAsync(Guid sessionId, string workerId, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var release = Command(connection, transaction, ReleaseJobSql);
            release.Parameters.AddWithValue("$id", Id(sessionId));
            release.Parameters.AddWithValue("$worker", workerId);
            if (release.ExecuteNonQuery() != 1)
            {
                return false;
            }

            BackToPending(connection, transaction, sessionId);
            return true;
        }, cancellationToken);

    public async Task<bool> EnqueueReprocessAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var enqueued = await _database.WriteAsync((connection, transaction) =>
        {
            using var mark = Command(connection, transaction, MarkReprocessingSql);
            mark.Parameters.AddWithValue("$id", Id(sessionId));
            if (mark.ExecuteNonQuery() != 1)
            {
                return false;
            }

            Enqueue(connection, transaction, Id(sessionId), SqliteTime.Now());
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (enqueued)
        {
            _database.Signal.Pulse();
        }

        return enqueued;
    }

    public async Task<int> RequeueOrphansAsync(CancellationToken cancellationToken)
    {
        var count = await _database.WriteAsync((connection, transaction) =>
        {
            var now = SqliteTime.Now();
            using var requeue = Command(connection, transaction, RequeueOrphansSql);
            requeue.Parameters.AddWithValue("$now", now);
            var inserted = requeue.ExecuteNonQuery();
            using var pending = Command(connection, transaction, OrphansToPendingSql);
            pending.Parameters.AddWithValue("$now", now);
            pending.ExecuteNonQuery();
            return inserted;
        }, cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            _database.Signal.Pulse();
        }

        return count;
    }

    public Task<QueueStatistics> GetQueueStatisticsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(connection =>
        {
            using var command = Command(connection, null, QueueStatisticsSql);
            command.Parameters.AddWithValue("$now", SqliteTime.Now());
            using var reader = command.ExecuteReader();
            var byStatus = SessionStatus.All.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
            while (reader.Read())
            {
                byStatus[reader.GetString(0)] = reader.GetInt64(1);
            }

            reader.NextResult();
            reader.Read();
            return new QueueStatistics(byStatus, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }, cancellationToken);

    private static bool TakeJob(SqliteConnection connection, SqliteTransaction transaction, string id, string workerId)
    {
        using var take = Command(connection, transaction, TakeJobSql);
        take.Parameters.AddWithValue("$id", id);
        take.Parameters.AddWithValue("$worker", workerId);
        return take.ExecuteNonQuery() == 1;
    }

    private static void BackToPending(SqliteConnection connection, SqliteTransaction transaction, Guid sessionId)
    {
        using var pending = Command(connection, transaction, BackToPendingSql);
        pending.Parameters.AddWithValue("$id", Id(sessionId));
        pending.ExecuteNonQuery();
    }

    private static string Bound(string? error) =>
        string.IsNullOrEmpty(error) ? "unknown error" : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
