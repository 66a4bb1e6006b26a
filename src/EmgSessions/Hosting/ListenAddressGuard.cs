using System.Net;
using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary>
/// The rule "no listening beyond loopback without a webhook secret and API keys, Supabase sign-in or a local
/// account" (<see cref="ListenPolicy"/>), enforced on what Kestrel really
/// bound, whatever configured it (<c>Server:Urls</c>, <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>urls</c> in a
/// settings file, <c>Kestrel:Endpoints</c>): once the server has started, its addresses are checked and the start
/// fails when one is refused. Until then, and whatever happens, an unprotected server drops every connection that
/// did not arrive on a loopback address (<see cref="UseLoopbackOnlyUnlessProtected"/>).
/// </summary>
internal sealed class ListenAddressGuard(IServer server, ListenPolicy policy, IAccountDirectory accounts) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var signsIn = await policy.IsProtectedAsync(accounts, cancellationToken) || policy.HasApiKeys || policy.HasSupabase;
        var problems = ListenAddresses.Check(addresses, signsIn, policy.HasWebhookSecret).Where(p => !p.StartsWith("Server:Urls", StringComparison.Ordinal)).ToList();
        if (problems.Count > 0)
        {
            throw EmgsConfigurationException.From(problems);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On a server not protected by configuration, aborts every connection whose local address is not loopback until a local account exists (with a webhook secret).</summary>
    public static void UseLoopbackOnlyUnlessProtected(WebApplication app, ListenPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.IsProtected)
        {
            return;
        }

        var accounts = app.Services.GetRequiredService<IAccountDirectory>();
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local)
                && !await policy.IsProtectedAsync(accounts, context.RequestAborted))
            {
                context.Abort();
                return;
            }

            await next(context);
        });
    }
}
