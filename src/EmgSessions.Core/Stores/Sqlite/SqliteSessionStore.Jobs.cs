using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>The queue's job rows on SQLite: enqueue (also inside another write), the end of an attempt, retention.</summary>
internal sealed partial class SqliteSessionStore
{
    /// <summary>Active = waiting or running; the partial unique index <c>ux_jobs_active_dedup</c> covers exactly these.</summary>
    private const string ActiveStates = "state IN ('pending', 'running')";

    private const string EnqueueJobSql = $"""
        INSERT INTO jobs (id, kind, payload, dedup_key, session_id, state, attempts, run_after, created_at)
        VALUES ($id, $kind, $payload, $dedup_key, $session_id, 'pending', 0, $now, $now)
        ON CONFLICT (kind, dedup_key) WHERE dedup_key IS NOT NULL AND {ActiveStates} DO UPDATE
        SET payload = excluded.payload, state = 'pending', attempts = 0, run_after = excluded.run_after,
            locked_by = NULL, locked_until = NULL, last_error = NULL
        RETURNING id
        """;

    /// <summary>Ends the running job this worker holds; returns its kind and session.</summary>
    private const string EndJobSql = """
        UPDATE jobs SET state = $state, locked_by = NULL, locked_until = NULL, finished_at = $now, last_error = $error
        WHERE id = $id AND state = 'running' AND locked_by = $worker
        RETURNING kind, session_id
        """;

    private const string EndAttemptSql = """
        UPDATE job_attempts SET outcome = $outcome, finished_at = $now, error = $error
        WHERE job_id = $id AND outcome = 'running'
        """;

    private const string DeleteFinishedJobsSql = """
        DELETE FROM jobs WHERE state IN ('succeeded', 'failed', 'cancelled') AND finished_at < $before
        """;

    private const string CountActiveJobsSql = $"""
        SELECT count(*) FROM jobs
        WHERE kind = $kind AND {ActiveStates} AND session_id IN (SELECT value FROM json_each($sessions))
        """;

    public async Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var id = await _database.WriteAsync((connection, transaction) => EnqueueJob(connection, transaction, request, SqliteTime.Now()), cancellationToken)
            .ConfigureAwait(false);
        _database.Signal.Pulse();
        return id;
    }

    public Task<bool> SucceedJobAsync(Guid jobId, string workerId, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
            EndJob(connection, transaction, Id(jobId), workerId, "succeeded", null) is not null, cancellationToken);

    public Task<int> DeleteFinishedJobsAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, DeleteFinishedJobsSql);
            delete.Parameters.AddWithValue("$before", SqliteTime.ToText(finishedBefore));
            return delete.ExecuteNonQuery();
        }, cancellationToken);

    public Task<int> CountActiveJobsAsync(string kind, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(sessionIds);
        var sessions = "[" + string.Join(',', sessionIds.Select(id => "\"" + Id(id) + "\"")) + "]"; // uuids need no escaping
        return _database.ReadAsync(connection =>
        {
            using var count = Command(connection, null, CountActiveJobsSql);
            count.Parameters.AddWithValue("$kind", kind);
            count.Parameters.AddWithValue("$sessions", sessions);
            return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    /// <summary>Enqueues inside the caller's write transaction (the caller pulses the signal after commit).</summary>
    private static Guid EnqueueJob(SqliteConnection connection, SqliteTransaction transaction, JobRequest request, string now)
    {
        using var enqueue = Command(connection, transaction, EnqueueJobSql);
        enqueue.Parameters.AddWithValue("$id", Id(Guid.CreateVersion7()));
        enqueue.Parameters.AddWithValue("$kind", request.Kind);
        enqueue.Parameters.AddWithValue("$payload", request.PayloadJson);
        enqueue.Parameters.AddWithValue("$dedup_key", (object?)request.DedupKey ?? DBNull.Value);
        enqueue.Parameters.AddWithValue("$session_id", request.SessionId is { } session ? Id(session) : DBNull.Value);
        enqueue.Parameters.AddWithValue("$now", now);
        return Guid.Parse((string)enqueue.ExecuteScalar()!);
    }

    /// <summary>
    /// Ends the running job <paramref name="jobId"/> held by <paramref name="workerId"/> in state <paramref name="state"/>
    /// (succeeded or failed) and its attempt alike; null when the worker does not hold it.
    /// </summary>
    private static (string Kind, string? SessionId)? EndJob(SqliteConnection connection, SqliteTransaction transaction, string jobId, string workerId, string state, string? error)
    {
        var now = SqliteTime.Now();
        (string Kind, string? SessionId) ended;
        using (var end = Command(connection, transaction, EndJobSql))
        {
            end.Parameters.AddWithValue("$id", jobId);
            end.Parameters.AddWithValue("$worker", workerId);
            end.Parameters.AddWithValue("$state", state);
            end.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            end.Parameters.AddWithValue("$now", now);
            using var reader = end.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            ended = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }

        EndAttempt(connection, transaction, jobId, state, error, now);
        return ended;
    }

    private static void EndAttempt(SqliteConnection connection, SqliteTransaction transaction, string jobId, string outcome, string? error, string now)
    {
        using var attempt = Command(connection, transaction, EndAttemptSql);
        attempt.Parameters.AddWithValue("$id", jobId);
        attempt.Parameters.AddWithValue("$outcome", outcome);
        attempt.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        attempt.Parameters.AddWithValue("$now", now);
        attempt.ExecuteNonQuery();
    }
}
