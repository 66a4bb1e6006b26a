using EmgSessions.Core;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddWorkers()</c>: the Phase 2 processor, the job handlers (one <see cref="IJobHandler"/> per kind: Phase 2, signal summaries) and, when <c>Workers:Count</c> (<c>--workers</c> /
/// <c>EMGS_WORKERS</c>) is above 0, the queue worker as a hosted service.
/// </summary>
internal static class WorkerRegistration
{
    public static IHostApplicationBuilder AddWorkers(this IHostApplicationBuilder builder, bool runInBackground = true)
    {
        var configuration = builder.Configuration;
        builder.Services.AddCheckedOptions<WorkerOptions>(configuration.GetSection(WorkerOptions.Section), o => o.Check())
            .PostConfigure(o =>
            {
                // Phase 2 reads from the bucket Phase 1 accepts unless told otherwise.
                if (configuration["Workers:Bucket"] is null && configuration["Webhook:AcceptedBuckets:0"] is { Length: > 0 } bucket)
                {
                    o.Bucket = bucket;
                }

                // Phase 2 reads no more than Phase 1 accepts unless told otherwise.
                if (configuration["Workers:MaxFileSizeBytes"] is null && configuration.GetValue<long?>("Webhook:MaxFileSizeBytes") is { } limit and > 0)
                {
                    o.MaxFileSizeBytes = limit;
                }
            });
        builder.Services.AddSingleton(sp =>
        {
            var workers = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return new AnalysisThreads(workers.AnalysisThreadCount, workers.AnalysisNice);
        });
        builder.Services.AddSingleton<SessionProcessor>();
        builder.Services.AddSingleton<IJobHandler, ProcessSessionJobHandler>();

        // Phase 2's completion enqueues the recording's signal summaries; every process that works builds them.
        builder.Services.AddSingleton<SignalSummaryStore>();
        builder.Services.AddSingleton<SignalSummaryJobs>();
        builder.Services.AddSingleton<IJobHandler, BuildSignalSummaryJobHandler>();
        builder.Services.AddSingleton<JobHandlerRegistry>();
        builder.Services.AddSingleton(sp => WorkerIdentity.Acquire(
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.WorkerName,
            WorkerIdentityFolder(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.SpoolDirectory)));
        builder.Services.AddSingleton<QueueWorker>();
        var working = runInBackground && (configuration.GetValue<int?>("Workers:Count") ?? Environment.ProcessorCount) > 0;
        if (working)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueWorker>());
        }

        // Phase 2 scores what it completes; the processes that work also sweep stale scores.
        builder.AddScoring(sweep: working);

        return builder;
    }

    /// <summary>Where the identity locks live: <c>workers</c> beside the spool, i.e. in the data folder (<c>./data/workers</c>).</summary>
    private static string? WorkerIdentityFolder(string spoolDirectory)
    {
        if (string.IsNullOrWhiteSpace(spoolDirectory))
        {
            return null;
        }

        var spool = Path.GetFullPath(spoolDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(spool) ?? spool, "workers");
    }
}
