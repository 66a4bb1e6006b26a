namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    // A row that exists but whose window has passed is taken over: the id is new again.
    private const string RecordWebhookDeliverySql = """
        INSERT INTO webhook_deliveries (webhook_id, received_at, expires_at)
        VALUES ($id, $received_at, $expires_at)
        ON CONFLICT (webhook_id) DO UPDATE
            SET received_at = excluded.received_at, expires_at = excluded.expires_at
            WHERE webhook_deliveries.expires_at <= excluded.received_at
        """;

    private const string PurgeWebhookDeliveriesSql = """
        DELETE FROM webhook_deliveries WHERE expires_at <= $now
        """;

    private const string ForgetWebhookDeliverySql = """
        DELETE FROM webhook_deliveries WHERE webhook_id = $id
        """;

    private long _nextDeliveryPurge;

    public Task<bool> TryRecordWebhookDeliveryAsync(string webhookId, DateTimeOffset receivedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        var purge = DeliveryPurgeDue(receivedAt);
        return _database.WriteAsync((connection, transaction) =>
        {
            using var record = Command(connection, transaction, RecordWebhookDeliverySql);
            record.Parameters.AddWithValue("$id", webhookId);
            record.Parameters.AddWithValue("$received_at", SqliteTime.ToText(receivedAt));
            record.Parameters.AddWithValue("$expires_at", SqliteTime.ToText(expiresAt));
            var recorded = record.ExecuteNonQuery() == 1;
            if (purge)
            {
                using var delete = Command(connection, transaction, PurgeWebhookDeliveriesSql);
                delete.Parameters.AddWithValue("$now", SqliteTime.ToText(receivedAt));
                delete.ExecuteNonQuery();
            }

            return recorded;
        }, cancellationToken);
    }

    public Task<bool> ForgetWebhookDeliveryAsync(string webhookId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        return _database.WriteAsync((connection, transaction) =>
        {
            using var forget = Command(connection, transaction, ForgetWebhookDeliverySql);
            forget.Parameters.AddWithValue("$id", webhookId);
            return forget.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <summary>At most one purge of expired delivery ids a minute per process.</summary>
    private bool DeliveryPurgeDue(DateTimeOffset now)
    {
        var previous = Interlocked.Read(ref _nextDeliveryPurge);
        return now.UtcTicks >= previous
            && Interlocked.CompareExchange(ref _nextDeliveryPurge, now.UtcTicks + TimeSpan.TicksPerMinute, previous) == previous;
    }
}
