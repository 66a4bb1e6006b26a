namespace EmgSessions.Core.Stores;

/// <summary>
/// Everything Phase 1, Phase 2, the queue, the analytics cache and the API need from the sessions
/// database. Two implementations: SQLite (embedded default) and PostgreSQL (production, scale-out).
/// JSON columns travel as JSON text so both engines behave alike. Every method is safe under
/// concurrency from several processes: uniqueness comes from constraints, never from check-then-insert.
/// </summary>
public interface ISessionStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    string Engine { get; }

    /// <summary>Applies pending migrations (idempotent; adopts a predecessor database).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    // ---- Phase 1 ------------------------------------------------------------------------------

    /// <summary>
    /// Writes the session for an uploaded object and its job in one transaction, covering the four
    /// cases of system.md §3.4 (new; duplicate delivery; same content under another path; overwrite).
    /// </summary>
    Task<SessionRegistration> RegisterUploadAsync(NewSession session, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="filePaths"/>, the ones that have no session (for the reconciler).</summary>
    Task<IReadOnlyList<string>> FindUnknownPathsAsync(IReadOnlyCollection<string> filePaths, CancellationToken cancellationToken);

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

    // ---- the durable queue (processing_jobs) ---------------------------------------------------

    /// <summary>
    /// Claims the next due job whose lease is free or expired: sets a lease until now + <paramref name="lease"/>,
    /// increments attempts and sets the session to <c>processing</c>. Null when nothing is due.
    /// </summary>
    Task<ClaimedJob?> ClaimJobAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease of a job this worker holds; false when the worker lost it.</summary>
    Task<bool> RenewLeaseAsync(Guid sessionId, string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Phase 2 step 4, one transaction: writes the analytics cache and the session fields, sets
    /// <c>completed</c>, clears the error and deletes the job. False when the worker no longer holds the job.
    /// </summary>
    Task<bool> CompleteJobAsync(SessionCompletion completion, CancellationToken cancellationToken);

    /// <summary>A transient failure: releases the lease, records the error and makes the job due at <paramref name="runAfter"/>.</summary>
    Task<bool> RetryJobAsync(Guid sessionId, string workerId, DateTimeOffset runAfter, string error, CancellationToken cancellationToken);

    /// <summary>A permanent failure (or attempts exhausted): status <c>failed</c> with the message; the job is removed.</summary>
    Task<bool> FailJobAsync(Guid sessionId, string workerId, string error, double? processingTimeMs, CancellationToken cancellationToken);

    /// <summary>Graceful shutdown: gives the job back at once (lease cleared, the attempt not counted).</summary>
    Task<bool> ReleaseJobAsync(Guid sessionId, string workerId, CancellationToken cancellationToken);

    /// <summary>
    /// Recovery after a crash: clears the leases held by worker ids that start with <paramref name="workerIdPrefix"/>
    /// (the attempt stays counted), so that the jobs are due at once. Only for a prefix no live process can hold
    /// (see <c>WorkerIdentity</c>). Returns how many jobs were freed.
    /// </summary>
    Task<int> ReclaimLeasesAsync(string workerIdPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a session back in the queue (reprocess): status <c>reprocessing</c>, a due job row.
    /// False when the session does not exist.
    /// </summary>
    Task<bool> EnqueueReprocessAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Creates a job for every <c>pending</c>/<c>reprocessing</c> session that has none; returns how many.</summary>
    Task<int> RequeueOrphansAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until a job may be due: PostgreSQL wakes on NOTIFY from Phase 1; SQLite on an in-process
    /// signal. Returns after <paramref name="timeout"/> at the latest (workers also poll). The subscription
    /// is taken when the method is called, before it returns its task: a caller may call it, claim once
    /// more, and then await it without missing a wake-up sent in between.
    /// </summary>
    Task WaitForJobsAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Counts of jobs and sessions per status (for status pages, tests and the load test).</summary>
    Task<QueueStatistics> GetQueueStatisticsAsync(CancellationToken cancellationToken);

    // ---- Phase 2 technical data ----------------------------------------------------------------

    /// <summary>Inserts or replaces the technical data of a session (its own transaction).</summary>
    Task UpsertTechnicalDataAsync(TechnicalData data, CancellationToken cancellationToken);

    // ---- reads and deletes (from the view therapy_sessions_with_technical) ----------------------

    Task<SessionRecord?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Ids of sessions whose id lies in <paramref name="prefix"/>'s range (ordered, at most <paramref name="limit"/>), so that
    /// a user can name a session by a unique prefix of its id.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindSessionIdsAsync(SessionIdPrefix prefix, int limit, CancellationToken cancellationToken);

    Task<SessionRecord?> FindByPathAsync(string filePath, CancellationToken cancellationToken);

    Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a session; technical data and the job cascade. False when it did not exist.</summary>
    Task<bool> DeleteSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    // ---- analytics cache (system.md §5) --------------------------------------------------------

    /// <summary>
    /// A cache read: a hit when the stored version and canonical params match and last_accessed_at is
    /// within <paramref name="ttl"/>. A hit increments cache_hits and sets last_accessed_at in one
    /// atomic statement and returns the cached JSON; a miss returns null and changes nothing.
    /// </summary>
    Task<string?> ReadCacheAsync(Guid sessionId, string processingVersion, string canonicalParamsJson, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Increments cache_hits and last_accessed_at of a session (a duplicate upload of known content).</summary>
    Task CountCacheHitAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Empties the cache of the session with this file hash; false when no such session.</summary>
    Task<bool> ClearCacheByHashAsync(string fileHash, CancellationToken cancellationToken);

    /// <summary>How many non-empty cache entries were last used longer than <paramref name="ttl"/> ago (stale; still readable).</summary>
    Task<int> CountExpiredCacheAsync(TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Empties cache entries whose last access is older than <paramref name="ttl"/>; returns how many. Only on an explicit request.</summary>
    Task<int> CleanupCacheAsync(TimeSpan ttl, CancellationToken cancellationToken);

    Task<CacheStatistics> GetCacheStatisticsAsync(CancellationToken cancellationToken);

    // ---- coordination between processes --------------------------------------------------------

    /// <summary>
    /// Tries to become the single active holder of <paramref name="name"/> (PostgreSQL advisory lock;
    /// SQLite: a process-wide lock). Null when another holder is active. Dispose to release.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireSingletonAsync(string name, CancellationToken cancellationToken);
}
