using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    private const string ReclaimLeasesSql = """
        WITH freed AS (
            UPDATE jobs SET state = 'pending', locked_by = NULL, locked_until = NULL
            WHERE state = 'running' AND locked_by IS NOT NULL AND left(locked_by, length(@prefix)) = @prefix
            RETURNING id),
        abandoned AS (
            UPDATE job_attempts a SET outcome = 'abandoned', finished_at = now()
            FROM freed WHERE a.job_id = freed.id AND a.outcome = 'running')
        SELECT count(*) FROM freed
        """;

    public Task<int> ReclaimLeasesAsync(string workerIdPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerIdPrefix);
        return CountAndWakeAsync(ReclaimLeasesSql, command => Add(command, "prefix", NpgsqlDbType.Text, workerIdPrefix), cancellationToken);
    }
}
