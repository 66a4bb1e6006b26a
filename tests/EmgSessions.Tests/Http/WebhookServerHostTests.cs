using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.Hosting;
using EmgSessions.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Tests.Http;

/// <summary>The webhook inside the real server host (ServerHost: store, storage, ingestion, workers, reconciler).</summary>
public sealed class WebhookServerHostTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emgs-host-" + Guid.NewGuid().ToString("N"));
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Connection"] = "sqlite:" + Path.Combine(_root, "emgs.db"),
            ["Storage:Spec"] = "local:" + Path.Combine(_root, "storage"),
            ["Ingestion:SpoolDirectory"] = Path.Combine(_root, "spool"),
            ["Webhook:Secret"] = "host-secret",
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Workers:Count"] = "1",
            ["Reconciler:InitialDelay"] = "01:00:00",
        }).Build();
        _app = ServerHost.Build(configuration, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_webhook_to_the_server_host_ends_in_a_completed_session_with_its_analysis()
    {
        var key = $"P005/session1/{TestFiles.Ghostly0881}.c3d";
        var path = Path.Combine(_root, "storage", "c3d-examples", "P005", "session1", TestFiles.Ghostly0881 + ".c3d");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0881), path);
        var body = JsonSerializer.Serialize(new { type = "INSERT", table = "objects", schema = "storage", record = new { bucket_id = "c3d-examples", name = key, metadata = new { size = new FileInfo(path).Length } }, old_record = (object?)null });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/storage/c3d-upload") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Webhook-Secret", "host-secret");

        using var response = await _client.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = answer.GetProperty("processing_id").GetGuid();

        JsonElement status = default;
        for (var i = 0; i < 300; i++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, $"/webhooks/storage/status/{id}?include=analysis");
            poll.Headers.Add("X-Webhook-Secret", "host-secret");
            using var polled = await _client.SendAsync(poll);
            status = await polled.Content.ReadFromJsonAsync<JsonElement>();
            if (status.GetProperty("status").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("has_analysis").GetBoolean());
        Assert.Equal(JsonValueKind.Object, status.GetProperty("analysis_results").GetProperty("analytics").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("processed_at").ValueKind);
    }
}
