using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Scores;

/// <summary>
/// Scores stale sessions at start and then every <see cref="ScoringOptions.SweepIntervalSeconds"/>: what a crash between
/// storing analytics or inputs and storing the score left behind.
/// </summary>
internal sealed class ScoreSweeper(SessionScoring scoring, IOptions<ScoringOptions> options, ILogger<ScoreSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await scoring.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ScoringLog.SweepFailed(logger, ex);
            }

            if (interval <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
        }
    }
}
