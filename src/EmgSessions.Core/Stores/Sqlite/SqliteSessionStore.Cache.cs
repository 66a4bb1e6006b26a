namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string ReadCacheSql = """
        UPDATE therapy_sessions
        SET cache_hits = cache_hits + 1, last_accessed_at = $now
        WHERE id = $id
          AND json_extract(analytics_cache, '$.processing_version') = $version
          AND emgs_canonical_json(json_extract(analytics_cache, '$.processing_params')) = emgs_canonical_json($params)
          AND last_accessed_at >= $cutoff
        RETURNING analytics_cache
        """;

    private const string ClearCacheByHashSql = """
        UPDATE therapy_sessions SET analytics_cache = '{}' WHERE file_hash = $file_hash
        """;

    private const string CleanupCacheSql = """
        UPDATE therapy_sessions SET analytics_cache = '{}'
        WHERE analytics_cache <> '{}' AND (last_accessed_at IS NULL OR last_accessed_at < $cutoff)
        """;

    private const string CountExpiredCacheSql = """
        SELECT count(*) FROM therapy_sessions
        WHERE analytics_cache <> '{}' AND (last_accessed_at IS NULL OR last_accessed_at < $cutoff)
        """;

    private const string CacheStatisticsSql = """
        SELECT
            count(*),
            count(*) FILTER (WHERE analytics_cache <> '{}'),
            COALESCE(sum(cache_hits), 0),
            COALESCE(avg(cache_hits), 0.0),
            count(*) FILTER (WHERE last_accessed_at >= $week_ago)
        FROM therapy_sessions
        """;

    public Task<string?> ReadCacheAsync(Guid sessionId, string processingVersion, string canonicalParamsJson, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processingVersion);
        ArgumentNullException.ThrowIfNull(canonicalParamsJson);
        return _database.WriteAsync((connection, transaction) =>
        {
            var now = DateTimeOffset.UtcNow;
            using var read = Command(connection, transaction, ReadCacheSql);
            read.Parameters.AddWithValue("$id", Id(sessionId));
            read.Parameters.AddWithValue("$version", processingVersion);
            read.Parameters.AddWithValue("$params", canonicalParamsJson);
            read.Parameters.AddWithValue("$now", SqliteTime.ToText(now));
            read.Parameters.AddWithValue("$cutoff", SqliteTime.ToText(now - ttl));
            return read.ExecuteScalar() as string;
        }, cancellationToken);
    }

    public async Task CountCacheHitAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var counted = await _database.WriteAsync((connection, transaction) =>
        {
            using var hit = Command(connection, transaction, CountHitSql);
            hit.Parameters.AddWithValue("$id", Id(sessionId));
            hit.Parameters.AddWithValue("$now", SqliteTime.Now());
            return hit.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
        if (counted == 0)
        {
            throw new SessionNotFoundException(sessionId);
        }
    }

    public Task<bool> ClearCacheByHashAsync(string fileHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileHash);
        return _database.WriteAsync((connection, transaction) =>
        {
            using var clear = Command(connection, transaction, ClearCacheByHashSql);
            clear.Parameters.AddWithValue("$file_hash", fileHash.ToLowerInvariant());
            return clear.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    public Task<int> CleanupCacheAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var cleanup = Command(connection, transaction, CleanupCacheSql);
            cleanup.Parameters.AddWithValue("$cutoff", SqliteTime.ToText(DateTimeOffset.UtcNow - ttl));
            return cleanup.ExecuteNonQuery();
        }, cancellationToken);

    public Task<int> CountExpiredCacheAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection =>
        {
            using var command = Command(connection, null, CountExpiredCacheSql);
            command.Parameters.AddWithValue("$cutoff", SqliteTime.ToText(DateTimeOffset.UtcNow - ttl));
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<CacheStatistics> GetCacheStatisticsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(connection =>
        {
            using var command = Command(connection, null, CacheStatisticsSql);
            command.Parameters.AddWithValue("$week_ago", SqliteTime.ToText(DateTimeOffset.UtcNow.AddDays(-7)));
            using var reader = command.ExecuteReader();
            reader.Read();
            return new CacheStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4));
        }, cancellationToken);
}
