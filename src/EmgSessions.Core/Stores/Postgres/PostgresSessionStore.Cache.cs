using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    private const string ReadCacheSql = """
        UPDATE therapy_sessions
        SET cache_hits = cache_hits + 1, last_accessed_at = now()
        WHERE id = @id
          AND analytics_cache ->> 'processing_version' = @version
          AND analytics_cache -> 'processing_params' = @params
          AND last_accessed_at >= now() - @ttl
        RETURNING analytics_cache::text
        """;

    private const string ClearCacheByHashSql = """
        UPDATE therapy_sessions SET analytics_cache = '{}' WHERE file_hash = @file_hash
        """;

    private const string CleanupCacheSql = """
        UPDATE therapy_sessions SET analytics_cache = '{}'
        WHERE analytics_cache <> '{}' AND (last_accessed_at IS NULL OR last_accessed_at < now() - @ttl)
        """;

    private const string CountExpiredCacheSql = """
        SELECT count(*)::int FROM therapy_sessions
        WHERE analytics_cache IS NOT NULL AND analytics_cache <> '{}' AND (last_accessed_at IS NULL OR last_accessed_at < now() - @ttl)
        """;

    private const string CacheStatisticsSql = """
        SELECT
            count(*),
            count(*) FILTER (WHERE analytics_cache <> '{}'),
            COALESCE(sum(cache_hits), 0)::bigint,
            COALESCE(avg(cache_hits), 0)::double precision,
            count(*) FILTER (WHERE last_accessed_at >= now() - interval '7 days')
        FROM therapy_sessions
        """;

    public Task<string?> ReadCacheAsync(Guid sessionId, string processingVersion, string canonicalParamsJson, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processingVersion);
        ArgumentNullException.ThrowIfNull(canonicalParamsJson);
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(ReadCacheSql);
            Add(command, "id", NpgsqlDbType.Uuid, sessionId);
            Add(command, "version", NpgsqlDbType.Text, processingVersion);
            Add(command, "params", NpgsqlDbType.Jsonb, canonicalParamsJson);
            Add(command, "ttl", NpgsqlDbType.Interval, ttl);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        });
    }

    public async Task CountCacheHitAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var counted = await Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(CountHitSql);
            Add(command, "id", NpgsqlDbType.Uuid, sessionId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (counted == 0)
        {
            throw new SessionNotFoundException(sessionId);
        }
    }

    public Task<bool> ClearCacheByHashAsync(string fileHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileHash);
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(ClearCacheByHashSql);
            Add(command, "file_hash", NpgsqlDbType.Text, fileHash.ToLowerInvariant());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        });
    }

    public Task<int> CleanupCacheAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(CleanupCacheSql);
            Add(command, "ttl", NpgsqlDbType.Interval, ttl);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<int> CountExpiredCacheAsync(TimeSpan ttl, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(CountExpiredCacheSql);
            Add(command, "ttl", NpgsqlDbType.Interval, ttl);
            return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        });

    public Task<CacheStatistics> GetCacheStatisticsAsync(CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(CacheStatisticsSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new CacheStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4));
        });
}
