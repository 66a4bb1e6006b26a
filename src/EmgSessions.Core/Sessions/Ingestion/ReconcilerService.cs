using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// Runs <see cref="Reconciler.RunOnceAsync"/> every <see cref="ReconcilerOptions.Interval"/>, in one
/// process at a time: each pass holds the store's singleton <c>reconciler</c> (an advisory lock on
/// PostgreSQL); a process that cannot take it skips the pass. Failures are logged and the loop goes on.
/// </summary>
public sealed class ReconcilerService(
    Reconciler reconciler,
    ISessionStore store,
    IOptions<ReconcilerOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconcilerService> logger) : BackgroundService
{
    public const string SingletonName = "reconciler";

    /// <summary>Passes completed by this instance (for tests and status pages).</summary>
    public int CompletedPasses { get; private set; }

    /// <summary>The report of the last completed pass.</summary>
    public ReconcileReport? LastReport { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(options.Value.InitialDelay, timeProvider, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One guarded pass: false when another instance holds the singleton or the pass failed.</summary>
    public async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var singleton = await store.TryAcquireSingletonAsync(SingletonName, cancellationToken).ConfigureAwait(false);
            if (singleton is null)
            {
                IngestionLog.ReconcileSkipped(logger);
                return false;
            }

            await using (singleton.ConfigureAwait(false))
            {
                LastReport = await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                CompletedPasses++;
                return true;
            }
        }
        catch (Exception e) when (e is StorageUnavailableException or DatabaseUnavailableException)
        {
            IngestionLog.ReconcileFailed(logger, e, e.Message);
            return false;
        }
    }
}
