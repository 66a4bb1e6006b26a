using EmgSessions.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Cli;

/// <summary><c>emgs worker</c>: Phase 2 workers only, for scaling out on a shared PostgreSQL.</summary>
internal sealed class WorkerCommand : ICliCommand
{
    public string Name => "worker";

    public string Summary => "Run Phase 2 workers only (scale-out on a shared database).";

    public string Usage =>
        "Usage: emgs worker [--workers N] [--database SPEC] [--storage SPEC]\n" +
        "  --workers N       worker slots (default: processor count)\n" +
        CommandHost.StoreUsage;

    public IReadOnlyCollection<string> Flags { get; } = [];

    public IReadOnlyCollection<string> ValueOptions { get; } = ["workers", .. CommandHost.StoreFlags];

    public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync(Name, console, async () =>
        {
            if (arguments.Positionals.Count > 0)
            {
                throw new CliUsageException($"Unexpected argument '{arguments.Positionals[0]}'.");
            }

            var builder = CommandHost.CreateBuilder(EmgsConfiguration.Build(arguments, overrides: CommandHost.DataDirectoryOverrides(arguments)), LogLevel.Information);
            builder.AddSessionStore();
            builder.AddObjectStorage();
            builder.AddIngestion();
            builder.AddAnalysis();
            builder.AddWorkers();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync("emgs worker: processing jobs; Ctrl+C stops (running jobs are given back).").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return CliApplication.Success;
        });
}
