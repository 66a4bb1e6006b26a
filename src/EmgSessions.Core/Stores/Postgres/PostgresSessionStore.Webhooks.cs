using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    // A row that exists but whose window has passed is taken over: the id is new again.
    private const string RecordWebhookDeliverySql = """
        INSERT INTO webhook_deliveries (webhook_id, received_at, expires_at)
        VALUES (@id, @received_at, @expires_at)
        ON CONFLICT (webhook_id) DO UPDATE
            SET received_at = EXCLUDED.received_at, expires_at = EXCLUDED.expires_at
            WHERE webhook_deliveries.expires_at <= EXCLUDED.received_at
        """;

    private const string PurgeWebhookDeliveriesSql = """
        DELETE FROM webhook_deliveries WHERE expires_at <= @now
        """;

    private const string ForgetWebhookDeliverySql = """
        DELETE FROM webhook_deliveries WHERE webhook_id = @id
        """;

    private long _nextDeliveryPurge;

    public Task<bool> TryRecordWebhookDeliveryAsync(string webhookId, DateTimeOffset receivedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        return Guard(async () =>
        {
            await using var batch = _dataSource.CreateBatch();
            var record = new NpgsqlBatchCommand(RecordWebhookDeliverySql);
            record.Parameters.Add(new("id", NpgsqlDbType.Text) { Value = webhookId });
            record.Parameters.Add(new("received_at", NpgsqlDbType.TimestampTz) { Value = receivedAt.ToUniversalTime() });
            record.Parameters.Add(new("expires_at", NpgsqlDbType.TimestampTz) { Value = expiresAt.ToUniversalTime() });
            batch.BatchCommands.Add(record);
            if (DeliveryPurgeDue(receivedAt))
            {
                var purge = new NpgsqlBatchCommand(PurgeWebhookDeliveriesSql);
                purge.Parameters.Add(new("now", NpgsqlDbType.TimestampTz) { Value = receivedAt.ToUniversalTime() });
                batch.BatchCommands.Add(purge);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return record.RecordsAffected == 1;
        });
    }

    public Task<bool> ForgetWebhookDeliveryAsync(string webhookId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        return Guard(async () =>
        {
            await using var forget = _dataSource.CreateCommand(ForgetWebhookDeliverySql);
            forget.Parameters.Add(new("id", NpgsqlDbType.Text) { Value = webhookId });
            return await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        });
    }

    /// <summary>At most one purge of expired delivery ids a minute per process.</summary>
    private bool DeliveryPurgeDue(DateTimeOffset now)
    {
        var previous = Interlocked.Read(ref _nextDeliveryPurge);
        return now.UtcTicks >= previous
            && Interlocked.CompareExchange(ref _nextDeliveryPurge, now.UtcTicks + TimeSpan.TicksPerMinute, previous) == previous;
    }
}
