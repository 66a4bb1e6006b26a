using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddIngestion()</c>: Phase 1 — the webhook's rules (section <c>Webhook</c>, secret from
/// <c>EMGS_WEBHOOK_SECRET</c>), the spool (section <c>Ingestion</c>) and <see cref="SessionIngestor"/>.
/// </summary>
internal static class IngestionRegistration
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddCheckedOptions<WebhookOptions>(configuration.GetSection(WebhookOptions.SectionName), o => o.Validate())
            .PostConfigure(o =>
            {
                // A configured list replaces the default one instead of being appended to it.
                var buckets = configuration.GetSection("Webhook:AcceptedBuckets").GetChildren().Select(c => c.Value).OfType<string>().ToList();
                if (buckets.Count > 0)
                {
                    o.AcceptedBuckets = buckets;
                }
            });
        builder.Services.AddCheckedOptions<IngestionOptions>(configuration.GetSection(IngestionOptions.SectionName), o => o.Validate());
        builder.Services.AddSingleton(sp => new FileSpool(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.SpoolDirectory));
        builder.Services.AddSingleton<SessionIngestor>();
        return builder;
    }
}
