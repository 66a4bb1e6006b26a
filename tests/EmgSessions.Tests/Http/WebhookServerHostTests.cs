using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.Testing;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http;

/// <summary>The webhook inside the real server host (ServerHost: store, storage, ingestion, workers, reconciler).</summary>
public sealed class WebhookServerHostTests : IAsyncLifetime
{
    private EndToEndServer _server = null!;

    public async Task InitializeAsync() => _server = await EndToEndServer.StartAsync(null, new Dictionary<string, string?>
    {
        ["Webhook:Secret"] = "host-secret",
        ["Workers:Count"] = "1",
        ["Server:Reconciler"] = "true",
        ["Reconciler:InitialDelay"] = "01:00:00",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_webhook_to_the_server_host_ends_in_a_completed_session_with_its_analysis()
    {
        var key = $"P005/session1/{TestFiles.Ghostly0881}.c3d";
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881));
        await _server.PutAsync(key, bytes);
        var body = JsonSerializer.Serialize(new { type = "INSERT", table = "objects", schema = "storage", record = new { bucket_id = "c3d-examples", name = key, metadata = new { size = bytes.Length } }, old_record = (object?)null });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/storage/c3d-upload") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Webhook-Secret", "host-secret");

        using var response = await _server.Client.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = answer.GetProperty("processing_id").GetGuid();

        JsonElement status = default;
        for (var i = 0; i < 300; i++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, $"/webhooks/storage/status/{id}?include=analysis");
            poll.Headers.Add("X-Webhook-Secret", "host-secret");
            using var polled = await _server.Client.SendAsync(poll);
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
