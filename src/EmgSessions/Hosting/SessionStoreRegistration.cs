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

        // The first hosted service, so that it runs before anything reads the database at start: Data Protection's
        // key ring loader (registered earlier, with authentication), the workers and the web server.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrationService>());
        return builder;
    }
}
