using EmgSessions.Core.Stores.People;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Cli;

/// <summary>
/// The host of the people verbs (<c>users</c>, <c>patients</c>): the database migrated on start and the people store,
/// with the caller's body run between start and stop. The person at the console acts as the local user.
/// </summary>
internal static class PeopleHost
{
    public static async Task<int> RunAsync(StoreSettings settings, Func<IServiceProvider, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = CommandHost.CreateBuilder(settings.Configuration(), LogLevel.Warning);
        builder.AddSessionStore();
        builder.AddPeopleStore();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await body(host.Services).ConfigureAwait(false);
        }
        finally
        {
            await host.Services.GetRequiredService<IPeopleStore>().DisposeAsync().ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
