using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Jobs;

/// <summary>
/// Runs one claimed job with the handler of its kind and records what the handler leaves to the worker: success, a
/// retry with backoff, a failure, or the job given back on cancellation. A kind without a handler fails at once
/// with a message that names it (no retry: another attempt in the same worker would meet the same gap).
/// </summary>
internal sealed class JobDispatcher(IJobQueue queue, JobHandlerRegistry handlers, WorkerOptions options, ILogger logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task RunAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken)
    {
        var handler = handlers.Find(job.Kind);
        if (handler is null)
        {
            var known = handlers.Kinds.Count == 0 ? "no kind" : string.Join(", ", handlers.Kinds);
            await FailAsync(job, workerId,
                $"No handler for the job kind '{job.Kind}' in this worker (it runs: {known}). Run a version of the worker that knows this kind, then enqueue the job again.")
                .ConfigureAwait(false);
            JobLog.UnknownKind(logger, job.JobId, job.Kind, known);
            return;
        }

        if (job.Attempts > options.MaxAttempts && !handler.GivesUpItself)
        {
            await FailAsync(job, workerId, $"Gave up after {job.Attempts - 1} attempts: a worker stopped while running this job each time.").ConfigureAwait(false);
            return;
        }

        try
        {
            if (await handler.HandleAsync(job, workerId, cancellationToken).ConfigureAwait(false) == JobHandled.Recorded)
            {
                return;
            }

            if (await queue.SucceedJobAsync(job.JobId, workerId, CancellationToken.None).ConfigureAwait(false))
            {
                JobLog.Succeeded(logger, job.JobId, job.Kind);
            }
            else
            {
                JobLog.LeaseLost(logger, job.JobId, job.Kind);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await queue.ReleaseJobAsync(job.JobId, workerId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (SessionProcessor.Classify(ex) is { } failure)
        {
            if (!failure.Transient)
            {
                await FailAsync(job, workerId, failure.Message).ConfigureAwait(false);
                return;
            }

            if (job.Attempts >= options.MaxAttempts)
            {
                await FailAsync(job, workerId, $"Failed after {job.Attempts} attempts: {failure.Message}").ConfigureAwait(false);
                return;
            }

            var delay = RetryBackoff.Delay(job.Attempts, TimeSpan.FromSeconds(options.RetryBaseDelaySeconds), TimeSpan.FromSeconds(options.RetryMaxDelaySeconds), Random.Shared.NextDouble());
            var runAfter = _time.GetUtcNow() + delay;
            var message = SessionProcessor.Bound(failure.Message);
            if (await queue.RetryJobAsync(job.JobId, workerId, runAfter, message, CancellationToken.None).ConfigureAwait(false))
            {
                JobLog.RetryScheduled(logger, job.JobId, job.Kind, job.Attempts, runAfter, message);
            }
            else
            {
                JobLog.LeaseLost(logger, job.JobId, job.Kind);
            }
        }
    }

    private async Task FailAsync(ClaimedJob job, string workerId, string message)
    {
        var bounded = SessionProcessor.Bound(message);
        if (await queue.FailJobAsync(job.JobId, workerId, bounded, null, CancellationToken.None).ConfigureAwait(false))
        {
            JobLog.Failed(logger, job.JobId, job.Kind, bounded);
        }
        else
        {
            JobLog.LeaseLost(logger, job.JobId, job.Kind);
        }
    }
}
