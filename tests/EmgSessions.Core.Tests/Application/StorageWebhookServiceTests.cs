using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Application.Webhooks;
using EmgSessions.Core.Database;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Ingestion;
using EmgSessions.Core.Webhooks;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Options = Microsoft.Extensions.Options.Options;

namespace EmgSessions.Core.Tests.Application;

public sealed class SqliteStorageWebhookServiceTests(SqliteIngestionDatabase database)
    : StorageWebhookServiceTests(database), IClassFixture<SqliteIngestionDatabase>;

public sealed class PostgresStorageWebhookServiceTests(PostgresIngestionDatabase database)
    : StorageWebhookServiceTests(database), IClassFixture<PostgresIngestionDatabase>;

/// <summary>
/// The webhook's whole decision without HTTP, on a real store and real storage: every <see cref="WebhookOutcome"/>
/// is reachable, and a delivery that did not complete is forgotten so that its retry is accepted.
/// </summary>
public abstract class StorageWebhookServiceTests(IngestionDatabase database) : IDisposable
{
    private const string Secret = "webhook-secret-for-service-tests";

    private readonly string _prefix = "P" + Random.Shared.Next(1000, 9_999_999).ToString(CultureInfo.InvariantCulture);
    private readonly IngestionHarness _harness = new(database.Store, new WebhookOptions { Secret = Secret });

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task An_authenticated_upload_event_is_accepted_and_creates_a_pending_session()
    {
        var key = $"{_prefix}/session1/{TestFiles.Ghostly0409}.c3d";
        await _harness.PutBytesAsync(key, UniqueSample());

        var outcome = await Service().ReceiveAsync(Delivery(Body(key), Bearer), CancellationToken.None);

        var accepted = Assert.IsType<WebhookOutcome.Accepted>(outcome);
        Assert.Equal("created", accepted.Ingestion);
        Assert.Null(accepted.OriginalPath);
        var session = await database.Store.GetSessionAsync(accepted.SessionId, CancellationToken.None);
        Assert.Equal(key, session!.FilePath);
        Assert.Equal(SessionStatus.Pending, session.ProcessingStatus);
    }

    [Fact]
    public async Task The_same_event_again_is_already_registered_and_the_same_bytes_elsewhere_are_a_duplicate_naming_the_original()
    {
        var bytes = UniqueSample();
        var first = $"{_prefix}/session1/first.c3d";
        var second = $"{_prefix}/session2/second.c3d";
        await _harness.PutBytesAsync(first, bytes);
        await _harness.PutBytesAsync(second, bytes);
        var service = Service();

        var created = Assert.IsType<WebhookOutcome.Accepted>(await service.ReceiveAsync(Delivery(Body(first), Bearer), CancellationToken.None));
        var again = Assert.IsType<WebhookOutcome.Accepted>(await service.ReceiveAsync(Delivery(Body(first), Bearer), CancellationToken.None));
        var duplicate = Assert.IsType<WebhookOutcome.Accepted>(await service.ReceiveAsync(Delivery(Body(second), Bearer), CancellationToken.None));

        Assert.Equal("already_registered", again.Ingestion);
        Assert.Equal(created.SessionId, again.SessionId);
        Assert.Equal("duplicate_content", duplicate.Ingestion);
        Assert.Equal(created.SessionId, duplicate.SessionId);
        Assert.Equal(first, duplicate.OriginalPath);
        Assert.Null(await database.Store.FindByPathAsync(second, CancellationToken.None));
    }

