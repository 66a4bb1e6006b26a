using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Storage;
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
        builder.Services.AddSingleton(sp => new SessionExporter(sp.GetRequiredService<IObjectStorage>(), bucket, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
