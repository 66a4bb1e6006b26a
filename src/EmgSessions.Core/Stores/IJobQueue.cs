using EmgSessions.Core.Jobs;

namespace EmgSessions.Core.Stores;

/// <summary>
/// The durable queue (<c>jobs</c>, <c>job_attempts</c>): jobs of any kind, claimed with leases, renewed, and ended by
/// an outcome that is kept as history (explicit state, one attempt row per claim) until the retention cleanup.
/// The operations of one claimed job are keyed by its job id and the worker that holds it; Phase 2's
/// (<see cref="JobKinds.ProcessSession"/>) also write the job's session.
/// </summary>
public interface IJobQueue
{
    /// <summary>
    /// Enqueues a job (its own transaction) and wakes the workers; returns its id. With a dedup key, an active job of the
    /// same kind and key is restarted instead (see <see cref="JobRequest"/>) and its id returned.
    /// </summary>
    Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the next due job of any kind whose lease is free or expired: state <c>running</c>, a lease until now +
    /// <paramref name="lease"/>, attempts + 1, an attempt row for this worker; a Phase 2 job also sets its session to
    /// <c>processing</c>. Null when nothing is due.
    /// </summary>
    Task<ClaimedJob?> ClaimJobAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease of a job this worker holds; false when the worker lost it.</summary>
    Task<bool> RenewLeaseAsync(Guid jobId, string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Phase 2 step 4, one transaction: writes the analytics cache and the session fields, sets <c>completed</c>, clears
    /// the error, and the session's running Phase 2 job <c>succeeded</c>. False when the worker no longer holds the job.
    /// </summary>
    Task<bool> CompleteJobAsync(SessionCompletion completion, CancellationToken cancellationToken);

    /// <summary>The job succeeded (kinds other than Phase 2, whose success is <see cref="CompleteJobAsync"/>). False when the worker lost it.</summary>
    Task<bool> SucceedJobAsync(Guid jobId, string workerId, CancellationToken cancellationToken);

    /// <summary>
    /// A transient failure: releases the lease, records the error on the job and its attempt, and makes the job due at
    /// <paramref name="runAfter"/> (a Phase 2 job's session is <c>pending</c> again).
    /// </summary>
    Task<bool> RetryJobAsync(Guid jobId, string workerId, DateTimeOffset runAfter, string error, CancellationToken cancellationToken);

    /// <summary>
    /// A permanent failure (or attempts exhausted): the job <c>failed</c> with the message; a Phase 2 job's session
    /// <c>failed</c> with it.
    /// </summary>
    Task<bool> FailJobAsync(Guid jobId, string workerId, string error, double? processingTimeMs, CancellationToken cancellationToken);

    /// <summary>Graceful shutdown: gives the job back at once (lease cleared, the attempt neither counted nor kept).</summary>
    Task<bool> ReleaseJobAsync(Guid jobId, string workerId, CancellationToken cancellationToken);

    /// <summary>
    /// Recovery after a crash: clears the leases held by worker ids that start with <paramref name="workerIdPrefix"/>
    /// (the attempt stays counted, recorded as abandoned), so that the jobs are due at once. Only for a prefix no live
    /// process can hold (see <c>WorkerIdentity</c>). Returns how many jobs were freed.
    /// </summary>
    Task<int> ReclaimLeasesAsync(string workerIdPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a session back in the queue (reprocess): status <c>reprocessing</c>, a due Phase 2 job.
    /// False when the session does not exist.
    /// </summary>
    Task<bool> EnqueueReprocessAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Creates a Phase 2 job for every <c>pending</c>/<c>reprocessing</c> session that has no active one; returns how many.</summary>
    Task<int> RequeueOrphansAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes the jobs that ended (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c>) before
    /// <paramref name="finishedBefore"/>, with their attempts; waiting and running jobs are never touched. Returns how many.
    /// </summary>
    Task<int> DeleteFinishedJobsAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until a job may be due: PostgreSQL wakes on NOTIFY from Phase 1; SQLite on an in-process
    /// signal. Returns after <paramref name="timeout"/> at the latest (workers also poll). The subscription
    /// is taken when the method is called, before it returns its task: a caller may call it, claim once
    /// more, and then await it without missing a wake-up sent in between.
    /// </summary>
    Task WaitForJobsAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// How many jobs of <paramref name="kind"/> tied to one of <paramref name="sessionIds"/> still wait or run (e.g. what
    /// <c>emgs ingest</c> waits for after Phase 2: the signal summaries of its sessions).
    /// </summary>
    Task<int> CountActiveJobsAsync(string kind, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken);

    /// <summary>Counts of active jobs (all kinds) and sessions per status (for status pages, tests and the load test).</summary>
    Task<QueueStatistics> GetQueueStatisticsAsync(CancellationToken cancellationToken);
}
