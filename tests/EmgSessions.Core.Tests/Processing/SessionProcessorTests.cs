using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Ingestion;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Processing;

/// <summary>Phase 2 called directly (no host) on both databases.</summary>
public abstract class SessionProcessorTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : IngestionDatabase
{
    private const string Key0881 = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";

    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    private ISessionStore Store => database.Store;

    [Fact]
    public async Task Completes_a_recording_with_its_technical_data_and_the_analysis_of_the_same_file()
    {
        using var harness = new ProcessingHarness(Store);
        var id = await harness.UploadAsync(Unique(Key0881), Fresh(Sample0881));

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Completed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Completed, session.ProcessingStatus);
        Assert.Null(session.ProcessingErrorMessage);
        Assert.NotNull(session.ProcessedAt);
        Assert.InRange(session.ProcessingTimeMs!.Value, 0.001, 60_000);
        var technical = session.Technical!;
        Assert.Equal(990.0, technical.SamplingRate);
        Assert.Equal(990.0, technical.OriginalSamplingRate);
        Assert.Equal(173370, technical.OriginalSampleCount);
        Assert.Equal(5779, technical.FrameCount);
        Assert.Equal(4, technical.ChannelCount);
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], technical.ChannelNames);
        Assert.Equal(173370 / 990.0, technical.DurationSeconds!.Value, 1e-4); // REAL columns: single precision on PostgreSQL

        // The cache holds exactly what the analysis gives for the same bytes.
        var expected = EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(Sample0881)), AnalysisOptions.Default);
        using var cached = JsonDocument.Parse(session.AnalyticsCacheJson);
        using var direct = JsonDocument.Parse(expected.ToJson());
        var root = cached.RootElement;
        foreach (var key in new[] { "analytics", "metadata", "available_channels" })
        {
            JsonEquivalence.AssertEquivalent(direct.RootElement.GetProperty(key), root.GetProperty(key), key);
        }

        Assert.Equal(EmgAnalyzer.ProcessingVersion, root.GetProperty("processing_version").GetString());
        Assert.True(root.TryGetProperty("processing_params", out _));
        Assert.True(root.TryGetProperty("cached_at", out _));
        Assert.Equal(2, root.GetProperty("analytics").EnumerateObject().Count());
        using var game = JsonDocument.Parse(session.GameMetadataJson);
        Assert.Equal("Ghostly", game.RootElement.GetProperty("game_name").GetString());
        Assert.Equal("173", game.RootElement.GetProperty("duration").GetString());

        // The file name's date wins over INFO:TIME; the therapist placeholder "---" is not a therapist.
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero), session.SessionDate);
        Assert.Null(session.TherapistId);
    }

    [Fact]
    public async Task Without_a_date_in_the_file_name_the_session_date_comes_from_info_time()
    {
        using var harness = new ProcessingHarness(Store);
        var id = await harness.UploadAsync(Unique("P001/s/plain-name.c3d"), Fresh(Sample0881));

        Assert.Equal(ProcessingOutcome.Completed, await ProcessOwnAsync(harness, id));

        // INFO:TIME of 0881 is ["2023", "3", "21", "17", "50"].
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 17, 50, 0, TimeSpan.Zero), (await harness.SessionAsync(id)).SessionDate);
    }

    [Fact]
    public async Task Info_time_is_read_in_the_configured_session_time_zone()
    {
        // 2023-03-21 17:50 in Amsterdam is CET (UTC+1; summer time starts on 26 March).
        using var harness = new ProcessingHarness(Store, sessionTimeZone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var id = await harness.UploadAsync(Unique("P001/s/plain-name.c3d"), Fresh(Sample0881));

        Assert.Equal(ProcessingOutcome.Completed, await ProcessOwnAsync(harness, id));

        var date = (await harness.SessionAsync(id)).SessionDate!.Value;
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 16, 50, 0, TimeSpan.Zero), date);
        Assert.Equal(TimeSpan.Zero, date.Offset);
    }

    [Fact]
    public async Task A_file_that_is_not_c3d_fails_at_once_with_a_clear_message()
    {
        using var harness = new ProcessingHarness(Store);
        var garbage = Fresh(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a C3D file. ", 400))));
        var id = await harness.UploadAsync(Unique("P001/s/broken.c3d"), garbage);

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Failed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.StartsWith("Not a readable C3D file: ", session.ProcessingErrorMessage, StringComparison.Ordinal);
        Assert.True(session.ProcessingErrorMessage!.Length <= SessionProcessor.MaxErrorLength);
    }

    [Fact]
    public async Task A_truncated_recording_keeps_its_technical_data_or_fails_clearly_but_never_hangs()
    {
        using var harness = new ProcessingHarness(Store);
        var id = await harness.UploadAsync(Unique("P001/s/truncated.c3d"), Fresh(Sample0881[..3000]));

        var outcome = await ProcessOwnAsync(harness, id);

        var session = await harness.SessionAsync(id);
        Assert.Contains(outcome, new[] { ProcessingOutcome.Completed, ProcessingOutcome.Failed });
        Assert.Contains(session.ProcessingStatus, new[] { SessionStatus.Completed, SessionStatus.Failed });
        if (outcome == ProcessingOutcome.Failed)
        {
            Assert.False(string.IsNullOrWhiteSpace(session.ProcessingErrorMessage));
        }
    }

    [Fact]
    public async Task An_object_gone_from_storage_and_spool_fails_permanently()
    {
        using var harness = new ProcessingHarness(Store);
        var key = Unique("P001/s/gone.c3d");
        var id = await harness.UploadAsync(key, Fresh(Sample0881));
        var session = await harness.SessionAsync(id);
        File.Delete(harness.StoragePath(key));
        harness.Spool.Delete(session.FileHash);

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Failed, outcome);
        session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.StartsWith("The file is no longer in storage", session.ProcessingErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_trouble_is_retried_then_fails_after_the_last_attempt()
    {
        // Given a session whose spool copy is gone and a storage that cannot be reached.
        using var unreachable = (IDisposable)ObjectStorageFactory.Create("supabase:http://127.0.0.1:1", "key", NullLoggerFactory.Instance);
        var options = new WorkerOptions { MaxAttempts = 2, RetryBaseDelaySeconds = 0, RetryMaxDelaySeconds = 0 };
        using var harness = new ProcessingHarness(Store, options, (IObjectStorage)unreachable);
        var id = await harness.UploadAsync(Unique("P001/s/unreachable.c3d"), Fresh(Sample0881));
        harness.Spool.Delete((await harness.SessionAsync(id)).FileHash);

        // When it is processed twice.
        var first = await ProcessOwnAsync(harness, id);
        var afterFirst = await harness.SessionAsync(id);
        var second = await ProcessOwnAsync(harness, id);

        // Then the first attempt schedules a retry and the second fails for good.
        Assert.Equal(ProcessingOutcome.RetryScheduled, first);
        Assert.Equal(SessionStatus.Pending, afterFirst.ProcessingStatus);
        Assert.Equal(ProcessingOutcome.Failed, second);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.StartsWith("Failed after 2 attempts: Storage unavailable", session.ProcessingErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_gives_the_job_back_without_counting_the_attempt()
    {
        using var harness = new ProcessingHarness(Store);
        var id = await harness.UploadAsync(Unique(Key0881), Fresh(Sample0881));
        var job = await ClaimOwnAsync(harness, id, "w1");
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();

        var outcome = await harness.Processor.ProcessAsync(job, "w1", shutdown.Token);

        Assert.Equal(ProcessingOutcome.Released, outcome);
        Assert.Equal(SessionStatus.Pending, (await harness.SessionAsync(id)).ProcessingStatus);
        var again = await ClaimOwnAsync(harness, id, "w2");
        Assert.Equal(job.Attempts, again.Attempts);
        Assert.Equal(ProcessingOutcome.Completed, await harness.Processor.ProcessAsync(again, "w2", CancellationToken.None));
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_over_records_nothing()
    {
        using var harness = new ProcessingHarness(Store);
        var id = await harness.UploadAsync(Unique(Key0881), Fresh(Sample0881));
        var stale = await ClaimOwnAsync(harness, id, "slow", TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        var fresh = await ClaimOwnAsync(harness, id, "fast");

        var staleOutcome = await harness.Processor.ProcessAsync(stale, "slow", CancellationToken.None);
        var freshOutcome = await harness.Processor.ProcessAsync(fresh, "fast", CancellationToken.None);

        Assert.Equal(ProcessingOutcome.LeaseLost, staleOutcome);
        Assert.Equal(ProcessingOutcome.Completed, freshOutcome);
        Assert.Equal(2, fresh.Attempts);
        Assert.Equal(SessionStatus.Completed, (await harness.SessionAsync(id)).ProcessingStatus);
    }

    [Fact]
    public async Task A_job_claimed_more_often_than_allowed_fails_instead_of_looping()
    {
        // A worker that dies on a file every time leaves only expired leases behind.
        var options = new WorkerOptions { MaxAttempts = 2 };
        using var harness = new ProcessingHarness(Store, options);
        var id = await harness.UploadAsync(Unique(Key0881), Fresh(Sample0881));
        await ClaimOwnAsync(harness, id, "crash1", TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        await ClaimOwnAsync(harness, id, "crash2", TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        var third = await ClaimOwnAsync(harness, id, "w3");

        var outcome = await harness.Processor.ProcessAsync(third, "w3", CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Failed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.StartsWith("Gave up after 2 attempts", session.ProcessingErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_analysis_threads_a_recording_completes_with_the_same_analysis_as_on_the_thread_pool()
    {
        using var threads = new AnalysisThreads(2, nice: 10);
        using var pooled = new ProcessingHarness(Store);
        using var dedicated = new ProcessingHarness(Store, analysisThreads: threads);
        var pooledId = await pooled.UploadAsync(Unique(Key0881), Fresh(Sample0881));
        var dedicatedId = await dedicated.UploadAsync(Unique(Key0881), Fresh(Sample0881));

        Assert.Equal(ProcessingOutcome.Completed, await ProcessOwnAsync(pooled, pooledId));
        Assert.Equal(ProcessingOutcome.Completed, await ProcessOwnAsync(dedicated, dedicatedId));

        var onPool = await pooled.SessionAsync(pooledId);
        var onThreads = await dedicated.SessionAsync(dedicatedId);
        Assert.Equal(SessionStatus.Completed, onThreads.ProcessingStatus);
        Assert.Equal(4, onThreads.Technical!.ChannelCount);
        using var expected = JsonDocument.Parse(onPool.AnalyticsCacheJson);
        using var actual = JsonDocument.Parse(onThreads.AnalyticsCacheJson);
        foreach (var key in new[] { "analytics", "metadata", "available_channels" })
        {
            JsonEquivalence.AssertEquivalent(expected.RootElement.GetProperty(key), actual.RootElement.GetProperty(key), key);
        }
    }

    [Fact]
    public async Task A_spool_copy_of_another_size_than_registered_is_not_used_and_the_file_is_downloaded()
    {
        using var harness = new ProcessingHarness(Store);
        var bytes = Fresh(Sample0881);
        var id = await harness.UploadAsync(Unique(Key0881), bytes);
        var session = await harness.SessionAsync(id);
        await File.AppendAllTextAsync(harness.Spool.PathOf(session.FileHash), "x");

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Completed, outcome);
        var completed = await harness.SessionAsync(id);
        Assert.Equal(bytes.Length, completed.FileSizeBytes);
        Assert.Equal(173370, completed.Technical!.OriginalSampleCount);
    }

    [Fact]
    public async Task An_object_changed_since_phase_one_is_registered_again_and_then_processed()
    {
        using var harness = new ProcessingHarness(Store);
        var key = Unique("P005/session1/Ghostly_Emg_20230321_17-23-09-0409.c3d");
        var id = await harness.UploadAsync(key, Fresh(Sample0881));
        var before = await harness.SessionAsync(id);
        harness.Spool.Delete(before.FileHash);
        var replacement = Fresh(await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0409)));
        await File.WriteAllBytesAsync(harness.StoragePath(key), replacement);

        var first = await ProcessOwnAsync(harness, id);
        var second = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Reregistered, first);
        Assert.Equal(ProcessingOutcome.Completed, second);
        var session = await harness.SessionAsync(id);
        Assert.NotEqual(before.FileHash, session.FileHash);
        Assert.Equal(replacement.Length, session.FileSizeBytes);
        Assert.Equal(74280, session.Technical!.OriginalSampleCount);
    }

    [Fact]
    public async Task A_session_is_downloaded_from_the_bucket_phase_one_read_it_from()
    {
        // Given the same key in two buckets with different content, the session registered from the second one
        using var harness = new ProcessingHarness(Store);
        var key = Unique("P005/session1/Ghostly_Emg_20230321_17-23-09-0409.c3d");
        var wanted = Fresh(await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0409)));
        await harness.Storage.PutAsync("clinic-b", key, new MemoryStream(wanted), CancellationToken.None);
        await harness.Storage.PutAsync(ProcessingHarness.Bucket, key, new MemoryStream(Fresh(Sample0881)), CancellationToken.None);
        var registered = await harness.Ingestor.RegisterObjectAsync("clinic-b", key, CancellationToken.None);
        var id = registered.SessionId!.Value;
        harness.Spool.Delete((await harness.SessionAsync(id)).FileHash);

        // When Phase 2 runs without the spool
        var job = await ClaimOwnAsync(harness, id, "test-worker");
        var outcome = await harness.Processor.ProcessAsync(job, "test-worker", CancellationToken.None);

        // Then it read clinic-b's object, not the configured bucket's
        Assert.Equal("clinic-b", job.StorageBucket);
        Assert.Equal(ProcessingOutcome.Completed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(wanted.Length, session.FileSizeBytes);
        Assert.Equal(74280, session.Technical!.OriginalSampleCount);
        Assert.Equal("clinic-b", JsonDocument.Parse(session.GameMetadataJson).RootElement.GetProperty("storage_bucket").GetString());
    }

    [Fact]
    public async Task A_session_without_a_recorded_bucket_is_downloaded_from_the_configured_bucket()
    {
        // A predecessor row: registered without storage_bucket, its file only in storage.
        using var harness = new ProcessingHarness(Store);
        var key = Unique("P001/s/predecessor.c3d");
        var bytes = Fresh(Sample0881);
        await harness.Storage.PutAsync(ProcessingHarness.Bucket, key, new MemoryStream(bytes), CancellationToken.None);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var registration = await Store.RegisterUploadAsync(
            new NewSession(key, hash, bytes.Length, "predecessor.c3d", "P001", "s", null, "{}"), CancellationToken.None);

        var job = await ClaimOwnAsync(harness, registration.SessionId, "test-worker");
        var outcome = await harness.Processor.ProcessAsync(job, "test-worker", CancellationToken.None);

        Assert.Null(job.StorageBucket);
        Assert.Equal(ProcessingOutcome.Completed, outcome);
        Assert.Equal(173370, (await harness.SessionAsync(registration.SessionId)).Technical!.OriginalSampleCount);
    }

    [Fact]
    public async Task An_overwrite_read_from_another_bucket_records_that_bucket()
    {
        using var harness = new ProcessingHarness(Store);
        var key = Unique("P001/s/moved.c3d");
        var id = await harness.UploadAsync(key, Fresh(Sample0881));
        await harness.Storage.PutAsync("clinic-b", key, new MemoryStream(Fresh(Sample0881)), CancellationToken.None);

        File.Delete(harness.StoragePath(key));

        var overwrite = await harness.Ingestor.RegisterObjectAsync("clinic-b", key, CancellationToken.None);
        harness.Spool.Delete((await harness.SessionAsync(id)).FileHash);
        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(id, overwrite.SessionId);
        Assert.Equal(ProcessingOutcome.Completed, outcome);
        var metadata = JsonDocument.Parse((await harness.SessionAsync(id)).GameMetadataJson).RootElement;
        Assert.Equal("clinic-b", metadata.GetProperty("storage_bucket").GetString());
    }

    [Fact]
    public async Task The_queue_worker_processes_every_due_session_and_stops_when_the_run_is_done()
    {
        using var harness = new ProcessingHarness(Store);
        var ids = new List<Guid>();
        foreach (var stem in TestFiles.GhostlyStems)
        {
            ids.Add(await harness.UploadAsync(Unique($"P010/s/{stem}.c3d"), Fresh(await File.ReadAllBytesAsync(TestFiles.Sample(stem)))));
        }

        var worker = harness.NewWorker(new WorkerOptions { Count = 2, PollIntervalSeconds = 0.2 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180)); // three real recordings on a loaded machine
        await worker.RunAsync(2, async ct =>
        {
            foreach (var id in ids)
            {
                if ((await Store.GetSessionAsync(id, ct))!.ProcessingStatus is not (SessionStatus.Completed or SessionStatus.Failed))
                {
                    return false;
                }
            }

            return true;
        }, timeout.Token);

        Assert.False(timeout.IsCancellationRequested);
        foreach (var id in ids)
        {
            Assert.Equal(SessionStatus.Completed, (await harness.SessionAsync(id)).ProcessingStatus);
        }
    }

    [Fact]
    public async Task A_job_enqueued_between_a_failed_claim_and_the_wait_is_claimed_without_waiting_for_the_poll()
    {
        using var harness = new ProcessingHarness(Store);
        var poll = TimeSpan.FromMinutes(5);
        var worker = harness.NewWorker(new WorkerOptions { Count = 1, PollIntervalSeconds = poll.TotalSeconds });
        // The store's wake-up (LISTEN on PostgreSQL) is running before the run starts.
        await Store.WaitForJobsAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Guid? id = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // stopWhenIdle runs right after a claim found nothing and before the slot waits: the upload lands there.
        await worker.RunAsync(1, async ct =>
        {
            if (id is null)
            {
                id = await harness.UploadAsync(Unique("P001/s/late.c3d"), Fresh(Sample0881));
                return false;
            }

            return (await Store.GetSessionAsync(id.Value, ct))!.ProcessingStatus is SessionStatus.Completed or SessionStatus.Failed;
        }, timeout.Token);

        // Generous bound, far below the five-minute poll interval the slot would otherwise have slept.
        Assert.False(timeout.IsCancellationRequested, "The job waited for the poll interval.");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(SessionStatus.Completed, (await harness.SessionAsync(id!.Value)).ProcessingStatus);
    }

    private static string Unique(string key) => Guid.NewGuid().ToString("N")[..8] + "/" + key;

    /// <summary>The bytes with 16 random bytes after the data: new content (file_hash is unique), the same recording.</summary>
    private static byte[] Fresh(byte[] bytes) => [.. bytes, .. Guid.NewGuid().ToByteArray()];

    /// <summary>Claims jobs until this session's comes up (other tests share the database), giving back the others.</summary>
    private static async Task<ClaimedJob> ClaimOwnAsync(ProcessingHarness harness, Guid id, string worker, TimeSpan? lease = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var job = await harness.Store.ClaimJobAsync(worker, lease ?? TimeSpan.FromMinutes(1), CancellationToken.None);
            if (job is null)
            {
                await Task.Delay(20);
                continue;
            }

            if (job.SessionId == id)
            {
                return job;
            }

            await harness.Store.ReleaseJobAsync(job.JobId, worker, CancellationToken.None);
            await Task.Delay(5);
        }

        throw new TimeoutException($"The job of session {id} never came up.");
    }

    private static async Task<ProcessingOutcome> ProcessOwnAsync(ProcessingHarness harness, Guid id)
    {
        var job = await ClaimOwnAsync(harness, id, "test-worker");
        return await harness.Processor.ProcessAsync(job, "test-worker", CancellationToken.None);
    }
}

public sealed class SqliteSessionProcessorTests(SqliteIngestionDatabase database) : SessionProcessorTests<SqliteIngestionDatabase>(database);

public sealed class PostgresSessionProcessorTests(PostgresIngestionDatabase database) : SessionProcessorTests<PostgresIngestionDatabase>(database);
