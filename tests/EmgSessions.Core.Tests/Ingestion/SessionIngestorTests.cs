using System.Security.Cryptography;
using System.Text.Json;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Storage;
using EmgSessions.Core.Webhooks;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Ingestion;

public sealed class SqliteSessionIngestorTests(SqliteIngestionDatabase database) : SessionIngestorTests(database), IClassFixture<SqliteIngestionDatabase>;

public sealed class PostgresSessionIngestorTests(PostgresIngestionDatabase database) : SessionIngestorTests(database), IClassFixture<PostgresIngestionDatabase>;

/// <summary>Phase 1 with real samples, a local bucket and a real database; each test uses its own keys.</summary>
public abstract class SessionIngestorTests : IDisposable
{
    private readonly IngestionDatabase _database;
    private readonly IngestionHarness _harness;
    private readonly string _prefix = "P" + Random.Shared.Next(100, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected SessionIngestorTests(IngestionDatabase database)
    {
        _database = database;
        _harness = new IngestionHarness(database.Store);
    }

    public void Dispose() => _harness.Dispose();

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>Bytes no other test uses, so content-duplicate detection across tests cannot interfere.</summary>
    private static byte[] UniqueSampleBytes(string stem)
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(stem)).Concat(Guid.NewGuid().ToByteArray()).ToArray();
        return bytes;
    }

    [Fact]
    public async Task A_new_object_becomes_a_pending_session_with_its_job_and_path_metadata()
    {
        var key = $"{_prefix}/session1/{TestFiles.Ghostly0881}.c3d";
        var bytes = UniqueSampleBytes(TestFiles.Ghostly0881);
        await _harness.PutBytesAsync(key, bytes);

        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        Assert.Equal(IngestionStatus.Created, result.Status);
        Assert.Equal(IngestionResult.ProcessingInitiated, result.Message);
        var session = await _database.Store.GetSessionAsync(result.SessionId!.Value, CancellationToken.None);
        Assert.NotNull(session);
        Assert.Equal(key, session.FilePath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), session.FileHash);
        Assert.Equal(bytes.Length, session.FileSizeBytes);
        Assert.Equal(TestFiles.Ghostly0881 + ".c3d", session.OriginalFilename);
        Assert.Equal(_prefix, session.PatientId);
        Assert.Equal("session1", session.SessionCode);
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero), session.SessionDate);
        Assert.Equal(SessionStatus.Pending, session.ProcessingStatus);
        Assert.Null(session.Technical);
        Assert.True(_harness.Spool.Contains(session.FileHash));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_harness.Spool.PathOf(session.FileHash)));
    }

    [Fact]
    public async Task A_first_folder_that_is_not_a_patient_code_is_kept_as_a_hint()
    {
        var key = $"clinic-{_prefix}/{TestFiles.Ghostly0409}.c3d";
        await _harness.PutBytesAsync(key, UniqueSampleBytes(TestFiles.Ghostly0409));

        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        var session = (await _database.Store.GetSessionAsync(result.SessionId!.Value, CancellationToken.None))!;
        Assert.Null(session.PatientId);
        Assert.Null(session.SessionCode);
        using var metadata = JsonDocument.Parse(session.GameMetadataJson);
        Assert.Equal($"clinic-{_prefix}", metadata.RootElement.GetProperty("path_patient_hint").GetString());
    }

    [Fact]
    public async Task A_repeated_delivery_answers_with_the_same_session_and_changes_nothing()
    {
        var key = $"{_prefix}/s/{TestFiles.Ghostly0409}.c3d";
        await _harness.PutBytesAsync(key, UniqueSampleBytes(TestFiles.Ghostly0409));
        var first = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);
        var before = await _database.Store.GetSessionAsync(first.SessionId!.Value, CancellationToken.None);

        var second = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        Assert.Equal(IngestionStatus.AlreadyRegistered, second.Status);
        Assert.Equal(first.SessionId, second.SessionId);
        var after = await _database.Store.GetSessionAsync(first.SessionId.Value, CancellationToken.None);
        Assert.Equal(before!.UpdatedAt, after!.UpdatedAt);
        Assert.Equal(before.CacheHits, after.CacheHits);
    }

    [Fact]
    public async Task Known_content_under_another_path_answers_with_the_original_and_counts_a_hit()
    {
        var original = $"{_prefix}/s1/{TestFiles.Ghostly0823}.c3d";
        var copy = $"{_prefix}/s2/copy-of-{TestFiles.Ghostly0823}.c3d";
        var bytes = UniqueSampleBytes(TestFiles.Ghostly0823);
        await _harness.PutBytesAsync(original, bytes);
        await _harness.PutBytesAsync(copy, bytes);
        var first = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, original, CancellationToken.None);

        var duplicate = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, copy, CancellationToken.None);

        Assert.Equal(IngestionStatus.DuplicateContent, duplicate.Status);
        Assert.Equal(first.SessionId, duplicate.SessionId);
        Assert.Equal(original, duplicate.ExistingPath);
        Assert.Equal($"Duplicate file detected: same content as {original}", duplicate.Message);
        Assert.Null(await _database.Store.FindByPathAsync(copy, CancellationToken.None));
        Assert.Equal(1, (await _database.Store.GetSessionAsync(first.SessionId!.Value, CancellationToken.None))!.CacheHits);
    }

    [Fact]
    public async Task New_content_under_a_known_path_is_an_overwrite_that_reprocesses()
    {
        var key = $"{_prefix}/s/{TestFiles.Ghostly0881}.c3d";
        await _harness.PutBytesAsync(key, UniqueSampleBytes(TestFiles.Ghostly0881));
        var first = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);
        var replacement = UniqueSampleBytes(TestFiles.Ghostly0409);
        await _harness.PutBytesAsync(key, replacement);

        var second = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        Assert.Equal(IngestionStatus.Overwritten, second.Status);
        Assert.Equal(first.SessionId, second.SessionId);
        var session = (await _database.Store.GetSessionAsync(first.SessionId!.Value, CancellationToken.None))!;
        Assert.Equal(SessionStatus.Reprocessing, session.ProcessingStatus);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(replacement)), session.FileHash);
        Assert.Equal(replacement.Length, session.FileSizeBytes);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_upload_make_exactly_one_session()
    {
        var key = $"{_prefix}/race/{TestFiles.Ghostly0823}.c3d";
        await _harness.PutBytesAsync(key, UniqueSampleBytes(TestFiles.Ghostly0823));

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Task.Run(() => _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.IsAccepted, r.Message));
        Assert.Single(results.Select(r => r.SessionId).Distinct());
        Assert.Equal(1, results.Count(r => r.Status == IngestionStatus.Created));
        Assert.Equal(11, results.Count(r => r.Status == IngestionStatus.AlreadyRegistered));
        var page = await _database.Store.ListSessionsAsync(new SessionQuery(PatientId: _prefix), CancellationToken.None);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task A_missing_object_is_reported_and_nothing_is_stored()
    {
        var key = $"{_prefix}/gone.c3d";

        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        Assert.Equal(IngestionStatus.ObjectNotFound, result.Status);
        Assert.False(result.IsAccepted);
        Assert.False(result.IsTransient);
        Assert.Null(await _database.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_object_is_refused_and_nothing_is_stored()
    {
        var key = $"{_prefix}/empty.c3d";
        await _harness.PutBytesAsync(key, []);

        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        Assert.Equal(IngestionStatus.EmptyFile, result.Status);
        Assert.Null(await _database.Store.FindByPathAsync(key, CancellationToken.None));
        Assert.False(Directory.Exists(_harness.Spool.Directory) && Directory.EnumerateFiles(_harness.Spool.Directory).Any());
    }

    [Fact]
    public async Task An_object_above_the_limit_is_refused_and_nothing_is_stored()
    {
        using var harness = new IngestionHarness(_database.Store, new WebhookOptions { MaxFileSizeBytes = 10_000 });
        var key = $"{_prefix}/big/{TestFiles.Ghostly0881}.c3d";
        await harness.PutFileAsync(key, TestFiles.Sample(TestFiles.Ghostly0881));

        var result = await harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);

        Assert.Equal(IngestionStatus.TooLarge, result.Status);
        Assert.StartsWith("File too large", result.Message, StringComparison.Ordinal);
        Assert.Null(await _database.Store.FindByPathAsync(key, CancellationToken.None));
        Assert.False(Directory.Exists(harness.Spool.Directory) && Directory.EnumerateFiles(harness.Spool.Directory).Any());
    }

    [Fact]
    public async Task Storage_trouble_is_a_transient_outcome()
    {
        await using var server = await FakeSupabaseServer.StartAsync();
        using var http = new HttpClient();
        var supabase = new Core.Storage.SupabaseStorage(http, server.BaseUrl, FakeSupabaseServer.ServiceKey, TimeSpan.FromSeconds(5), 100, Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Storage.SupabaseStorage>.Instance);
        server.Put(IngestionHarness.Bucket, $"{_prefix}/a.c3d", [1, 2, 3]);
        server.FailWith = 503;

        var result = await _harness.NewIngestor(supabase).RegisterObjectAsync(IngestionHarness.Bucket, $"{_prefix}/a.c3d", CancellationToken.None);

        Assert.Equal(IngestionStatus.StorageUnavailable, result.Status);
        Assert.True(result.IsTransient);
        Assert.Null(await _database.Store.FindByPathAsync($"{_prefix}/a.c3d", CancellationToken.None));
    }

    [Fact]
    public async Task An_unsafe_key_is_refused_before_storage_is_touched()
    {
        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, "../escape.c3d", CancellationToken.None);

        Assert.Equal(IngestionStatus.InvalidKey, result.Status);
    }
}
