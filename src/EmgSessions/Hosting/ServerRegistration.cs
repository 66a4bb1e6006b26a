using EmgSessions.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddServer()</c>: listen addresses and API keys, checked before anything listens, and the addresses
/// Kestrel really bound checked again once it listens (<see cref="ListenAddressGuard"/>).
/// </summary>
internal static class ServerRegistration
{
    /// <exception cref="EmgsConfigurationException">A malformed address, or a non-loopback one on an unprotected server.</exception>
    public static WebApplicationBuilder AddServer(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        var server = section.Get<ServerOptions>() ?? new ServerOptions();
        var hasSecret = !string.IsNullOrWhiteSpace(builder.Configuration[ConfigurationKeys.WebhookSecret]);
        var hasSupabase = !string.IsNullOrWhiteSpace(builder.Configuration[ConfigurationKeys.SupabaseUrl]);

        // With a webhook secret, local accounts may stand in for API keys: whether one exists is known once the database
        // is open, so ListenAddressGuard checks that when the server has started.
        var problems = ListenAddresses.Check(server.UrlList, server.ApiKeyList.Count > 0 || hasSupabase || hasSecret, hasSecret);
        if (problems.Count > 0)
        {
            throw EmgsConfigurationException.From(problems);
        }

        builder.Services.AddCheckedOptions<ServerOptions>(section, o => o.Check());
        builder.Services.AddSingleton(new ListenPolicy(server.ApiKeyList.Count > 0, hasSecret, hasSupabase));
        builder.Services.AddHostedService<ListenAddressGuard>();
        builder.WebHost.UseUrls([.. server.UrlList]);
        return builder;
    }
}
