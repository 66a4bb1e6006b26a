using EmgSessions.Core.Application;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Cli;

/// <summary>The host of the scoring verbs: the sessions database (migrated on start), the scoring services (no sweep) and the light lookup that finds a session by id or prefix (no analysis, no cache: a fast start).</summary>
internal static class ScoringHost
{
    /// <summary>Runs <paramref name="run"/> in the host; with <paramref name="people"/> the patients' records too (<c>emgs progress</c>).</summary>
    public static Task<int> RunAsync(
        string verb, StoreSettings settings, CliConsole console, Func<IServiceProvider, ISessionStore, Task<int>> run, CancellationToken cancellationToken, bool people = false) =>
        CommandHost.GuardAsync(verb, console, async () =>
        {
            var builder = CommandHost.CreateBuilder(settings.Configuration(), LogLevel.Warning);
            builder.AddSessionStore();
            builder.AddScoring(sweep: false);
            builder.Services.AddSessionIdLookup();
            if (people)
            {
                builder.AddPeopleStore();
            }

            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await run(host.Services, host.Services.GetRequiredService<ISessionStore>()).ConfigureAwait(false);
            }
            finally
            {
                if (people)
                {
                    await host.Services.GetRequiredService<IPeopleStore>().DisposeAsync().ConfigureAwait(false);
                }

                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });
}
