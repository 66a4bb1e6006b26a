using EmgSessions.Core;
using EmgSessions.Core.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary><c>builder.AddAnalyticsCache()</c>: cache reads for the API and the daily cleanup (section <c>Cache</c>).</summary>
internal static class CacheRegistration
{
    public static IHostApplicationBuilder AddAnalyticsCache(this IHostApplicationBuilder builder, bool runCleanup = true)
    {
        builder.Services.AddCheckedOptions<CacheOptions>(builder.Configuration.GetSection(CacheOptions.Section), o => o.Check());
        builder.Services.AddSingleton<AnalyticsCache>();
        if (runCleanup)
        {
            builder.Services.AddHostedService<CacheCleanupService>();
        }

        return builder;
    }
}
