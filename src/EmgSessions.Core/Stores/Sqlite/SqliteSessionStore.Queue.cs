using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const int MaxErrorLength = 4000;

    private const string ClaimJobSql = $"""
        UPDATE jobs
        SET state = 'running', attempts = attempts + 1, locked_by = $worker, locked_until = $until
        WHERE id = (
            SELECT id FROM jobs
            WHERE {ActiveStates} AND run_after <= $now AND (locked_until IS NULL OR locked_until < $now)
            ORDER BY run_after, created_at
            LIMIT 1)
        RETURNING id, kind, payload, session_id, attempts, locked_until
        """;

    /// <summary>A claim starts an attempt; an attempt still open is one whose worker lost the job (lease expired or restarted).</summary>
    private const string StartAttemptSql = """
        UPDATE job_attempts SET outcome = 'abandoned', finished_at = $now WHERE job_id = $id AND outcome = 'running';
        INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, outcome) VALUES ($id, $attempt, $worker, $now, 'running');
        """;

    private const string MarkProcessingSql = """
        UPDATE therapy_sessions SET processing_status = 'processing'
        WHERE id = $id
        RETURNING file_path, file_hash, file_size_bytes, json_extract(game_metadata, '$.storage_bucket')
        """;

    private const string ReadSessionFileSql = """
        SELECT file_path, file_hash, file_size_bytes, json_extract(game_metadata, '$.storage_bucket')
        FROM therapy_sessions WHERE id = $id
        """;

    private const string RenewLeaseSql = """
        UPDATE jobs SET locked_until = $until
        WHERE id = $id AND state = 'running' AND locked_by = $worker
        """;

    private const string TakeSessionJobSql = $"""
        SELECT id FROM jobs
        WHERE session_id = $id AND kind = '{JobKinds.ProcessSession}' AND state = 'running' AND locked_by = $worker
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
        UPDATE jobs
        SET state = 'pending', locked_by = NULL, locked_until = NULL, run_after = $run_after, last_error = $error
        WHERE id = $id AND state = 'running' AND locked_by = $worker
        RETURNING kind, session_id
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
        UPDATE jobs
        SET state = 'pending', locked_by = NULL, locked_until = NULL, attempts = max(attempts - 1, 0)
        WHERE id = $id AND state = 'running' AND locked_by = $worker
        RETURNING kind, session_id
        """;

    private const string ForgetAttemptSql = """
        DELETE FROM job_attempts WHERE job_id = $id AND outcome = 'running'
        """;

    private const string MarkReprocessingSql = """
        UPDATE therapy_sessions SET processing_status = 'reprocessing' WHERE id = $id
        """;

    /// <summary>A random (version 4) uuid in the text form <see cref="Id"/> writes.</summary>
    private const string NewUuid = """
        lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
            || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
        """;

    private const string RequeueOrphansSql = $"""
        INSERT INTO jobs (id, kind, payload, dedup_key, session_id, state, attempts, run_after, created_at)
        SELECT {NewUuid}, '{JobKinds.ProcessSession}', json_object('session_id', s.id), s.id, s.id, 'pending', 0, $now, $now
        FROM therapy_sessions s
        WHERE s.processing_status IN ('pending', 'processing', 'reprocessing')
          AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.session_id = s.id AND j.kind = '{JobKinds.ProcessSession}' AND j.{ActiveStates})
        ON CONFLICT DO NOTHING
        """;

    private const string OrphansToPendingSql = $"""
        UPDATE therapy_sessions SET processing_status = 'pending'
        WHERE processing_status = 'processing'
          AND NOT EXISTS (SELECT 1 FROM jobs j
                          WHERE j.session_id = therapy_sessions.id AND j.kind = '{JobKinds.ProcessSession}'
                            AND j.state = 'running' AND j.locked_until >= $now)
        """;

    private const string QueueStatisticsSql = $"""
        SELECT processing_status, count(*) FROM therapy_sessions GROUP BY processing_status;
        SELECT
            count(*) FILTER (WHERE run_after <= $now AND (locked_until IS NULL OR locked_until < $now)),
            count(*) FILTER (WHERE locked_until >= $now),
            count(*) FILTER (WHERE run_after > $now AND (locked_until IS NULL OR locked_until < $now))
        FROM jobs WHERE {ActiveStates};
        """;

    public async Task<ClaimedJob?> ClaimJobAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return await _database.WriteAsync<ClaimedJob?>((connection, transaction) =>
        {
            var now = DateTimeOffset.UtcNow;
            string id, kind, payload, lockedUntil;
            string? sessionId;
            int attempts;
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
                kind = reader.GetString(1);
                payload = reader.GetString(2);
                sessionId = reader.IsDBNull(3) ? null : reader.GetString(3);
                attempts = reader.GetInt32(4);
                lockedUntil = reader.GetString(5);
            }

            using (var attempt = Command(connection, transaction, StartAttemptSql))
            {
                attempt.Parameters.AddWithValue("$id", id);
                attempt.Parameters.AddWithValue("$attempt", attempts);
                attempt.Parameters.AddWithValue("$worker", workerId);
                attempt.Parameters.AddWithValue("$now", SqliteTime.ToText(now));
                attempt.ExecuteNonQuery();
            }

            var job = new ClaimedJob(Guid.Empty, "", "", 0, attempts, SqliteTime.Parse(lockedUntil), null, Guid.Parse(id), kind, payload);
            if (sessionId is null)
            {
                return job;
            }

            using var session = Command(connection, transaction, kind == JobKinds.ProcessSession ? MarkProcessingSql : ReadSessionFileSql);
            session.Parameters.AddWithValue("$id", sessionId);
            using var file = session.ExecuteReader();
            return file.Read()
                ? job with
                {
                    SessionId = Guid.Parse(sessionId),
                    FilePath = file.GetString(0),
                    FileHash = file.GetString(1),
                    FileSizeBytes = file.GetInt64(2),
                    StorageBucket = file.IsDBNull(3) ? null : file.GetValue(3) as string,
                }
                : job with { SessionId = Guid.Parse(sessionId) };
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RenewLeaseAsync(Guid jobId, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return _database.WriteAsync((connection, transaction) =>
        {
            using var renew = Command(connection, transaction, RenewLeaseSql);
            renew.Parameters.AddWithValue("$id", Id(jobId));
            renew.Parameters.AddWithValue("$worker", workerId);
            renew.Parameters.AddWithValue("$until", SqliteTime.ToText(DateTimeOffset.UtcNow + lease));
            return renew.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public async Task<bool> CompleteJobAsync(SessionCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        CanonicalJson.RequireObject(completion.AnalyticsCacheJson, nameof(completion));
        CanonicalJson.RequireObject(completion.GameMetadataJson, nameof(completion));
        completion.FollowUp?.Validate();
        var completed = await _database.WriteAsync((connection, transaction) =>
        {
            var id = Id(completion.SessionId);
            string? jobId;
            using (var find = Command(connection, transaction, TakeSessionJobSql))
            {
                find.Parameters.AddWithValue("$id", id);
                find.Parameters.AddWithValue("$worker", completion.WorkerId);
                jobId = find.ExecuteScalar() as string;
            }

            if (jobId is null || EndJob(connection, transaction, jobId, completion.WorkerId, "succeeded", null) is null)
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
            if (completion.FollowUp is { } followUp)
            {
                EnqueueJob(connection, transaction, followUp, SqliteTime.Now());
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (completed && completion.FollowUp is not null)
        {
            _database.Signal.Pulse();
        }

        return completed;
    }

    public Task<bool> RetryJobAsync(Guid jobId, string workerId, DateTimeOffset runAfter, string error, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var id = Id(jobId);
            var bounded = Bound(error);
            using (var retry = Command(connection, transaction, RetryJobSql))
            {
                retry.Parameters.AddWithValue("$id", id);
                retry.Parameters.AddWithValue("$worker", workerId);
                retry.Parameters.AddWithValue("$run_after", SqliteTime.ToText(runAfter));
                retry.Parameters.AddWithValue("$error", bounded);
                if (!BackToPending(connection, transaction, retry))
                {
                    return false;
                }
            }

            EndAttempt(connection, transaction, id, "retried", bounded, SqliteTime.Now());
            return true;
        }, cancellationToken);

    public Task<bool> FailJobAsync(Guid jobId, string workerId, string error, double? processingTimeMs, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var bounded = Bound(error);
            if (EndJob(connection, transaction, Id(jobId), workerId, "failed", bounded) is not { } ended)
            {
                return false;
            }

            if (ended.Kind == JobKinds.ProcessSession && ended.SessionId is { } sessionId)
            {
                using var fail = Command(connection, transaction, FailSessionSql);
                fail.Parameters.AddWithValue("$id", sessionId);
                fail.Parameters.AddWithValue("$error", bounded);
                fail.Parameters.AddWithValue("$processing_time_ms", processingTimeMs is { } ms ? Math.Max(0, ms) : DBNull.Value);
                fail.Parameters.AddWithValue("$now", SqliteTime.Now());
                fail.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public Task<bool> ReleaseJobAsync(Guid jobId, string workerId, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var id = Id(jobId);
            using (var release = Command(connection, transaction, ReleaseJobSql))
            {
                release.Parameters.AddWithValue("$id", id);
                release.Parameters.AddWithValue("$worker", workerId);
                if (!BackToPending(connection, transaction, release))
                {
                    return false;
                }
            }

            using var forget = Command(connection, transaction, ForgetAttemptSql);
            forget.Parameters.AddWithValue("$id", id);
            forget.ExecuteNonQuery();
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

            EnqueueJob(connection, transaction, JobRequest.ProcessSession(sessionId), SqliteTime.Now());
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

    /// <summary>
    /// Runs <paramref name="giveBack"/> (a statement that makes a running job pending and returns its kind and session);
    /// a Phase 2 job's session is pending again. False when the worker did not hold the job.
    /// </summary>
    private static bool BackToPending(SqliteConnection connection, SqliteTransaction transaction, SqliteCommand giveBack)
    {
        string kind;
        string? sessionId;
        using (var reader = giveBack.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            kind = reader.GetString(0);
            sessionId = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        if (kind == JobKinds.ProcessSession && sessionId is not null)
        {
            using var pending = Command(connection, transaction, BackToPendingSql);
            pending.Parameters.AddWithValue("$id", sessionId);
            pending.ExecuteNonQuery();
        }

        return true;
    }

    private static string Bound(string? error) =>
        string.IsNullOrEmpty(error) ? "unknown error" : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
