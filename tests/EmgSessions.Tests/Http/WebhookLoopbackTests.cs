using System.Net;
using System.Text;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Http;

public sealed class WebhookLoopbackTests
{
    [Fact]
    public async Task Without_a_configured_secret_a_loopback_server_accepts_unauthenticated_webhooks()
    {
        await using var server = await WebhookTestServer.StartAsync(secret: null);
        var key = $"P42/s/{TestFiles.Ghostly0823}.c3d";
        await server.PutAsync(key, await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0823)));
        var body = $$"""{"eventType":"storage-object-created","bucket":"c3d-examples","objectName":"{{key}}"}""";

        using var response = await server.Client.PostAsync("/webhooks/storage/c3d-upload", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await server.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Configured_buckets_replace_the_default_list()
    {
        await using var server = await WebhookTestServer.StartAsync(secret: null, settings: new Dictionary<string, string?> { ["Webhook:AcceptedBuckets:0"] = "clinic-b" });
        var body = """{"eventType":"storage-object-created","bucket":"c3d-examples","objectName":"P1/a.c3d","objectSize":10}""";

        using var response = await server.Client.PostAsync("/webhooks/storage/c3d-upload", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains("Invalid bucket: c3d-examples", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
