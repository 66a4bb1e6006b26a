using EmgSessions.Core.Sessions.Ingestion;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddIngestion()</c> and <c>builder.AddReconciler()</c>: Phase 1 — the webhook's rules (section
/// <c>Webhook</c>, secret from <c>EMGS_WEBHOOK_SECRET</c>), the spool, <see cref="SessionIngestor"/> and the
/// periodic reconciler, as the ingestion side registers them.
/// </summary>
internal static class IngestionRegistration
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIngestion(builder.Configuration, runReconciler: false);
        return builder;
    }

    public static IHostApplicationBuilder AddReconciler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReconcilerService();
        return builder;
    }
}
