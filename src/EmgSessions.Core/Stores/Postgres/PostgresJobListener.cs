using EmgSessions.Core.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>
/// One unpooled connection that <c>LISTEN</c>s on <see cref="PostgresSessionStore.JobChannel"/>, started on
/// first use, reconnecting after failures; every notification wakes all local waiters.
/// </summary>
internal sealed class PostgresJobListener(string connectionString, ILogger<PostgresJobListener> logger) : IAsyncDisposable
{
    private readonly JobSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _loop;

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            _loop ??= Task.Run(() => ListenAsync(_stop.Token));
        }

        return _signal.WaitAsync(timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, _) => _signal.Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresSessionStore.JobChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                // Jobs enqueued while we were not listening: let waiters look.
                _signal.Pulse();
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                DatabaseLog.ListenerReconnecting(logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
