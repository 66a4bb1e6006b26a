using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.Http;

public sealed class PostgresWebhookDatabase : IAsyncLifetime
{
    private readonly string _name = TestPostgres.NewDatabaseName("emgs_webhook");

    public string Spec { get; private set; } = "";

    public async Task InitializeAsync() => Spec = await WebhookTestServer.CreatePostgresAsync(_name);

    public Task DisposeAsync() => WebhookTestServer.DropPostgresAsync(_name);
}

public sealed class SqliteWebhookEndpointsTests : WebhookEndpointsTests
{
    protected override string? DatabaseSpec => null;
}

public sealed class PostgresWebhookEndpointsTests(PostgresWebhookDatabase database) : WebhookEndpointsTests, IClassFixture<PostgresWebhookDatabase>
{
    protected override string? DatabaseSpec => database.Spec;
}

/// <summary>The webhook over HTTP, every row of system.md §3.3 and every scheme of §3.2, on real Kestrel.</summary>
public abstract class WebhookEndpointsTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests";

    private readonly string _prefix = "P" + Random.Shared.Next(1000, 9_999_999).ToString(CultureInfo.InvariantCulture);
    private WebhookTestServer _server = null!;

    protected abstract string? DatabaseSpec { get; }

    public async Task InitializeAsync() => _server = await WebhookTestServer.StartAsync(Secret, DatabaseSpec);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static byte[] UniqueSample(string stem) =>
        File.ReadAllBytes(TestFiles.Sample(stem)).Concat(Guid.NewGuid().ToByteArray()).ToArray();

    private static string SupabaseBody(string type, string bucket, string name, long? size) =>
        JsonSerializer.Serialize(new
        {
            type,
            table = "objects",
            schema = "storage",
            record = new
            {
                id = Guid.NewGuid(),
                bucket_id = bucket,
                name,
                owner = (string?)null,
                created_at = "2025-03-10T11:46:30.12+00:00",
                updated_at = "2025-03-10T11:46:30.12+00:00",
                metadata = size is null ? null : new { size, mimetype = "application/octet-stream", eTag = "\"e\"" },
                path_tokens = name.Split('/'),
            },
            old_record = (object?)null,
        });

    private static HttpRequestMessage Post(string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/storage/c3d-upload")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static (string, string) Bearer => ("Authorization", "Bearer " + Secret);

    /// <summary>GET on the status route with the webhook's credential (or the given headers).</summary>
    private async Task<HttpResponseMessage> GetStatusAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers.Length == 0 ? [Bearer] : headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _server.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(string body, params (string Name, string Value)[] headers) =>
        _server.Client.SendAsync(Post(body, headers.Length == 0 ? [Bearer] : headers));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task An_upload_event_becomes_a_pending_session_that_the_status_route_shows()
    {
        var key = $"{_prefix}/session1/{TestFiles.Ghostly0881}.c3d";
        var bytes = UniqueSample(TestFiles.Ghostly0881);
        await _server.PutAsync(key, bytes);

        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, bytes.Length));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await JsonAsync(response);
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal("C3D file processing initiated", answer.GetProperty("message").GetString());
        var id = answer.GetProperty("processing_id").GetGuid();

        using var status = await GetStatusAsync($"/webhooks/storage/status/{id}");
        var body = await JsonAsync(status);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(id, body.GetProperty("processing_id").GetGuid());
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(key, body.GetProperty("file_path").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("processed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error_message").ValueKind);
        Assert.False(body.GetProperty("has_analysis").GetBoolean());
        Assert.Equal(0, body.GetProperty("cache_hits").GetInt32());
        Assert.False(body.TryGetProperty("analysis_results", out _));
        var session = await _server.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), session!.FileHash);
        Assert.Equal(_prefix, session.PatientId);
    }

    [Fact]
    public async Task Include_analysis_adds_the_cached_analysis_to_the_status()
    {
        var key = $"{_prefix}/s/{TestFiles.Ghostly0409}.c3d";
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0409));
        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null));
        var id = (await JsonAsync(response)).GetProperty("processing_id").GetGuid();

        using var before = await GetStatusAsync($"/webhooks/storage/status/{id}?include=analysis");
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(before)).GetProperty("analysis_results").ValueKind);

        // When Phase 2 has written the analytics cache (done here through the store, as the worker does).
        var job = await ClaimAsync(id);
        var cache = """{"analytics":{"CH1":{"rms":0.25}},"available_channels":["CH1"],"processing_version":"test"}""";
        Assert.True(await _server.Store.CompleteJobAsync(new SessionCompletion(id, "test-worker", cache, 12.5, "{}", null, null), CancellationToken.None));
        using var after = await GetStatusAsync($"/webhooks/storage/status/{id}?include=analysis");
        var body = await JsonAsync(after);

        Assert.NotNull(job);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("has_analysis").GetBoolean());
        Assert.Equal(0.25, body.GetProperty("analysis_results").GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(), 12);
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("processed_at").ValueKind);
    }

    private async Task<ClaimedJob?> ClaimAsync(Guid id)
    {
        // Other tests' jobs may be due in the same database: hold them until ours comes up, then give them back.
        var others = new List<Guid>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                var job = await _server.Store.ClaimJobAsync("test-worker", TimeSpan.FromMinutes(5), CancellationToken.None);
                if (job is null || job.SessionId == id)
                {
                    return job;
                }

                others.Add(job.JobId);
            }

            return null;
        }
        finally
        {
            foreach (var other in others)
            {
                await _server.Store.ReleaseJobAsync(other, "test-worker", CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task The_status_route_shows_nothing_of_a_session_to_a_caller_without_the_webhook_credential()
    {
        // Given a completed session with cached analytics.
        var key = $"{_prefix}/secret/{TestFiles.Ghostly0409}.c3d";
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0409));
        using var created = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null));
        var id = (await JsonAsync(created)).GetProperty("processing_id").GetGuid();
        Assert.NotNull(await ClaimAsync(id));
        var cache = """{"analytics":{"CH1":{"rms":0.25}},"available_channels":["CH1"],"processing_version":"test"}""";
        Assert.True(await _server.Store.CompleteJobAsync(new SessionCompletion(id, "test-worker", cache, 12.5, "{}", null, null), CancellationToken.None));

        // When it is asked for without a credential, with a wrong one, and with the webhook's secret header.
        using var anonymous = await _server.Client.GetAsync($"/webhooks/storage/status/{id}?include=analysis");
        using var wrong = await GetStatusAsync($"/webhooks/storage/status/{id}?include=analysis", ("Authorization", "Bearer not-the-secret"));
        using var sender = await GetStatusAsync($"/webhooks/storage/status/{id}?include=analysis", ("X-Webhook-Secret", Secret));

        // Then only the sender sees it; the others get a 401 that names the accepted credentials and nothing else.
        foreach (var refused in new[] { anonymous, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain("rms", text, StringComparison.Ordinal);
            Assert.DoesNotContain("completed", text, StringComparison.Ordinal);
            Assert.Contains("X-Webhook-Secret", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, sender.StatusCode);
        Assert.Equal(0.25, (await JsonAsync(sender)).GetProperty("analysis_results").GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(), 12);
    }

    [Fact]
    public async Task The_status_route_of_a_server_with_api_keys_and_no_webhook_secret_requires_an_api_key()
    {
        // Given a server with API keys but no webhook secret, and one of its sessions.
        await using var server = await WebhookTestServer.StartAsync(null, DatabaseSpec, settings: new Dictionary<string, string?> { ["Server:ApiKeys"] = "key-one,key-two" });
        var key = $"{_prefix}/keys/{TestFiles.Ghostly0409}.c3d";
        await server.PutAsync(key, UniqueSample(TestFiles.Ghostly0409));
        using var created = await server.Client.SendAsync(Post(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null)));
        var id = (await JsonAsync(created)).GetProperty("processing_id").GetGuid();

        // When the status is asked for on loopback without a key, and with the second key.
        using var anonymous = await server.Client.GetAsync($"/webhooks/storage/status/{id}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/webhooks/storage/status/{id}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer key-two");
        using var keyed = await server.Client.SendAsync(request);

        // Then loopback alone is not enough once keys exist; the key is.
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain(key, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(key, (await JsonAsync(keyed)).GetProperty("file_path").GetString());
    }

    [Fact]
    public async Task A_key_with_a_300_character_segment_is_a_422_that_names_the_problem_and_no_server_path()
    {
        var key = $"{_prefix}/{new string('a', 300)}.c3d";

        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, 1000));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("longer than 255 bytes", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Root, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_route_answers_400_for_a_malformed_id_and_404_for_an_unknown_one()
    {
        using var malformed = await GetStatusAsync("/webhooks/storage/status/not-a-uuid");
        using var unknown = await GetStatusAsync($"/webhooks/storage/status/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(404, (await JsonAsync(unknown)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_problem()
    {
        using var response = await SendAsync("this is not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Json_of_neither_format_is_a_422_problem_naming_the_fields()
    {
        using var response = await SendAsync("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples"}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.Equal(422, body.GetProperty("status").GetInt32());
        Assert.True(body.GetProperty("errors").TryGetProperty("record.name", out _));
    }

    [Fact]
    public async Task An_unsafe_key_is_a_422_problem()
    {
        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, "../../etc/passwd.c3d", 10));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("TRUNCATE")]
    public async Task Events_we_do_not_handle_are_acknowledged_and_ignored(string type)
    {
        using var response = await SendAsync(SupabaseBody(type, WebhookTestServer.Bucket, $"{_prefix}/a.c3d", 10));

        var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal($"Ignoring event type: {type}", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_non_c3d_file_is_acknowledged_and_ignored()
    {
        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, $"{_prefix}/notes.txt", 10));

        var body = await JsonAsync(response);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal($"Ignoring non-C3D file: {_prefix}/notes.txt", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unknown_bucket_is_refused_with_success_false()
    {
        using var response = await SendAsync(SupabaseBody("INSERT", "avatars", $"{_prefix}/a.c3d", 10));

        var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("Invalid bucket: avatars", body.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(50L * 1024 * 1024 + 1)]
    public async Task An_announced_size_of_zero_or_above_the_limit_is_refused_and_nothing_stored(long size)
    {
        var key = $"{_prefix}/sized/{size}.c3d";
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0823));

        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, size));

        Assert.False((await JsonAsync(response)).GetProperty("success").GetBoolean());
        Assert.Null(await _server.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_object_without_an_announced_size_is_refused_and_nothing_stored()
    {
        var key = $"{_prefix}/empty.c3d";
        await _server.PutAsync(key, []);

        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null));

        var body = await JsonAsync(response);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.StartsWith("Empty file", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await _server.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_object_is_reported_with_success_false_not_a_retry()
    {
        using var response = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, $"{_prefix}/never-uploaded.c3d", 100));

        var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Contains("not found", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_legacy_format_is_accepted_too()
    {
        var key = $"{_prefix}/legacy/{TestFiles.Ghostly0409}.c3d";
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0409));
        var body = JsonSerializer.Serialize(new { eventType = "ObjectCreated:Post", bucket = WebhookTestServer.Bucket, objectName = key, objectSize = 5, contentType = "application/octet-stream", timestamp = "2025-01-01T00:00:00Z" });

        using var response = await SendAsync(body);

        Assert.True((await JsonAsync(response)).GetProperty("success").GetBoolean());
        Assert.NotNull(await _server.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_duplicate_deliveries_give_one_session()
    {
        var key = $"{_prefix}/dup/{TestFiles.Ghostly0823}.c3d";
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0823));
        var body = SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(body)));
        var answers = await Task.WhenAll(responses.Select(JsonAsync));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(answers.Select(a => a.GetProperty("processing_id").GetGuid()).Distinct());
        Assert.Equal(1, answers.Count(a => a.GetProperty("outcome").GetString() == "created"));
        Assert.Equal(1, (await _server.Store.ListSessionsAsync(new SessionQuery(PatientId: _prefix), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task The_same_content_under_another_path_answers_with_the_original_session()
    {
        var bytes = UniqueSample(TestFiles.Ghostly0409);
        var original = $"{_prefix}/a/{TestFiles.Ghostly0409}.c3d";
        var copy = $"{_prefix}/b/{TestFiles.Ghostly0409}.c3d";
        await _server.PutAsync(original, bytes);
        await _server.PutAsync(copy, bytes);
        using var first = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, original, bytes.Length));

        using var second = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, copy, bytes.Length));

        var a = await JsonAsync(first);
        var b = await JsonAsync(second);
        Assert.Equal(a.GetProperty("processing_id").GetGuid(), b.GetProperty("processing_id").GetGuid());
        Assert.True(b.GetProperty("success").GetBoolean());
        Assert.Equal($"Duplicate file detected: same content as {original}", b.GetProperty("message").GetString());
        Assert.Equal(original, b.GetProperty("original_path").GetString());
    }

    [Fact]
    public async Task An_update_event_with_new_bytes_reprocesses_the_session()
    {
        var key = $"{_prefix}/upd/{TestFiles.Ghostly0881}.c3d";
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0881));
        using var first = await SendAsync(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null));
        await _server.PutAsync(key, UniqueSample(TestFiles.Ghostly0823));

        using var second = await SendAsync(SupabaseBody("UPDATE", WebhookTestServer.Bucket, key, null));

        var answer = await JsonAsync(second);
        Assert.Equal((await JsonAsync(first)).GetProperty("processing_id").GetGuid(), answer.GetProperty("processing_id").GetGuid());
        Assert.Equal("overwritten", answer.GetProperty("outcome").GetString());
        Assert.Equal("reprocessing", (await _server.Store.FindByPathAsync(key, CancellationToken.None))!.ProcessingStatus);
    }

    [Fact]
    public async Task A_body_above_one_mebibyte_is_a_413_problem()
    {
        var huge = "{\"pad\":\"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await SendAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_chunked_body_above_one_mebibyte_is_a_413_problem_too()
    {
        var request = Post("x", Bearer);
        request.Content = new StreamContent(new MemoryStream(new byte[(1024 * 1024) + 10]));
        request.Headers.TransferEncodingChunked = true;

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    // ---- authentication ----

    [Fact]
    public async Task Without_a_credential_the_webhook_is_401_and_nothing_is_parsed()
    {
        using var missing = await _server.Client.SendAsync(Post("not even json"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Authorization", "Bearer wrong")]
    [InlineData("X-Webhook-Secret", "wrong")]
    [InlineData("X-Webhook-Signature", "sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task A_wrong_credential_is_401(string header, string value)
    {
        using var response = await _server.Client.SendAsync(Post(SupabaseBody("DELETE", "b", "a.c3d", 1), (header, value)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_secret_header_and_the_hex_signature_authenticate()
    {
        var body = SupabaseBody("DELETE", "b", "a.c3d", 1);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

        using var secretHeader = await _server.Client.SendAsync(Post(body, ("X-Webhook-Secret", Secret)));
        using var signed = await _server.Client.SendAsync(Post(body, ("X-Webhook-Signature", signature)));

        Assert.Equal(HttpStatusCode.OK, secretHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    private static (string, string)[] StandardWebhook(string id, DateTimeOffset sentAt, string body, string secret = Secret)
    {
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + Convert.ToBase64String(mac))];
    }

    [Fact]
    public async Task Standard_webhooks_are_accepted_once_and_refused_when_replayed_expired_or_wrong()
    {
        var body = SupabaseBody("DELETE", "b", "a.c3d", 1);
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var headers = StandardWebhook(id, DateTimeOffset.UtcNow, body);

        using var valid = await _server.Client.SendAsync(Post(body, headers));
        using var replayed = await _server.Client.SendAsync(Post(body, headers));
        using var expired = await _server.Client.SendAsync(Post(body, StandardWebhook("msg_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddMinutes(-6), body)));
        using var wrong = await _server.Client.SendAsync(Post(body, StandardWebhook("msg_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, body, "other")));

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("already", (await JsonAsync(replayed)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("window", (await JsonAsync(expired)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    // ---- outages and hang-ups ----

    [Fact]
    public async Task Storage_down_gives_503_with_retry_after_and_a_later_reconciler_pass_ingests_the_object()
    {
        // Given a Supabase-shaped storage that is down (nothing listens on its port) during the webhook.
        var folder = Path.Combine(Path.GetTempPath(), "emgs-bucket-" + Guid.NewGuid().ToString("N"));
        await using var storageServer = new WebhookStorageServer(folder);
        await using var server = await WebhookTestServer.StartAsync(Secret, DatabaseSpec, _ => new SupabaseStorage(
            new HttpClient(), storageServer.BaseUrl, WebhookStorageServer.Key, TimeSpan.FromSeconds(5), 100,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SupabaseStorage>.Instance, ownsClient: true));
        var key = $"{_prefix}/outage/{TestFiles.Ghostly0881}.c3d";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, WebhookTestServer.Bucket, key))!);
        await File.WriteAllBytesAsync(Path.Combine(folder, WebhookTestServer.Bucket, key), UniqueSample(TestFiles.Ghostly0881));

        using var response = await server.Client.SendAsync(Post(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null), Bearer));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await server.Store.FindByPathAsync(key, CancellationToken.None));

        // When the storage is back and the reconciler runs.
        await storageServer.StartAsync();
        var report = await server.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);

        Assert.True(report.Ingested >= 1);
        var session = await server.Store.FindByPathAsync(key, CancellationToken.None);
        Assert.NotNull(session);
        Assert.Equal("pending", session.ProcessingStatus);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_standard_webhook_retried_after_a_503_with_the_same_id_is_accepted_and_a_replay_after_success_is_refused()
    {
        // Given a Supabase-shaped storage that is down during the first delivery.
        var folder = Path.Combine(Path.GetTempPath(), "emgs-bucket-" + Guid.NewGuid().ToString("N"));
        await using var storageServer = new WebhookStorageServer(folder);
        await using var server = await WebhookTestServer.StartAsync(Secret, DatabaseSpec, _ => new SupabaseStorage(
            new HttpClient(), storageServer.BaseUrl, WebhookStorageServer.Key, TimeSpan.FromSeconds(5), 100,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SupabaseStorage>.Instance, ownsClient: true));
        var key = $"{_prefix}/retry/{TestFiles.Ghostly0881}.c3d";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, WebhookTestServer.Bucket, key))!);
        await File.WriteAllBytesAsync(Path.Combine(folder, WebhookTestServer.Bucket, key), UniqueSample(TestFiles.Ghostly0881));
        var body = SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null);
        var id = "msg_" + Guid.NewGuid().ToString("N");

        using var unavailable = await server.Client.SendAsync(Post(body, StandardWebhook(id, DateTimeOffset.UtcNow.AddSeconds(-30), body)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        var detail = (await JsonAsync(unavailable)).GetProperty("detail").GetString()!;
        Assert.EndsWith(". The reconciler will pick the object up.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("..", detail, StringComparison.Ordinal);

        // When the storage is back and the sender retries the same delivery (same id, a fresh timestamp and signature).
        await storageServer.StartAsync();
        var retry = StandardWebhook(id, DateTimeOffset.UtcNow, body);
        using var retried = await server.Client.SendAsync(Post(body, retry));
        using var replayed = await server.Client.SendAsync(Post(body, retry));

        // Then the retry is accepted and creates the session; the same delivery once more is a replay.
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var answer = await JsonAsync(retried);
        Assert.True(answer.GetProperty("success").GetBoolean());
        var session = await server.Store.FindByPathAsync(key, CancellationToken.None);
        Assert.NotNull(session);
        Assert.Equal(session.Id, answer.GetProperty("processing_id").GetGuid());
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("already", (await JsonAsync(replayed)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Phase_1_completes_even_when_the_caller_hangs_up()
    {
        // Given a storage that takes 1.5 s to send the object, and a caller that gives up after 0.3 s (as Supabase does after ~1 s).
        var folder = Path.Combine(Path.GetTempPath(), "emgs-bucket-" + Guid.NewGuid().ToString("N"));
        await using var storageServer = new WebhookStorageServer(folder) { DownloadDelay = TimeSpan.FromSeconds(1.5) };
        await storageServer.StartAsync();
        await using var server = await WebhookTestServer.StartAsync(Secret, DatabaseSpec, _ => new SupabaseStorage(
            new HttpClient(), storageServer.BaseUrl, WebhookStorageServer.Key, TimeSpan.FromSeconds(10), 100,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SupabaseStorage>.Instance, ownsClient: true));
        var key = $"{_prefix}/hangup/{TestFiles.Ghostly0409}.c3d";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, WebhookTestServer.Bucket, key))!);
        await File.WriteAllBytesAsync(Path.Combine(folder, WebhookTestServer.Bucket, key), UniqueSample(TestFiles.Ghostly0409));

        using (var impatient = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) })
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(Post(SupabaseBody("INSERT", WebhookTestServer.Bucket, key, null), Bearer)));
        }

        SessionRecord? session = null;
        for (var i = 0; i < 100 && session is null; i++)
        {
            await Task.Delay(100);
            session = await server.Store.FindByPathAsync(key, CancellationToken.None);
        }

        Assert.NotNull(session);
        Assert.Equal("pending", session.ProcessingStatus);
        Directory.Delete(folder, recursive: true);
    }
}
