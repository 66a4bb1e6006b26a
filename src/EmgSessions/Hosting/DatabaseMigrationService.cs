using EmgSessions.Core.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>Applies pending migrations when the host starts, before workers and the web server run.</summary>
internal sealed partial class DatabaseMigrationService(
    ISessionStore store,
    IOptions<DatabaseConnectionOptions> options,
    ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        LogMigrated(logger, store.Engine, DatabaseConnectionOptions.Redact(options.Value.Connection));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Engine} at {Connection} is migrated")]
    private static partial void LogMigrated(ILogger logger, string engine, string connection);
}
