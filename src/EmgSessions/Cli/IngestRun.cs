using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary>Hosts an <see cref="IngestPipeline"/> for a verb: services, progress bar, summary table or JSON.</summary>
internal static class IngestRun
{
    public static async Task<IReadOnlyList<IngestItemResult>> ExecuteAsync(
        IConfiguration configuration,
        IReadOnlyList<IngestItem> items,
        string? bucket,
        CliConsole console,
        LogLevel logLevel,
        CancellationToken cancellationToken)
    {
        var builder = CommandHost.CreateBuilder(configuration, logLevel);
        builder.AddSessionStore();
        builder.AddObjectStorage();
        builder.AddIngestion();
        builder.AddAnalysis();
        builder.AddWorkers(runInBackground: false);
        builder.Services.AddSingleton<IngestPipeline>();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var workers = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var pipeline = host.Services.GetRequiredService<IngestPipeline>();
            var slots = workers.Count > 0 ? workers.Count : Environment.ProcessorCount;
            var target = bucket ?? workers.Bucket;
            if (!console.Interactive)
            {
                return await pipeline.RunAsync(items, target, slots, null, cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<IngestItemResult> results = [];
            await CliRendering.For(console).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var upload = context.AddTask("Phase 1: store and register", maxValue: items.Count);
                    var process = context.AddTask("Phase 2: read and analyse", maxValue: 1);
                    results = await pipeline.RunAsync(items, target, slots, (stage, done, total) =>
                    {
                        var task = stage == "upload" ? upload : process;
                        task.MaxValue = Math.Max(1, total);
                        task.Value = total == 0 ? 1 : done;
                    }, cancellationToken).ConfigureAwait(false);
                    process.Value = process.MaxValue;
                }).ConfigureAwait(false);
            return results;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static void WriteTable(IReadOnlyList<IngestItemResult> results, CliConsole console)
    {
        // The session id whole and never wrapped: it is what a user pastes into `emgs sessions show`.
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("File", "Key", "Phase 1", "Status")
            .AddColumn(new TableColumn("Session").NoWrap())
            .AddColumns("Rate (Hz)", "Duration (s)", "Contractions", "Message");
        foreach (var r in results)
        {
            var technical = r.Session?.Technical;
            var summary = AnalyticsSummary.From(r.Session?.AnalyticsCacheJson);
            table.AddRow(
                Markup.Escape(r.Item.Label),
                Markup.Escape(r.Item.Key),
                r.Phase1.StatusName,
                r.Failed ? $"[red]{r.Status}[/]" : $"[green]{r.Status}[/]",
                r.Session?.Id.ToString() ?? "-",
                technical?.SamplingRate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",
                technical?.DurationSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(AnalyticsSummary.Contractions(summary)),
                Markup.Escape(r.Error ?? (r.Phase1.Status == Core.Sessions.Ingestion.IngestionStatus.DuplicateContent ? r.Phase1.Message : string.Empty)));
        }

        var ansi = CliRendering.For(console);
        ansi.Write(table);
        var failed = results.Count(r => r.Failed);
        ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Count} files: {results.Count - failed} completed, {failed} not completed."));
    }

    public static async Task WriteJsonAsync(IReadOnlyList<IngestItemResult> results, CliConsole console)
    {
        var rows = results.Select(r => new Dictionary<string, object?>
        {
            ["file"] = r.Item.Label,
            ["key"] = r.Item.Key,
            ["phase1"] = r.Phase1.StatusName,
            ["message"] = r.Phase1.Message,
            ["session_id"] = r.Session?.Id,
            ["status"] = r.Status,
            ["error"] = r.Error,
            ["sampling_rate"] = r.Session?.Technical?.SamplingRate,
            ["channel_count"] = r.Session?.Technical?.ChannelCount,
            ["sample_count"] = r.Session?.Technical?.OriginalSampleCount,
            ["processing_time_ms"] = r.Session?.ProcessingTimeMs,
            ["channels"] = AnalyticsSummary.From(r.Session?.AnalyticsCacheJson)
                .ToDictionary(c => c.Channel, c => new Dictionary<string, object?> { ["contraction_count"] = c.ContractionCount, ["rms"] = c.Rms }),
        }).ToList();
        await console.Out.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?> { ["files"] = rows }, JsonOutput.Options)).ConfigureAwait(false);
    }
}
