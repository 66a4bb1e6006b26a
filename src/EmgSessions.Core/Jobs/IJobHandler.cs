using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Jobs;

/// <summary>
/// Runs the jobs of one kind. Registered in DI (<c>services.AddSingleton&lt;IJobHandler, MyHandler&gt;()</c>); the worker
/// dispatches each claimed job to the handler whose <see cref="Kind"/> it names, renewing the lease while it runs.
/// </summary>
public interface IJobHandler
{
    /// <summary>The kind this handler runs, as written in <c>jobs.kind</c> (e.g. <c>process-session</c>).</summary>
    string Kind { get; }

    /// <summary>
    /// True when the handler decides itself what becomes of a job claimed more than <c>Workers:MaxAttempts</c> times
    /// (workers kept stopping while running it); otherwise the worker fails such a job without calling the handler.
    /// </summary>
    bool GivesUpItself => false;

    /// <summary>
    /// Runs one claimed job. Return <see cref="JobHandled.Succeeded"/> and the worker records the success, or
    /// <see cref="JobHandled.Recorded"/> when the handler recorded the outcome itself (as Phase 2 does, in the
    /// transaction of its result). An exception is classified by <c>SessionProcessor.Classify</c>: a transient one is
    /// retried with backoff until <c>Workers:MaxAttempts</c>, a permanent one fails the job at once with its message.
    /// Cancellation of <paramref name="cancellationToken"/> (shutdown or a lost lease) gives the job back.
    /// </summary>
    Task<JobHandled> HandleAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken);
}
