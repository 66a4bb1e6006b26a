using EmgSessions.Core.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Caching;

/// <summary>Empties expired analytics cache entries periodically (daily by default); one active instance across processes.</summary>
public sealed partial class CacheCleanupService(
    ISessionStore store,
    AnalyticsCache cache,
    IOptions<CacheOptions> options,
    ILogger<CacheCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromHours(options.Value.CleanupIntervalHours);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var holder = await store.TryAcquireSingletonAsync("emgs-cache-cleanup", stoppingToken).ConfigureAwait(false);
                if (holder is null)
                {
                    continue;
                }

                await using (holder.ConfigureAwait(false))
                {
                    var cleaned = await cache.CleanupAsync(stoppingToken).ConfigureAwait(false);
                    LogCleaned(logger, cleaned, options.Value.TtlDays);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed cleanup is retried at the next tick
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache cleanup emptied {Cleaned} entries older than {TtlDays} days")]
    private static partial void LogCleaned(ILogger logger, int cleaned, double ttlDays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache cleanup failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
