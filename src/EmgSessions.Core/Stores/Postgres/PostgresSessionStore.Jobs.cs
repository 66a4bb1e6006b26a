using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>The queue's job rows on PostgreSQL: enqueue (also inside another transaction), success, retention.</summary>
internal sealed partial class PostgresSessionStore
{
    /// <summary>Active = waiting or running; the partial unique index <c>ux_jobs_active_dedup</c> covers exactly these.</summary>
    private const string ActiveStates = "state IN ('pending', 'running')";

    /// <summary>The end of an insert into <c>jobs</c>: a second active job of the same kind and key restarts the first.</summary>
    private const string RestartActiveDuplicate = $"""
        ON CONFLICT (kind, dedup_key) WHERE dedup_key IS NOT NULL AND {ActiveStates} DO UPDATE
        SET payload = excluded.payload, state = 'pending', attempts = 0, run_after = now(),
            locked_by = NULL, locked_until = NULL, last_error = NULL
        """;

    private const string EnqueueJobSql = $"""
        INSERT INTO jobs (id, kind, payload, dedup_key, session_id, state, attempts, run_after, created_at)
        VALUES (@id, @kind, @payload, @dedup_key, @session_id, 'pending', 0, now(), now())
        {RestartActiveDuplicate}
        RETURNING id;
        SELECT pg_notify('emgs_jobs', @kind);
        """;

    private const string SucceedJobSql = """
        WITH taken AS (
            UPDATE jobs SET state = 'succeeded', locked_by = NULL, locked_until = NULL, finished_at = now(), last_error = NULL
            WHERE id = @id AND state = 'running' AND locked_by = @worker
            RETURNING id),
        attempt AS (
            UPDATE job_attempts a SET outcome = 'succeeded', finished_at = now()
            FROM taken WHERE a.job_id = taken.id AND a.outcome = 'running')
        SELECT count(*) FROM taken
        """;

    private const string DeleteFinishedJobsSql = """
        DELETE FROM jobs WHERE state IN ('succeeded', 'failed', 'cancelled') AND finished_at < @before
        """;

    private const string CountActiveJobsSql = $"""
        SELECT count(*) FROM jobs WHERE kind = @kind AND {ActiveStates} AND session_id = ANY(@sessions)
        """;

    public Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return PostgresUnitOfWork.ConnectionAsync(_dataSource, connection => EnqueueJobAsync(connection, null, request, cancellationToken), cancellationToken);
    }

    public Task<bool> SucceedJobAsync(Guid jobId, string workerId, CancellationToken cancellationToken) =>
        HeldJobAsync(SucceedJobSql, jobId, workerId, cancellationToken);

    public Task<int> DeleteFinishedJobsAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(DeleteFinishedJobsSql);
            Add(command, "before", NpgsqlDbType.TimestampTz, finishedBefore.ToUniversalTime());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<int> CountActiveJobsAsync(string kind, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(sessionIds);
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(CountActiveJobsSql);
            Add(command, "kind", NpgsqlDbType.Text, kind);
            Add(command, "sessions", NpgsqlDbType.Array | NpgsqlDbType.Uuid, sessionIds.ToArray());
            return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        });
    }

    /// <summary>Enqueues inside the caller's transaction (or its own) and notifies the workers when it commits.</summary>
    private static async Task<Guid> EnqueueJobAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, JobRequest request, CancellationToken cancellationToken)
    {
        await using var enqueue = new NpgsqlCommand(EnqueueJobSql, connection, transaction);
        Add(enqueue, "id", NpgsqlDbType.Uuid, Guid.CreateVersion7());
        Add(enqueue, "kind", NpgsqlDbType.Text, request.Kind);
        Add(enqueue, "payload", NpgsqlDbType.Text, request.PayloadJson);
        Add(enqueue, "dedup_key", NpgsqlDbType.Text, request.DedupKey);
        Add(enqueue, "session_id", NpgsqlDbType.Uuid, request.SessionId);
        return (Guid)(await enqueue.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
