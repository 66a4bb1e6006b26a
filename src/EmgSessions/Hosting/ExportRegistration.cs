using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddExports()</c>: the session exporter (object storage and the bucket Phase 2 reads) and, unless another
/// sink is registered (the people work's <c>audit_events</c> sink), the <see cref="LoggingAuditSink"/> stand-in.
/// </summary>
internal static class ExportRegistration
{
    public static IHostApplicationBuilder AddExports(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var bucket = configuration["Workers:Bucket"] is { Length: > 0 } workers ? workers
            : configuration["Webhook:AcceptedBuckets:0"] is { Length: > 0 } accepted ? accepted
            : "c3d-examples";
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IAuditSink, LoggingAuditSink>();
        // The scores of result.json's provenance: the scoring store when the host has one, else one over the session store.
        builder.Services.AddSingleton(sp => new SessionExporter(
            sp.GetRequiredService<IObjectStorage>(), bucket, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IScoringStore>() ?? (sp.GetService<ISessionStore>() is { } store ? ScoringStoreFactory.For(store) : null)));
        return builder;
    }
}
