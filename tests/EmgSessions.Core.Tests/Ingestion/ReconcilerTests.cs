using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Storage;
using EmgSessions.Core.Webhooks;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Ingestion;

public sealed class SqliteReconcilerTests(SqliteIngestionDatabase database) : ReconcilerTests(database), IClassFixture<SqliteIngestionDatabase>;

public sealed class PostgresReconcilerTests(PostgresIngestionDatabase database) : ReconcilerTests(database), IClassFixture<PostgresIngestionDatabase>;

/// <summary>Reconciler passes over a real local bucket and a real database; each test uses its own bucket.</summary>
public abstract class ReconcilerTests : IDisposable
{
    private readonly IngestionDatabase _database;
    private readonly IngestionHarness _harness;
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..8];

    protected ReconcilerTests(IngestionDatabase database)
    {
        _database = database;
        _harness = new IngestionHarness(database.Store, new WebhookOptions { AcceptedBuckets = [] });
        _harness.Options.AcceptedBuckets.Add(_bucket);
    }

    public void Dispose() => _harness.Dispose();

    private Task PutAsync(string key, byte[] bytes) => _harness.Local.PutAsync(_bucket, key, new MemoryStream(bytes), CancellationToken.None);

    private static byte[] Unique(string stem) => File.ReadAllBytes(TestFiles.Sample(stem)).Concat(Guid.NewGuid().ToByteArray()).ToArray();

    [Fact]
    public async Task A_pass_ingests_every_c3d_object_without_a_session_and_a_second_pass_finds_nothing()
    {
        // Given three recordings, one already registered by a webhook, a text file and an empty recording.
        var keys = TestFiles.GhostlyStems.Select(s => $"{_bucket}P1/s/{s}.c3d").ToArray();
        foreach (var (key, stem) in keys.Zip(TestFiles.GhostlyStems))
        {
            await PutAsync(key, Unique(stem));
        }

        await PutAsync("notes.txt", [1, 2, 3]);
        await PutAsync($"{_bucket}P1/empty.c3d", []);
        var known = await _harness.NewIngestor(_harness.Local).RegisterObjectAsync(_bucket, keys[0], CancellationToken.None);

        var first = await _harness.NewReconciler().RunOnceAsync(CancellationToken.None);
        var second = await _harness.NewReconciler().RunOnceAsync(CancellationToken.None);

        Assert.Equal(IngestionStatus.Created, known.Status);
        Assert.Equal(5, first.Listed);
        Assert.Equal(3, first.Unknown);
        Assert.Equal(2, first.Ingested);
        Assert.Equal(1, first.Skipped);
        Assert.Equal([$"{_bucket}P1/empty.c3d"], first.Failures.Select(f => f.Key));
        foreach (var key in keys)
        {
            var session = await _database.Store.FindByPathAsync(key, CancellationToken.None);
            Assert.NotNull(session);
            Assert.Equal(SessionStatus.Pending, session.ProcessingStatus);
        }

        Assert.Equal(1, second.Unknown);
        Assert.Equal(0, second.Ingested);
    }

    [Fact]
    public async Task An_orphaned_pending_session_gets_its_job_back()
    {
        var key = $"{_bucket}P2/s/{TestFiles.Ghostly0409}.c3d";
        await PutAsync(key, Unique(TestFiles.Ghostly0409));
        var result = await _harness.NewIngestor(_harness.Local).RegisterObjectAsync(_bucket, key, CancellationToken.None);
        Assert.Equal(1, await _database.ExecuteAsync($"DELETE FROM jobs WHERE session_id = '{result.SessionId}'"));

        var report = await _harness.NewReconciler().RunOnceAsync(CancellationToken.None);

        // The job is back: deleting it again removes one row, and no orphan is left after that pass.
        Assert.True(report.Requeued >= 1);
        Assert.Equal(0, await _database.Store.RequeueOrphansAsync(CancellationToken.None));
        Assert.Equal(1, await _database.ExecuteAsync($"DELETE FROM jobs WHERE session_id = '{result.SessionId}'"));
    }

    [Fact]
    public async Task Storage_down_then_up_the_next_pass_ingests_what_the_webhook_missed()
    {
        await using var server = await FakeSupabaseServer.StartAsync();
        using var http = new HttpClient();
        var supabase = new SupabaseStorage(http, server.BaseUrl, FakeSupabaseServer.ServiceKey, TimeSpan.FromSeconds(5), 2, NullLogger<SupabaseStorage>.Instance);
        var key = $"{_bucket}P3/s/{TestFiles.Ghostly0823}.c3d";
        server.Put(_bucket, key, Unique(TestFiles.Ghostly0823));
        server.FailWith = 503;

        var missed = await _harness.NewIngestor(supabase).RegisterObjectAsync(_bucket, key, CancellationToken.None);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _harness.NewReconciler(supabase).RunOnceAsync(CancellationToken.None));
        server.FailWith = null;
        var report = await _harness.NewReconciler(supabase).RunOnceAsync(CancellationToken.None);

        Assert.Equal(IngestionStatus.StorageUnavailable, missed.Status);
        Assert.Equal(1, report.Ingested);
        Assert.NotNull(await _database.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_object_that_vanishes_after_listing_is_reported_once_and_not_retried()
    {
        // Given a listing that still shows an object the storage no longer has.
        var key = $"{_bucket}P4/{TestFiles.Ghostly0409}.c3d";
        await PutAsync(key, Unique(TestFiles.Ghostly0409));
        var vanishing = new VanishingStorage(_harness.Local, key);

        var first = await _harness.NewReconciler(vanishing).RunOnceAsync(CancellationToken.None);
        var second = await _harness.NewReconciler(vanishing).RunOnceAsync(CancellationToken.None);

        var failure = Assert.Single(first.Failures);
        Assert.Equal(IngestionStatus.ObjectNotFound, failure.Status);
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Unknown);
        Assert.Null(await _database.Store.FindByPathAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task The_service_takes_the_singleton_so_a_second_instance_skips_its_pass()
    {
        var service = new ReconcilerService(
            _harness.NewReconciler(), _database.Store, Options.Create(new ReconcilerOptions()), TimeProvider.System, NullLogger<ReconcilerService>.Instance);
        await PutAsync($"{_bucket}P5/x.c3d", Unique(TestFiles.Ghostly0881));

        await using (var held = await _database.Store.TryAcquireSingletonAsync(ReconcilerService.SingletonName, CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.False(await service.RunPassAsync(CancellationToken.None));
        }

        Assert.True(await service.RunPassAsync(CancellationToken.None));
        Assert.Equal(1, service.CompletedPasses);
        Assert.Equal(1, service.LastReport!.Ingested);
    }

    [Fact]
    public async Task A_list_page_that_fails_twice_is_listed_again_and_the_pass_ingests_every_object_once()
    {
        // Given three recordings and a storage whose listing breaks after the first object, twice.
        var keys = TestFiles.GhostlyStems.Select(s => $"{_bucket}P6/s/{s}.c3d").ToArray();
        foreach (var (key, stem) in keys.Zip(TestFiles.GhostlyStems))
        {
            await PutAsync(key, Unique(stem));
        }

        var flaky = new FlakyListingStorage(_harness.Local, failures: 2, failAfter: 1);

        var report = await _harness.NewReconciler(flaky).RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, flaky.Listings);
        Assert.Equal(3, report.Listed);
        Assert.Equal(3, report.Ingested);
        Assert.Empty(report.Failures);
        foreach (var key in keys)
        {
            Assert.NotNull(await _database.Store.FindByPathAsync(key, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_list_page_that_keeps_failing_gives_up_the_pass_after_the_configured_attempts()
    {
        await PutAsync($"{_bucket}P7/s/{TestFiles.Ghostly0881}.c3d", Unique(TestFiles.Ghostly0881));
        var flaky = new FlakyListingStorage(_harness.Local, failures: int.MaxValue, failAfter: 0);
        var options = new ReconcilerOptions { ListAttempts = 3, ListRetryDelay = TimeSpan.FromMilliseconds(20) };
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => _harness.NewReconciler(flaky, options).RunOnceAsync(CancellationToken.None));

        Assert.Equal(3, flaky.Listings);
        Assert.Equal("listing broke", failure.Message);
        // Two backoffs: 20 ms then 40 ms, each ±50 %, so at least 30 ms in all.
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 30, 30_000);
        Assert.Null(await _database.Store.FindByPathAsync($"{_bucket}P7/s/{TestFiles.Ghostly0881}.c3d", CancellationToken.None));
    }

    [Fact]
    public void List_attempts_below_one_or_a_negative_retry_delay_are_refused()
    {
        Assert.Empty(new ReconcilerOptions().Validate());
        Assert.Equal(2, new ReconcilerOptions { ListAttempts = 0, ListRetryDelay = TimeSpan.FromSeconds(-1) }.Validate().Count);
    }

    /// <summary>Local storage whose listing breaks after <paramref name="failAfter"/> objects, the first <paramref name="failures"/> times.</summary>
    private sealed class FlakyListingStorage(LocalFolderStorage inner, int failures, int failAfter) : IObjectStorage
    {
        public int Listings { get; private set; }

        public string Kind => inner.Kind;

        public Task<Stream> OpenReadAsync(string bucket, string objectKey, CancellationToken cancellationToken) =>
            inner.OpenReadAsync(bucket, objectKey, cancellationToken);

        public async IAsyncEnumerable<StorageObjectInfo> ListAsync(string bucket, string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var failing = ++Listings <= failures;
            var given = 0;
            await foreach (var info in inner.ListAsync(bucket, prefix, cancellationToken))
            {
                if (failing && given == failAfter)
                {
                    throw new StorageUnavailableException("listing broke");
                }

                given++;
                yield return info;
            }

            if (failing)
            {
                throw new StorageUnavailableException("listing broke");
            }
        }

        public Task PutAsync(string bucket, string objectKey, Stream content, CancellationToken cancellationToken) =>
            inner.PutAsync(bucket, objectKey, content, cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
    }

    /// <summary>Local storage whose object <paramref name="key"/> is listed once, then gone (deleted between listing and download).</summary>
    private sealed class VanishingStorage(LocalFolderStorage inner, string key) : IObjectStorage
    {
        private bool _deleted;

        public string Kind => inner.Kind;

        public Task<Stream> OpenReadAsync(string bucket, string objectKey, CancellationToken cancellationToken)
        {
            if (objectKey == key && !_deleted)
            {
                File.Delete(Path.Combine(inner.Root, bucket, key));
                _deleted = true;
            }

            return inner.OpenReadAsync(bucket, objectKey, cancellationToken);
        }

        public IAsyncEnumerable<StorageObjectInfo> ListAsync(string bucket, string? prefix, CancellationToken cancellationToken) =>
            inner.ListAsync(bucket, prefix, cancellationToken);

        public Task PutAsync(string bucket, string objectKey, Stream content, CancellationToken cancellationToken) =>
            inner.PutAsync(bucket, objectKey, content, cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
    }
}
