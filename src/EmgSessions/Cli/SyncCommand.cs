using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs sync</c>: one reconciliation pass (system.md §4.4) — list the accepted buckets, run Phase 1
/// for every <c>.c3d</c> object without a session, give orphaned pending sessions their job back.
/// Exit code 0 when the pass ran (objects refused for good are listed), 1 when storage or database
/// trouble stopped it or left objects to retry.
/// </summary>
internal sealed class SyncCommand(CliConsole console) : CliCommand<SyncSettings>(console)
{
    protected override Task<int> RunAsync(SyncSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("sync", console, async () =>
        {
            var configuration = settings.Configuration();
            var builder = CommandHost.CreateBuilder(configuration, settings.Verbose ? LogLevel.Information : LogLevel.Warning);
            builder.AddSessionStore();
            builder.AddObjectStorage();
            builder.AddIngestion();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ReconcileReport report;
                try
                {
                    report = await host.Services.GetRequiredService<Reconciler>().RunOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StorageUnavailableException e)
                {
                    await console.Error.WriteLineAsync($"emgs sync: the storage is unavailable: {e.Message}").ConfigureAwait(false);
                    return CliApplication.Failure;
                }

                if (settings.Json)
                {
                    await WriteJsonAsync(report, console).ConfigureAwait(false);
                }
                else
                {
                    await WriteSummaryAsync(report, console).ConfigureAwait(false);
                }

                return report.Failures.Any(f => f.Status is IngestionStatus.StorageUnavailable or IngestionStatus.DatabaseUnavailable)
                    ? CliApplication.Failure
                    : CliApplication.Success;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });

    private static async Task WriteSummaryAsync(ReconcileReport report, CliConsole console)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"emgs sync: {report.Listed} objects listed, {report.Unknown} without a session: {report.Ingested} ingested, " +
            $"{report.Failures.Count} not ingested; {report.Requeued} orphaned sessions requeued.");
        await console.Out.WriteLineAsync(line).ConfigureAwait(false);
        foreach (var failure in report.Failures)
        {
            await console.Out.WriteLineAsync($"  not ingested  {failure.Bucket}/{failure.Key}  {StatusName(failure.Status)}: {failure.Message}").ConfigureAwait(false);
        }
    }

    private static async Task WriteJsonAsync(ReconcileReport report, CliConsole console)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["listed"] = report.Listed,
            ["unknown"] = report.Unknown,
            ["ingested"] = report.Ingested,
            ["skipped"] = report.Skipped,
            ["requeued"] = report.Requeued,
            ["spool_files_removed"] = report.SpoolFilesRemoved,
            ["outcomes"] = report.Outcomes.ToDictionary(o => StatusName(o.Key), o => o.Value),
            ["failures"] = report.Failures.Select(f => new Dictionary<string, string>
            {
                ["bucket"] = f.Bucket,
                ["key"] = f.Key,
                ["status"] = StatusName(f.Status),
                ["message"] = f.Message,
            }).ToList(),
        });
        await console.Out.WriteLineAsync(json).ConfigureAwait(false);
    }

    private static string StatusName(IngestionStatus status) => new IngestionResult(status, "").StatusName;
}
