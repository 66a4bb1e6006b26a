using System.Net;
using EmgSessions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Tests.Hosting;

/// <summary>The loopback rule on the addresses Kestrel really binds, whichever configuration path set them.</summary>
public sealed class ListenAddressGuardTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("emgs-listen-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:0")]
    [InlineData("Kestrel:Endpoints:Any:Url", "http://[::]:0")]
    public async Task A_kestrel_endpoint_beyond_loopback_stops_an_unprotected_server_from_starting(string key, string url)
    {
        // Given a server without API keys and webhook secret whose Kestrel section names an address on every interface.
        var app = ServerHost.Build(Configuration(new() { [key] = url }), logging => logging.SetMinimumLevel(LogLevel.Critical));
        await using (app)
        {
            // When it starts, then it refuses, naming the address it bound and what is missing.
            var refused = await Assert.ThrowsAsync<EmgsConfigurationException>(() => app.StartAsync());
            Assert.Contains("not a loopback address", refused.Message, StringComparison.Ordinal);
            Assert.Contains(url.Replace(":0", string.Empty, StringComparison.Ordinal), refused.Message, StringComparison.Ordinal);
            Assert.Contains("EMGS_API_KEYS and EMGS_WEBHOOK_SECRET are not configured", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_protected_server_may_bind_a_kestrel_endpoint_beyond_loopback()
    {
        var app = ServerHost.Build(
            Configuration(new() { ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:0", ["Server:ApiKeys"] = "k1", ["Webhook:Secret"] = "s1" }),
            logging => logging.SetMinimumLevel(LogLevel.Critical));
        await using (app)
        {
            await app.StartAsync();
            var address = Assert.Single(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
            Assert.StartsWith("http://0.0.0.0:", address, StringComparison.Ordinal);

            // And it answers the API only with a key, on loopback too.
            using var client = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) };
            using var anonymous = await client.GetAsync("/api/sessions");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            await app.StopAsync();
        }
    }

    private IConfiguration Configuration(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Connection"] = "sqlite:" + Path.Combine(_root, "emgs.db"),
            ["Storage:Spec"] = "local:" + Path.Combine(_root, "storage"),
            ["Ingestion:SpoolDirectory"] = Path.Combine(_root, "spool"),
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Workers:Count"] = "0",
            ["Server:Reconciler"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
