using EmgSessions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Cli;

/// <summary><c>emgs serve</c>: the HTTP API and webhook, the workers and the reconciler in one process.</summary>
internal sealed class ServeCommand(CliConsole console) : CliCommand<ServeSettings>(console)
{
    protected override Task<int> RunAsync(ServeSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("serve", console, async () =>
        {
            var app = ServerHost.Build(settings.Configuration());
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                await console.Out.WriteLineAsync($"emgs serve: listening on {string.Join(", ", addresses)} (OpenAPI at /openapi/v1.json); Ctrl+C stops.").ConfigureAwait(false);
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