    [Theory]
    [InlineData("Authorization", "Bearer not-the-secret", WebhookAuthOutcome.Invalid)]
    [InlineData("X-Webhook-Signature", "sha256=00", WebhookAuthOutcome.Invalid)]
    [InlineData("X-Unrelated", "x", WebhookAuthOutcome.Missing)]
    public async Task A_wrong_or_missing_credential_is_unauthorized_and_nothing_is_stored(string header, string value, WebhookAuthOutcome reason)
    {
        var key = $"{_prefix}/session1/unauthorized.c3d";
        await _harness.PutBytesAsync(key, UniqueSample());

        var outcome = await Service().ReceiveAsync(Delivery(Body(key), (header, value)), CancellationToken.None);

        Assert.Equal(new WebhookOutcome.Unauthorized(reason), outcome);
        Assert.Null(await database.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_configured_secret_only_a_loopback_delivery_is_accepted()
    {
        var key = $"{_prefix}/session1/open.c3d";
        await _harness.PutBytesAsync(key, UniqueSample());
        var service = Service(new WebhookOptions());

        var remote = await service.ReceiveAsync(Delivery(Body(key), fromLoopback: false), CancellationToken.None);
        var loopback = await service.ReceiveAsync(Delivery(Body(key), fromLoopback: true), CancellationToken.None);

        Assert.Equal(new WebhookOutcome.Unauthorized(WebhookAuthOutcome.Missing), remote);
        Assert.Equal("created", Assert.IsType<WebhookOutcome.Accepted>(loopback).Ingestion);
    }

    [Fact]
    public async Task A_replayed_standard_webhook_is_unauthorized()
    {
        var body = Body($"{_prefix}/s/a.c3d", type: "DELETE");
        var headers = StandardWebhook("msg_" + Guid.NewGuid().ToString("N"), body);
        var service = Service();

        var first = await service.ReceiveAsync(Delivery(body, headers), CancellationToken.None);
        var replay = await service.ReceiveAsync(Delivery(body, headers), CancellationToken.None);

        Assert.IsType<WebhookOutcome.Ignored>(first);
        Assert.Equal(new WebhookOutcome.Unauthorized(WebhookAuthOutcome.Replayed), replay);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_malformed()
    {
        var outcome = await Service().ReceiveAsync(Delivery("this is not json", Bearer), CancellationToken.None);

        Assert.IsType<WebhookOutcome.Malformed>(outcome);
    }

    [Fact]
    public async Task Json_of_neither_format_is_invalid_and_names_the_missing_field()
    {
        var outcome = await Service().ReceiveAsync(
            Delivery("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples"}}""", Bearer), CancellationToken.None);

        Assert.Contains("record.name", Assert.IsType<WebhookOutcome.Invalid>(outcome).Errors.Keys);
    }

    [Fact]
    public async Task A_key_that_breaks_the_key_rules_is_invalid_and_names_the_key()
    {
        var outcome = await Service().ReceiveAsync(Delivery(Body($"{_prefix}/{new string('a', 300)}.c3d"), Bearer), CancellationToken.None);

        var invalid = Assert.IsType<WebhookOutcome.Invalid>(outcome);
        Assert.Contains(invalid.Errors.Keys, k => k.EndsWith("name", StringComparison.Ordinal) || k == "key");
        Assert.Contains("255", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_above_the_limit_is_too_large_whether_announced_or_counted()
    {
        var options = new WebhookOptions { Secret = Secret, MaxBodyBytes = 64 };
        var service = Service(options);
        var body = new string(' ', 65);

        var counted = await service.ReceiveAsync(Delivery(body, Bearer) with { DeclaredLength = null }, CancellationToken.None);
        var announced = await service.ReceiveAsync(Delivery("", Bearer) with { DeclaredLength = 65, Body = new UnreadableStream() }, CancellationToken.None);
        var atTheLimit = await service.ReceiveAsync(Delivery(new string(' ', 64), Bearer), CancellationToken.None);

        Assert.Equal(new WebhookOutcome.TooLarge(64), counted);
        Assert.Equal(new WebhookOutcome.TooLarge(64), announced);
        Assert.IsType<WebhookOutcome.Malformed>(atTheLimit);
    }

    [Fact]
    public async Task A_delete_is_ignored_and_an_unknown_bucket_or_a_missing_object_is_refused()
    {
        var service = Service();

        var ignored = await service.ReceiveAsync(Delivery(Body($"{_prefix}/s/a.c3d", type: "DELETE"), Bearer), CancellationToken.None);
        var bucket = await service.ReceiveAsync(Delivery(Body($"{_prefix}/s/a.c3d", bucket: "elsewhere"), Bearer), CancellationToken.None);
        var missing = await service.ReceiveAsync(Delivery(Body($"{_prefix}/s/missing.c3d"), Bearer), CancellationToken.None);

        Assert.StartsWith("Ignoring event type", Assert.IsType<WebhookOutcome.Ignored>(ignored).Message, StringComparison.Ordinal);
        var refusedBucket = Assert.IsType<WebhookOutcome.Refused>(bucket);
        Assert.Equal("Invalid bucket: elsewhere", refusedBucket.Message);
        Assert.Null(refusedBucket.Ingestion);
        Assert.Equal("object_not_found", Assert.IsType<WebhookOutcome.Refused>(missing).Ingestion);
    }

    [Fact]
    public async Task Storage_down_is_unavailable_and_the_standard_webhook_id_is_forgotten_so_the_retry_is_accepted()
    {
        // Given a Supabase-shaped storage where nothing listens, then the same delivery once the object is reachable.
        var key = $"{_prefix}/session1/retried.c3d";
        var body = Body(key);
        var headers = StandardWebhook("msg_" + Guid.NewGuid().ToString("N"), body);
        using var http = new HttpClient();
        var down = new SupabaseStorage(http, new Uri("http://127.0.0.1:1"), "k", TimeSpan.FromSeconds(5), 10, NullLogger<SupabaseStorage>.Instance);
        await _harness.PutBytesAsync(key, UniqueSample());

        var unavailable = await Service(storage: down).ReceiveAsync(Delivery(body, headers), CancellationToken.None);
        var retried = await Service().ReceiveAsync(Delivery(body, headers), CancellationToken.None);

        Assert.Contains("reconciler will pick the object up", Assert.IsType<WebhookOutcome.Unavailable>(unavailable).Message, StringComparison.Ordinal);
        Assert.Equal("created", Assert.IsType<WebhookOutcome.Accepted>(retried).Ingestion);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_unavailable()
    {
        // Given a PostgreSQL address where nothing listens.
        const string spec = "Host=127.0.0.1;Port=1;Username=emgs;Password=emgs;Database=emgs;Timeout=2";
        await using var dead = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        using var harness = new IngestionHarness(dead, new WebhookOptions { Secret = Secret });
        var key = $"{_prefix}/session1/nodb.c3d";
        await harness.PutBytesAsync(key, UniqueSample());
        var service = new StorageWebhookService(
            new WebhookAuthenticator(Options.Create(harness.Options), new WebhookReplayCache(), TimeProvider.System, dead),
            harness.Ingestor, Options.Create(harness.Options), NullLogger<StorageWebhookService>.Instance);

        var bearer = await service.ReceiveAsync(Delivery(Body(key), Bearer), CancellationToken.None);
        var body = Body(key);
        var standard = await service.ReceiveAsync(Delivery(body, StandardWebhook("msg_" + Guid.NewGuid().ToString("N"), body)), CancellationToken.None);

        Assert.StartsWith("Database unavailable", Assert.IsType<WebhookOutcome.Unavailable>(bearer).Message, StringComparison.Ordinal);
        Assert.StartsWith("The database is unavailable", Assert.IsType<WebhookOutcome.Unavailable>(standard).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database unavailable: gone", "Database unavailable: gone. Later.")]
    [InlineData("Storage down.", "Storage down. Later.")]
    [InlineData("  ", "Later.")]
    public void Sentences_are_joined_with_one_period(string first, string expected) =>
        Assert.Equal(expected, StorageWebhookService.JoinSentences(first, "Later."));

    private static (string, string) Bearer => ("Authorization", "Bearer " + Secret);

    private StorageWebhookService Service(WebhookOptions? options = null, IObjectStorage? storage = null)
    {
        var settings = Options.Create(options ?? _harness.Options);
        var ingestor = storage is null && options is null ? _harness.Ingestor
            : new Sessions.Ingestion.SessionIngestor(storage ?? _harness.Storage, database.Store, _harness.Spool, settings, NullLogger<Sessions.Ingestion.SessionIngestor>.Instance);
        return new StorageWebhookService(
            new WebhookAuthenticator(settings, SharedReplayCache, TimeProvider.System, database.Store),
            ingestor, settings, NullLogger<StorageWebhookService>.Instance);
    }

    private WebhookReplayCache SharedReplayCache { get; } = new();

    private static WebhookDelivery Delivery(string body, params (string Name, string Value)[] headers) => Delivery(body, fromLoopback: false, headers);

    private static WebhookDelivery Delivery(string body, bool fromLoopback, params (string Name, string Value)[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookDelivery(
            name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault(),
            new MemoryStream(bytes),
            bytes.Length,
            fromLoopback,
            "192.0.2.1");
    }

    private static (string, string)[] StandardWebhook(string id, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + Convert.ToBase64String(mac))];
    }

    private static string Body(string key, string type = "INSERT", string bucket = IngestionHarness.Bucket) =>
        JsonSerializer.Serialize(new
        {
            type,
            table = "objects",
            schema = "storage",
            record = new { id = Guid.NewGuid(), bucket_id = bucket, name = key, metadata = new { mimetype = "application/octet-stream" } },
            old_record = (object?)null,
        });

    private static byte[] UniqueSample() =>
        [.. File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409)), .. Guid.NewGuid().ToByteArray()];

    /// <summary>A body that fails the test if anyone reads it: an announced length above the limit must be refused unread.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body was read although its announced length is above the limit.");
    }
}
