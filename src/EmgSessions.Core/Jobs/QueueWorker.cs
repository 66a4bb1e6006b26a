using System.Globalization;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Jobs;

/// <summary>
/// The queue worker of one process (system.md §4.1): N slots, each looping "claim a job of any kind, dispatch it to
/// the handler of its kind (<see cref="JobHandlerRegistry"/>), record, wait". A running job's lease is renewed every
/// third of its length; when renewal fails the job is abandoned to whoever holds it now. Idle slots wait on
/// <see cref="ISessionStore.WaitForJobsAsync"/> (NOTIFY on PostgreSQL) and poll, subscribing before their last look so
/// that no wake-up falls between the two. On shutdown the handlers give running jobs back. The process also deletes
/// ended jobs past <see cref="WorkerOptions.JobRetentionDays"/>, at start and every <see cref="WorkerOptions.JobCleanupIntervalHours"/>.
/// </summary>
public sealed class QueueWorker(
    ISessionStore store,
    JobHandlerRegistry handlers,
    IOptions<WorkerOptions> options,
    ILogger<QueueWorker> logger,
    WorkerIdentity? identity = null) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly WorkerIdentity _identity = identity ?? WorkerIdentity.Unique(options.Value.WorkerName);
    private readonly JobDispatcher _dispatcher = new(store, handlers, options.Value, logger);

    /// <summary>
    /// The lease owner prefix of this process: stable per host and data folder when a <see cref="WorkerIdentity"/>
    /// holds it, else name, host, process id and a random suffix.
    /// </summary>
    public string WorkerId => _identity.Id;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(_options.Count, null, stoppingToken);

    /// <summary>
    /// Runs <paramref name="slots"/> slots until <paramref name="cancellationToken"/> fires or, when given,
    /// <paramref name="stopWhenIdle"/> answers true at a moment when no job is due (used by <c>emgs ingest</c>).
    /// </summary>
    public async Task RunAsync(int slots, Func<CancellationToken, Task<bool>>? stopWhenIdle, CancellationToken cancellationToken)
    {
        if (slots <= 0)
        {
            return;
        }

        WorkerLog.WorkersStarted(logger, slots, WorkerId, _options.LeaseSeconds);
        await ReclaimOwnLeasesAsync(cancellationToken).ConfigureAwait(false);
        await CleanUpOnceAsync(cancellationToken).ConfigureAwait(false);

        // When one slot finds the run finished, the others stop waiting too.
        using var finished = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Func<CancellationToken, Task<bool>>? stop = stopWhenIdle is null ? null : async ct =>
        {
            if (!await stopWhenIdle(ct).ConfigureAwait(false))
            {
                return false;
            }

            await finished.CancelAsync().ConfigureAwait(false);
            return true;
        };
        var tasks = new Task[slots + 1];
        for (var slot = 0; slot < slots; slot++)
        {
            var slotId = string.Create(CultureInfo.InvariantCulture, $"{WorkerId}/{slot}");
            tasks[slot] = Task.Run(() => RunSlotAsync(slotId, stop, finished.Token, cancellationToken), CancellationToken.None);
        }

        tasks[slots] = Task.Run(() => CleanUpPeriodicallyAsync(finished.Token), CancellationToken.None);

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <param name="cancellationToken">Ends the slot between jobs: the run is finished (another slot found it so) or stopping.</param>
    /// <param name="stoppingToken">Stops the job the slot is running (shutdown): the handler gives it back. A job the slot
    /// already holds when another slot finds the run finished runs to its end (Phase 2 still scores a session it has just
    /// completed), so that <c>emgs ingest</c> never returns with a session's score cut off.</param>
    private async Task RunSlotAsync(string workerId, Func<CancellationToken, Task<bool>>? stopWhenIdle, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        var consecutiveErrors = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var job = await store.ClaimJobAsync(workerId, _options.Lease, cancellationToken).ConfigureAwait(false);
                consecutiveErrors = 0;
                if (job is not null)
                {
                    await HandleAsync(job, workerId, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (stopWhenIdle is not null && await stopWhenIdle(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                // Subscribe first, then look once more: a job enqueued (and its wake-up sent) after the failed
                // claim but before the subscription would otherwise sleep for a whole poll interval.
                var wake = store.WaitForJobsAsync(_options.PollInterval, cancellationToken);
                job = await store.ClaimJobAsync(workerId, _options.Lease, cancellationToken).ConfigureAwait(false);
                if (job is not null)
                {
                    ObserveAbandoned(wake);
                    await HandleAsync(job, workerId, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await wake.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a worker slot survives anything: it logs, waits and tries again
            catch (Exception ex)
#pragma warning restore CA1031
            {
                consecutiveErrors++;
                var delay = RetryBackoff.Delay(consecutiveErrors, TimeSpan.FromSeconds(1), _options.PollInterval * 6, Random.Shared.NextDouble());
                WorkerLog.QueueUnavailable(logger, ex, workerId, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// After a crash, the jobs this identity held wait for nobody: no live process holds the identity (its lock died
    /// with the old process), so they are made due at once instead of after the whole lease.
    /// </summary>
    private async Task ReclaimOwnLeasesAsync(CancellationToken cancellationToken)
    {
        if (!_identity.TakeReclaimTurn())
        {
            return;
        }

        try
        {
            var count = await store.ReclaimLeasesAsync(WorkerId + "/", cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                WorkerLog.LeasesReclaimed(logger, count, WorkerId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (DatabaseUnavailableException ex)
        {
            // Not fatal: the leases then expire as usual.
            WorkerLog.QueueUnavailable(logger, ex, WorkerId, 0);
        }
    }

    private async Task HandleAsync(ClaimedJob job, string workerId, CancellationToken stoppingToken)
    {
        using var leaseLost = new CancellationTokenSource();
        using var processing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leaseLost.Token);
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewAsync(job, workerId, leaseLost, renewalStop.Token);
        try
        {
            await HoldAsync(job.SessionId, processing.Token).ConfigureAwait(false);
            await _dispatcher.RunAsync(job, workerId, processing.Token).ConfigureAwait(false);
        }
        finally
        {
            await renewalStop.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(ClaimedJob job, string workerId, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var interval = _options.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
                if (!await store.RenewLeaseAsync(job.JobId, workerId, _options.Lease, stop).ConfigureAwait(false))
                {
                    JobLog.LeaseLost(logger, job.JobId, job.Kind);
                    await leaseLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // a failed renewal is retried at the next tick; the lease may still hold
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WorkerLog.QueueUnavailable(logger, ex, workerId, interval.TotalSeconds);
            }
        }
    }

    /// <summary>
    /// Retention: deletes ended jobs older than <see cref="WorkerOptions.JobRetentionDays"/>. Every worker process does it
    /// when it starts and every <see cref="WorkerOptions.JobCleanupIntervalHours"/>; the delete is idempotent, so several
    /// processes on one database do no harm. A failure (the database out of reach) only postpones it to the next round.
    /// </summary>
    private async Task CleanUpOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var before = DateTimeOffset.UtcNow - _options.JobRetention;
            var deleted = await store.DeleteFinishedJobsAsync(before, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                JobLog.Cleaned(logger, deleted, before, _options.JobRetentionDays);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // housekeeping never stops the workers: it logs and tries again next round
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JobLog.CleanupUnavailable(logger, ex, _options.JobCleanupIntervalHours);
        }
    }

    private async Task CleanUpPeriodicallyAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.JobCleanupInterval, cancellationToken).ConfigureAwait(false);
                await CleanUpOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>
    /// The fault-injection hook of <see cref="WorkerOptions.HoldWhileFileExists"/>: a claimed job waits, its lease renewed,
    /// while that file exists, so that a test can act on a job that is certainly in the middle of being processed.
    /// </summary>
    private async Task HoldAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.HoldWhileFileExists) || !File.Exists(_options.HoldWhileFileExists))
        {
            return;
        }

        WorkerLog.Holding(logger, sessionId, _options.HoldWhileFileExists);
        try
        {
            while (File.Exists(_options.HoldWhileFileExists))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown or a lost lease: the processor sees the same token and gives the job back.
        }
    }

    /// <summary>A wait no one awaits any more: it ends by itself at the next wake-up or the poll interval.</summary>
    private static void ObserveAbandoned(Task wait) =>
        _ = wait.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
