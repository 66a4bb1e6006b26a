using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddDataProtectionKeys()</c>: ASP.NET Core Data Protection (the session cookie, antiforgery tokens) with its
/// key ring in the sessions database (<see cref="DataProtectionKeyRepository"/>, migration 070) under one application
/// name, so that a restart keeps everyone signed in and every <c>emgs serve</c> on one database, started from any
/// folder, accepts the cookies the others issued. The keys are stored as Data Protection writes them (unencrypted at
/// rest, which it logs once per new key): the database is what protects them, as it protects the data itself.
/// </summary>
internal static class DataProtectionRegistration
{
    /// <summary>The application name every process shares (Data Protection isolates keys per application name).</summary>
    public const string ApplicationName = "EmgSessions";

    public static IHostApplicationBuilder AddDataProtectionKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDatabase(sp => DataProtectionKeyRepository.Create(
                DatabaseOptions.Parse(sp.GetRequiredService<IOptions<DatabaseConnectionOptions>>().Value.Connection),
                sp.GetRequiredService<ILoggerFactory>(),
                sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
