using EmgSessions.Core;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddSessionStore()</c>: the sessions database named by <c>Database:Connection</c>
/// (<c>--database</c> / <c>EMGS_DATABASE</c>), one per process, migrated when the host starts.
/// </summary>
internal static class SessionStoreRegistration
{
    public static IHostApplicationBuilder AddSessionStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<DatabaseConnectionOptions>(
            builder.Configuration.GetSection(DatabaseConnectionOptions.Section), o => o.Check());
        builder.Services.AddSingleton(sp =>
            SessionStoreFactory.Create(sp.GetRequiredService<IOptions<DatabaseConnectionOptions>>().Value.Connection, sp.GetRequiredService<ILoggerFactory>()));

        // Registered first so that it runs before the workers and the web server start.
        builder.Services.AddHostedService<DatabaseMigrationService>();
        return builder;
    }
}
