using EmgSessions.Core.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Caching;

/// <summary>
/// Reports stale analytics cache entries periodically (daily by default); one active instance across processes. It
/// never empties them: the TTL makes an entry stale, and only an explicit <c>POST /api/cache/cleanup?confirm=true</c>
/// erases (stored analytics, the predecessor's included, are never destroyed implicitly).
/// </summary>
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
                    var expired = await cache.CountExpiredAsync(stoppingToken).ConfigureAwait(false);
                    LogExpired(logger, expired, options.Value.TtlDays);
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Analytics cache: {Expired} entries unused for more than {TtlDays} days are stale (kept and readable; POST /api/cache/cleanup?confirm=true empties them)")]
    private static partial void LogExpired(ILogger logger, int expired, double ttlDays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache report failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
