namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string ReclaimLeasesSql = """
        UPDATE processing_jobs SET locked_by = NULL, locked_until = NULL
        WHERE locked_by IS NOT NULL AND substr(locked_by, 1, length($prefix)) = $prefix
        """;

    public async Task<int> ReclaimLeasesAsync(string workerIdPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerIdPrefix);
        var count = await _database.WriteAsync((connection, transaction) =>
        {
            using var reclaim = Command(connection, transaction, ReclaimLeasesSql);
            reclaim.Parameters.AddWithValue("$prefix", workerIdPrefix);
            return reclaim.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            _database.Signal.Pulse();
        }

        return count;
    }
}
