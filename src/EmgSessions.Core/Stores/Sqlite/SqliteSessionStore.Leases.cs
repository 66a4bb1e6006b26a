namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string ReclaimLeasesSql = """
        UPDATE job_attempts SET outcome = 'abandoned', finished_at = $now
        WHERE outcome = 'running' AND job_id IN (
            SELECT id FROM jobs WHERE state = 'running' AND locked_by IS NOT NULL AND substr(locked_by, 1, length($prefix)) = $prefix);
        UPDATE jobs SET state = 'pending', locked_by = NULL, locked_until = NULL
        WHERE state = 'running' AND locked_by IS NOT NULL AND substr(locked_by, 1, length($prefix)) = $prefix;
        """;

    public async Task<int> ReclaimLeasesAsync(string workerIdPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerIdPrefix);
        var count = await _database.WriteAsync((connection, transaction) =>
        {
            using var changes = Command(connection, transaction, "SELECT changes()");
            using var reclaim = Command(connection, transaction, ReclaimLeasesSql);
            reclaim.Parameters.AddWithValue("$prefix", workerIdPrefix);
            reclaim.Parameters.AddWithValue("$now", SqliteTime.Now());
            reclaim.ExecuteNonQuery();
            return (int)(long)changes.ExecuteScalar()!;
        }, cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            _database.Signal.Pulse();
        }

        return count;
    }
}
