namespace EmgSessions.Core.Stores;

/// <summary>
/// Coordination between the processes that share the database: webhook replay records and singletons.
/// </summary>
public interface ICoordination
{
    /// <summary>
    /// Records a Standard Webhooks message id (system.md §3.2) in <c>webhook_deliveries</c>, shared by every
    /// process on the database: true when this call recorded it (new, or its earlier record expired by
    /// <paramref name="receivedAt"/>), false when it is a replay. Atomic (<c>INSERT ... ON CONFLICT</c>).
    /// Expired records are deleted now and then as a side effect.
    /// </summary>
    Task<bool> TryRecordWebhookDeliveryAsync(string webhookId, DateTimeOffset receivedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the record of <paramref name="webhookId"/> so that the sender's retry of a delivery that failed
    /// transiently (503, or any failure before Phase 1 completed) is not refused as a replay. True when a row was deleted.
    /// </summary>
    Task<bool> ForgetWebhookDeliveryAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>
    /// Tries to become the single active holder of <paramref name="name"/> (PostgreSQL advisory lock;
    /// SQLite: a process-wide lock). Null when another holder is active. Dispose to release.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireSingletonAsync(string name, CancellationToken cancellationToken);
}
