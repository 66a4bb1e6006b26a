using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http;

/// <summary>The OpenAPI document describes what the API really takes and returns.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_names_the_credentials_the_upload_body_and_the_analytics_answer()
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });

        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        // Security schemes, and which routes take which.
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("api_key").GetProperty("scheme").GetString());
        Assert.Equal("X-Webhook-Secret", schemes.GetProperty("webhook_secret").GetProperty("name").GetString());
        Assert.Equal("X-Webhook-Signature", schemes.GetProperty("webhook_signature").GetProperty("name").GetString());
        var paths = document.GetProperty("paths");
        Assert.Equal(["api_key"], Schemes(paths.GetProperty("/api/sessions").GetProperty("get")));
        Assert.Equal(["api_key"], Schemes(paths.GetProperty("/upload").GetProperty("post")));
        Assert.Equal(["webhook_secret", "webhook_signature"], Schemes(paths.GetProperty("/webhooks/storage/c3d-upload").GetProperty("post")));
        Assert.Equal(["api_key", "webhook_secret", "webhook_signature"], Schemes(paths.GetProperty("/webhooks/storage/status/{id}").GetProperty("get")));
        var health = paths.EnumerateObject().Where(p => p.Name.StartsWith("/health", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(health);
        Assert.All(health, p => Assert.False(p.Value.GetProperty("get").TryGetProperty("security", out _)));

        // The multipart body of /upload, and its answers.
        var upload = paths.GetProperty("/upload").GetProperty("post");
        var form = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("binary", form.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        Assert.Equal("boolean", form.GetProperty("properties").GetProperty("include_signals").GetProperty("type").GetString());
        Assert.Equal(["file"], form.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        foreach (var status in new[] { "200", "400", "413", "429" })
        {
            Assert.True(upload.GetProperty("responses").TryGetProperty(status, out _), status);
        }

        // The analytics answer: per-channel metrics.
        var analytics = paths.GetProperty("/api/sessions/{id}/analytics").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var channel = analytics.GetProperty("properties").GetProperty("analytics").GetProperty("additionalProperties");
        Assert.True(channel.GetProperty("properties").TryGetProperty("rms", out _));
        Assert.True(channel.GetProperty("properties").TryGetProperty("contraction_count", out _));
    }

    private static List<string> Schemes(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal)];
}
