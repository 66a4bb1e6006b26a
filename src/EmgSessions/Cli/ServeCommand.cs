using EmgSessions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Cli;

/// <summary><c>emgs serve</c>: the HTTP API and webhook, the workers and the reconciler in one process.</summary>
internal sealed class ServeCommand : ICliCommand
{
    public string Name => "serve";

    public string Summary => "Run the HTTP API, the webhook, the workers and the reconciler.";

    public string Usage =>
        "Usage: emgs serve [--urls URLS] [--workers N] [--database SPEC] [--storage SPEC]\n" +
        "  --urls URLS       listen addresses (default http://127.0.0.1:8080); non-loopback needs EMGS_API_KEYS and EMGS_WEBHOOK_SECRET\n" +
        "  --workers N       worker slots (default: processor count; 0 = API only)\n" +
        CommandHost.StoreUsage;

    public IReadOnlyCollection<string> Flags { get; } = [];

    public IReadOnlyCollection<string> ValueOptions { get; } = ["urls", "workers", .. CommandHost.StoreFlags];

    public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync(Name, console, async () =>
        {
            if (arguments.Positionals.Count > 0)
            {
                throw new CliUsageException($"Unexpected argument '{arguments.Positionals[0]}'.");
            }

            var app = ServerHost.Build(EmgsConfiguration.Build(arguments, overrides: CommandHost.DataDirectoryOverrides(arguments)));
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                await console.Out.WriteLineAsync($"emgs serve: listening on {string.Join(", ", addresses)} (OpenAPI at /openapi/v1.json); Ctrl+C stops.").ConfigureAwait(false);
                if (addresses.FirstOrDefault() is { } first)
                {
                    await console.Out.WriteLineAsync($"Dashboard: {first.TrimEnd('/')}/ (open Sessions, then a session, to see its signals)").ConfigureAwait(false);
                }
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return CliApplication.Success;
        });
}
