using EmgSessions.Core.Application.Webhooks;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// Registers Phase 1: the webhook options, authenticator and replay cache, the spool, the ingestor and
/// the reconciler. Expects <c>IObjectStorage</c> and <c>ISessionStore</c> from the host.
/// </summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Binds sections <c>Webhook</c>, <c>Ingestion</c> and <c>Reconciler</c> of <paramref name="configuration"/>
    /// (defaults when null), validated on start. <paramref name="runReconciler"/> adds <see cref="ReconcilerService"/>.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration? configuration = null, bool runReconciler = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCheckedOptions<WebhookOptions>(configuration?.GetSection(WebhookOptions.Section), o => o.Check());
        if (configuration is not null)
        {
            // Binding appends to the default bucket list; a configured list replaces it instead.
            services.PostConfigure<WebhookOptions>(o =>
            {
                var buckets = configuration.GetSection(WebhookOptions.Section + ":AcceptedBuckets").GetChildren()
                    .Select(c => c.Value).OfType<string>().ToList();
                if (buckets.Count > 0)
                {
                    o.AcceptedBuckets = buckets;
                }
            });
        }

        services.AddCheckedOptions<IngestionOptions>(configuration?.GetSection(IngestionOptions.Section), o => o.Check());
        services.AddCheckedOptions<ReconcilerOptions>(configuration?.GetSection(ReconcilerOptions.Section), o => o.Check());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookReplayCache>();
        services.TryAddSingleton<WebhookAuthenticator>();
        services.TryAddSingleton(sp => new FileSpool(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.SpoolDirectory));
        services.TryAddSingleton<SessionIngestor>();
        services.TryAddSingleton<StorageWebhookService>();
        services.TryAddSingleton<Reconciler>();
        if (runReconciler)
        {
            services.AddReconcilerService();
        }

        return services;
    }

    /// <summary>Adds the periodic <see cref="ReconcilerService"/> as a hosted service (once).</summary>
    public static IServiceCollection AddReconcilerService(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ReconcilerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ReconcilerService>(
            sp => sp.GetRequiredService<ReconcilerService>()));
        return services;
    }
}
