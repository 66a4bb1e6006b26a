using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Tests.Access;

/// <summary>A real Kestrel server on 127.0.0.1 serving a Supabase project's <c>/auth/v1/.well-known/jwks.json</c>.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private JwksServer(WebApplication app) => _app = app;

    /// <summary>The public keys served, as JWK objects.</summary>
    public List<object> Keys { get; } = [];

    /// <summary>When set, the key set answers this status code.</summary>
    public int? FailWith { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<JwksServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new JwksServer(app);
        app.MapGet("/auth/v1/.well-known/jwks.json", server.Serve);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Serve()
    {
        Interlocked.Increment(ref _requests);
        return FailWith is { } status
            ? Results.StatusCode(status)
            : Results.Text(JsonSerializer.Serialize(new { keys = Keys }), "application/json");
    }
}
