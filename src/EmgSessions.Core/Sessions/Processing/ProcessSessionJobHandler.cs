using EmgSessions.Core.Jobs;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>The first kind of job: Phase 2 of a session (<see cref="JobKinds.ProcessSession"/>), run by <see cref="SessionProcessor"/>.</summary>
public sealed class ProcessSessionJobHandler(SessionProcessor processor) : IJobHandler
{
    public string Kind => JobKinds.ProcessSession;

    /// <summary>Phase 2 fails a file whose workers kept stopping with its own message (saying earlier analytics are kept).</summary>
    public bool GivesUpItself => true;

    /// <summary>Phase 2 records its own outcome (the analytics and the job's success in one transaction).</summary>
    public async Task<JobHandled> HandleAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken)
    {
        await processor.ProcessAsync(job, workerId, cancellationToken).ConfigureAwait(false);
        return JobHandled.Recorded;
    }
}
