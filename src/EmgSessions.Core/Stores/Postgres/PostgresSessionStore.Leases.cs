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
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(ReclaimLeasesSql);
            Add(command, "prefix", NpgsqlDbType.Text, workerIdPrefix);
            var count = (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (count > 0)
            {
                await using var notify = _dataSource.CreateCommand(NotifySql);
                await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        });
    }
}
