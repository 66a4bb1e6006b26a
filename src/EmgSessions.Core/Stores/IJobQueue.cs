namespace EmgSessions.Core.Stores;

/// <summary>
/// The durable queue (<c>processing_jobs</c>): claims with leases, renewal, the outcomes of an attempt,
/// re-queueing and wake-ups.
/// </summary>
public interface IJobQueue
{
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
}
