using System.Diagnostics;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Signals;

/// <summary>
/// Runs <see cref="SignalSummaryJobs.Kind"/> jobs: stores the signal summaries of the job's session's recording as it
/// is now (its current file, so a job that waited across an overwrite builds what a view will ask for). Content whose
/// summaries are already stored is not built again. A failure is the job's alone: the session stays completed, the
/// job is retried or failed like any other, and the signal view builds on request meanwhile.
/// </summary>
internal sealed partial class BuildSignalSummaryJobHandler(SignalSummaryStore summaries, ILogger<BuildSignalSummaryJobHandler> logger) : IJobHandler
{
    public string Kind => SignalSummaryJobs.Kind;

    public async Task<JobHandled> HandleAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.SessionId == Guid.Empty || string.IsNullOrEmpty(job.FilePath))
        {
            // The session went away with its file (its jobs go with it; this one was claimed just before).
            LogNothingToBuild(logger, job.JobId);
            return JobHandled.Succeeded;
        }

        var started = Stopwatch.GetTimestamp();
        var source = new SignalSource(job.SessionId, job.FilePath, job.FileHash, job.StorageBucket);
        if (await summaries.EnsureStoredAsync(source, cancellationToken).ConfigureAwait(false))
        {
            LogBuilt(logger, job.SessionId, source.Key, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            LogAlreadyStored(logger, job.SessionId, source.Key);
        }

        return JobHandled.Succeeded;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Stored the signal summaries of session {SessionId} ({SummaryKey}) in {ElapsedMs:F1} ms")]
    private static partial void LogBuilt(ILogger logger, Guid sessionId, string summaryKey, double elapsedMs);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "The signal summaries of session {SessionId} ({SummaryKey}) were already stored; not built again")]
    private static partial void LogAlreadyStored(ILogger logger, Guid sessionId, string summaryKey);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Signal summary job {JobId} has no session any more; nothing to build")]
    private static partial void LogNothingToBuild(ILogger logger, Guid jobId);
}
