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
        Bind<WebhookOptions>(services, configuration, WebhookOptions.SectionName, o => o.Validate());
        if (configuration is not null)
        {
            // Binding appends to the default bucket list; a configured list replaces it instead.
            services.PostConfigure<WebhookOptions>(o =>
            {
                var buckets = configuration.GetSection(WebhookOptions.SectionName + ":AcceptedBuckets").GetChildren()
                    .Select(c => c.Value).OfType<string>().ToList();
                if (buckets.Count > 0)
                {
                    o.AcceptedBuckets = buckets;
                }
            });
        }

        Bind<IngestionOptions>(services, configuration, IngestionOptions.SectionName, o => o.Validate());
        Bind<ReconcilerOptions>(services, configuration, ReconcilerOptions.SectionName, o => o.Validate());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookReplayCache>();
        services.TryAddSingleton<WebhookAuthenticator>();
        services.TryAddSingleton(sp => new FileSpool(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.SpoolDirectory));
        services.TryAddSingleton<SessionIngestor>();
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

    private static void Bind<T>(IServiceCollection services, IConfiguration? configuration, string section, Func<T, IReadOnlyList<string>> validate)
        where T : class
    {
        var builder = services.AddOptions<T>();
        if (configuration is not null)
        {
            builder.Bind(configuration.GetSection(section));
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new OptionsCheck<T>(validate)));
    }

    private sealed class OptionsCheck<T>(Func<T, IReadOnlyList<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = validate(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
