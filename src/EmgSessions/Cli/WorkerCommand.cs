using EmgSessions.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Cli;

/// <summary><c>emgs worker</c>: Phase 2 workers only, for scaling out on a shared PostgreSQL.</summary>
internal sealed class WorkerCommand(CliConsole console) : CliCommand<ProcessingSettings>(console)
{
    protected override Task<int> RunAsync(ProcessingSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("worker", console, async () =>
        {
            var builder = CommandHost.CreateBuilder(settings.Configuration(), LogLevel.Information);
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
