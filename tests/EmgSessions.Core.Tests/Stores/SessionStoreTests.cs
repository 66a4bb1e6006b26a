using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>Every behaviour of <see cref="ISessionStore"/>, written once and run on both engines by the subclasses.</summary>
public abstract class SessionStoreTests(TestDatabases databases)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A lease (or a retry delay) that must still hold for the next few calls of a test and then run out: long enough that
    /// a loaded machine makes those calls well inside it; the test then waits for it to run out by asking until it has.
    /// </summary>
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(3);
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    [Fact]
    public async Task Registers_a_new_upload_as_a_pending_session_with_a_due_job()
    {
        await using var store = await Databases.NewStoreAsync();
        var date = new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero);
        var registration = await store.RegisterUploadAsync(
            Upload("P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d", "a", 1234, date) with { GameMetadataJson = """{"path_patient_hint":"x","ü":"é"}""" }, None);

        Assert.Equal(RegistrationOutcome.Created, registration.Outcome);
        var session = await store.GetSessionAsync(registration.SessionId, None);
        Assert.NotNull(session);
        Assert.Equal("P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d", session.FilePath);
        Assert.Equal(Hash("a"), session.FileHash);
        Assert.Equal(1234, session.FileSizeBytes);
        Assert.Equal("Ghostly_Emg_20230321_17-50-17-0881.c3d", session.OriginalFilename);
        Assert.Equal("P005", session.PatientId);
        Assert.Equal("session1", session.SessionCode);
        Assert.Equal(date, session.SessionDate);
        Assert.Equal(SessionStatus.Pending, session.ProcessingStatus);
        Assert.Equal(0, session.CacheHits);
        Assert.Equal("é", JsonDocument.Parse(session.GameMetadataJson).RootElement.GetProperty("ü").GetString());
        Assert.Null(session.Technical);
        Assert.InRange(session.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var stats = await store.GetQueueStatisticsAsync(None);
        Assert.Equal(1, stats.JobsDue);
        Assert.Equal(1, stats.SessionsByStatus[SessionStatus.Pending]);
        Assert.Equal(registration.SessionId, (await store.FindByPathAsync(session.FilePath, None))?.Id);
    }

    [Fact]
    public async Task A_repeated_delivery_changes_nothing_and_answers_the_same_id()
    {
        await using var store = await Databases.NewStoreAsync();
        var first = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var before = await store.GetSessionAsync(first.SessionId, None);
        var second = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);

        Assert.Equal(RegistrationOutcome.AlreadyRegistered, second.Outcome);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(before, await store.GetSessionAsync(first.SessionId, None));
    }

    [Fact]
    public async Task A_conflict_whose_row_is_gone_is_decided_again_and_then_refused_with_one_message_on_both_engines()
    {
        // A conflict on a constraint other than path or hash leaves no row to decide by: the same outcome as a row
        // deleted between the insert and the reads. Both engines decide again, five times, then say what to do.
        var spec = await Databases.NewEmptyDatabaseAsync();
        await using var store = Core.Database.SessionStoreFactory.Create(spec, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        await Databases.ExecuteAsync(spec, "CREATE UNIQUE INDEX test_unique_original_filename ON therapy_sessions (original_filename)");
        var first = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RegisterUploadAsync(Upload("P2/a.c3d", "b"), None));

        Assert.Equal("Could not register P2/a.c3d: the rows of that path or content kept changing during 5 attempts; send the upload again.", error.Message);
        Assert.Null(await store.FindByPathAsync("P2/a.c3d", None));
        Assert.Equal(1, (await store.GetQueueStatisticsAsync(None)).JobsDue);
        Assert.Equal(RegistrationOutcome.AlreadyRegistered, (await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None)).Outcome);
        Assert.Equal(first.SessionId, (await store.FindByPathAsync("P1/a.c3d", None))?.Id);
    }

    [Fact]
    public async Task The_same_content_under_another_path_counts_a_hit_on_the_original()
    {
        await using var store = await Databases.NewStoreAsync();
        var first = await store.RegisterUploadAsync(Upload("P1/a.c3d", "same"), None);
        var copy = await store.RegisterUploadAsync(Upload("P2/copy.c3d", "same"), None);

        Assert.Equal(RegistrationOutcome.DuplicateContent, copy.Outcome);
        Assert.Equal(first.SessionId, copy.SessionId);
        Assert.Equal("P1/a.c3d", copy.ExistingPath);
        Assert.Null(await store.FindByPathAsync("P2/copy.c3d", None));
        var original = await store.GetSessionAsync(first.SessionId, None);
        Assert.Equal(1, original!.CacheHits);
        Assert.NotNull(original.LastAccessedAt);
    }

    [Fact]
    public async Task An_overwrite_updates_the_row_of_the_path_clears_its_results_and_requeues_it()
    {
        await using var store = await Databases.NewStoreAsync();
        var first = await store.RegisterUploadAsync(Upload("P1/a.c3d", "v1", 100), None);
        await CompleteAsync(store, first.SessionId, "w1");
        await store.UpsertTechnicalDataAsync(Technical(first.SessionId), None);

        var overwrite = await store.RegisterUploadAsync(Upload("P1/a.c3d", "v2", 200), None);

        Assert.Equal(RegistrationOutcome.Overwritten, overwrite.Outcome);
        Assert.Equal(first.SessionId, overwrite.SessionId);
        var session = await store.GetSessionAsync(first.SessionId, None);
        Assert.Equal(Hash("v2"), session!.FileHash);
        Assert.Equal(200, session.FileSizeBytes);
        Assert.Equal(SessionStatus.Reprocessing, session.ProcessingStatus);
        Assert.True(EmgSessions.Core.Sessions.Processing.StoredAnalytics.Read(session.AnalyticsCacheJson).HasAnalytics, "The earlier analytics stay until the new file's analysis replaces them.");
        Assert.Null(session.Technical);
        var job = await store.ClaimJobAsync("w2", LongLease, None);
        Assert.Equal(first.SessionId, job!.SessionId);
        Assert.Equal(Hash("v2"), job.FileHash);
        Assert.Equal(1, job.Attempts);
    }

    [Fact]
    public async Task Fifty_parallel_deliveries_of_the_same_file_leave_exactly_one_row()
    {
        await using var store = await Databases.NewStoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.RegisterUploadAsync(Upload("P1/same.c3d", "x"), None))));

        Assert.Single(results, r => r.Outcome == RegistrationOutcome.Created);
        Assert.Equal(49, results.Count(r => r.Outcome == RegistrationOutcome.AlreadyRegistered));
        Assert.Single(results.Select(r => r.SessionId).Distinct());
        Assert.Equal(1, (await store.ListSessionsAsync(new SessionQuery(), None)).Total);
        Assert.Equal(1, (await store.GetQueueStatisticsAsync(None)).JobsDue);
    }

    [Fact]
    public async Task Fifty_parallel_uploads_of_the_same_content_under_different_paths_leave_one_row_and_49_hits()
    {
        await using var store = await Databases.NewStoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => store.RegisterUploadAsync(Upload($"P1/copy{i}.c3d", "x"), None))));

        var created = Assert.Single(results, r => r.Outcome == RegistrationOutcome.Created);
        Assert.Equal(49, results.Count(r => r.Outcome == RegistrationOutcome.DuplicateContent));
        Assert.All(results, r => Assert.Equal(created.SessionId, r.SessionId));
        Assert.Equal(1, (await store.ListSessionsAsync(new SessionQuery(), None)).Total);
        Assert.Equal(49, (await store.GetSessionAsync(created.SessionId, None))!.CacheHits);
    }

    [Fact]
    public async Task Finds_the_paths_that_have_no_session_in_their_given_order()
    {
        await using var store = await Databases.NewStoreAsync();
        await store.RegisterUploadAsync(Upload("P1/known.c3d", "k"), None);

        var unknown = await store.FindUnknownPathsAsync(["P1/z.c3d", "P1/known.c3d", "P1/a'quote.c3d", "P1/ünï.c3d"], None);

        Assert.Equal(["P1/z.c3d", "P1/a'quote.c3d", "P1/ünï.c3d"], unknown);
        Assert.Empty(await store.FindUnknownPathsAsync([], None));
    }

    [Fact]
    public async Task A_claim_sets_a_lease_counts_the_attempt_and_marks_the_session_processing()
    {
        await using var store = await Databases.NewStoreAsync();
        Assert.Null(await store.ClaimJobAsync("w1", LongLease, None));
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a", 77), None);

        var job = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);

        Assert.NotNull(job);
        Assert.Equal(registration.SessionId, job.SessionId);
        Assert.Equal("P1/a.c3d", job.FilePath);
        Assert.Equal(Hash("a"), job.FileHash);
        Assert.Equal(77, job.FileSizeBytes);
        Assert.Equal(1, job.Attempts);
        Assert.InRange(job.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(6));
        Assert.Equal(SessionStatus.Processing, (await store.GetSessionAsync(job.SessionId, None))!.ProcessingStatus);
        Assert.Null(await store.ClaimJobAsync("w2", LongLease, None));
        Assert.Equal(1, (await store.GetQueueStatisticsAsync(None)).JobsLeased);
    }

    [Fact]
    public async Task Eight_parallel_workers_claim_each_of_500_jobs_exactly_once()
    {
        await using var store = await Databases.NewStoreAsync();
        for (var i = 0; i < 500; i++)
        {
            await store.RegisterUploadAsync(Upload($"P1/{i}.c3d", $"content {i}"), None);
        }

        var claimed = new ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var misses = 0;
            while (misses < 3)
            {
                var job = await store.ClaimJobAsync($"worker-{w}", LongLease, None);
                if (job is null)
                {
                    misses++;
                    await Task.Delay(20);
                    continue;
                }

                misses = 0;
                claimed.Add(job.SessionId);
            }
        })));

        Assert.Equal(500, claimed.Count);
        Assert.Equal(500, claimed.Distinct().Count());
        var stats = await store.GetQueueStatisticsAsync(None);
        Assert.Equal(500, stats.JobsLeased);
        Assert.Equal(0, stats.JobsDue);
        Assert.Equal(500, stats.SessionsByStatus[SessionStatus.Processing]);
    }

    [Fact]
    public async Task An_expired_lease_makes_the_job_claimable_again_and_the_first_worker_loses_it()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var first = await store.ClaimJobAsync("crashed", ShortLease, None);
        Assert.NotNull(first);
        Assert.Null(await store.ClaimJobAsync("w2", LongLease, None));

        var second = await ClaimOnceDueAsync(store, "w2");

        Assert.Equal(registration.SessionId, second.SessionId);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(first.JobId, second.JobId);
        Assert.False(await store.RenewLeaseAsync(second.JobId, "crashed", LongLease, None));
        Assert.False(await store.CompleteJobAsync(Completion(registration.SessionId, "crashed"), None));
        Assert.False(await store.FailJobAsync(second.JobId, "crashed", "late", null, None));
        Assert.True(await store.RenewLeaseAsync(second.JobId, "w2", LongLease, None));
        Assert.True(await store.CompleteJobAsync(Completion(registration.SessionId, "w2"), None));
    }

    [Fact]
    public async Task A_renewed_lease_keeps_the_job_from_other_workers()
    {
        await using var store = await Databases.NewStoreAsync();
        await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var job = await store.ClaimJobAsync("w1", TimeSpan.FromMilliseconds(300), None);

        Assert.True(await store.RenewLeaseAsync(job!.JobId, "w1", LongLease, None));
        await Task.Delay(500);

        Assert.Null(await store.ClaimJobAsync("w2", LongLease, None));
        Assert.False(await store.RenewLeaseAsync(Guid.NewGuid(), "w1", LongLease, None));
    }

    [Fact]
    public async Task Completing_records_a_therapist_id_only_when_it_is_the_uuid_of_a_known_therapist()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        var therapist = Guid.Parse("20000000-0000-4000-8000-0000000000aa");
        await Databases.ExecuteAsync(spec, $"INSERT INTO therapists (id, user_id, first_name, last_name) VALUES ('{therapist}', '{Guid.NewGuid()}', 'Ana', 'Ødegård')");
        var known = await store.RegisterUploadAsync(Upload("P1/known.c3d", "k"), None);
        await store.ClaimJobAsync("w1", LongLease, None);
        var unknown = await store.RegisterUploadAsync(Upload("P1/unknown.c3d", "u"), None);
        await store.ClaimJobAsync("w1", LongLease, None);

        Assert.True(await store.CompleteJobAsync(Completion(known.SessionId, "w1") with { TherapistId = therapist.ToString().ToUpperInvariant() }, None));
        Assert.True(await store.CompleteJobAsync(Completion(unknown.SessionId, "w1") with
        {
            TherapistId = Guid.NewGuid().ToString(),
            GameMetadataJson = """{"therapist_id":"---"}""",
        }, None));

        Assert.Equal(therapist.ToString(), (await store.GetSessionAsync(known.SessionId, None))!.TherapistId);
        var other = (await store.GetSessionAsync(unknown.SessionId, None))!;
        Assert.Equal(SessionStatus.Completed, other.ProcessingStatus);
        Assert.Null(other.TherapistId);
        Assert.Equal("---", JsonDocument.Parse(other.GameMetadataJson).RootElement.GetProperty("therapist_id").GetString());
    }

    [Fact]
    public async Task Completing_writes_the_cache_merges_metadata_keeps_known_values_and_removes_the_job()
    {
        await using var store = await Databases.NewStoreAsync();
        var known = new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero);
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a", sessionDate: known) with { GameMetadataJson = """{"path_patient_hint":"P1","keep":1}""" }, None);
        await store.ClaimJobAsync("w1", LongLease, None);

        var completion = Completion(registration.SessionId, "w1") with
        {
            GameMetadataJson = """{"game":"Ghostly","keep":2}""",
            SessionDate = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            TherapistId = "T7",
            ProcessingTimeMs = 123.5,
        };
        Assert.True(await store.CompleteJobAsync(completion, None));

        var session = await store.GetSessionAsync(registration.SessionId, None);
        Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        Assert.Equal(known, session.SessionDate);
        Assert.Null(session.TherapistId); // "T7" is no known therapist's uuid: only game_metadata may hold it
        Assert.Equal(123.5, session.ProcessingTimeMs!.Value, 6);
        Assert.NotNull(session.ProcessedAt);
        Assert.Null(session.ProcessingErrorMessage);
        var metadata = JsonDocument.Parse(session.GameMetadataJson).RootElement;
        Assert.Equal("P1", metadata.GetProperty("path_patient_hint").GetString());
        Assert.Equal("Ghostly", metadata.GetProperty("game").GetString());
        Assert.Equal(2, metadata.GetProperty("keep").GetInt32());
        Assert.Equal("ghostly-v1", JsonDocument.Parse(session.AnalyticsCacheJson).RootElement.GetProperty("processing_version").GetString());
        var stats = await store.GetQueueStatisticsAsync(None);
        Assert.Equal(0, stats.JobsDue + stats.JobsLeased + stats.JobsWaiting);
        Assert.False(await store.CompleteJobAsync(completion, None));
    }

    [Fact]
    public async Task A_retry_releases_the_lease_records_the_error_and_delays_the_job()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var job = await store.ClaimJobAsync("w1", LongLease, None);

        Assert.True(await store.RetryJobAsync(job!.JobId, "w1", DateTimeOffset.UtcNow + ShortLease, "storage timed out", None));

        Assert.Equal(SessionStatus.Pending, (await store.GetSessionAsync(registration.SessionId, None))!.ProcessingStatus);
        Assert.Equal(1, (await store.GetQueueStatisticsAsync(None)).JobsWaiting);
        Assert.Null(await store.ClaimJobAsync("w2", LongLease, None));
        var again = await ClaimOnceDueAsync(store, "w2");
        Assert.Equal(2, again.Attempts);
        Assert.False(await store.RetryJobAsync(job.JobId, "w1", DateTimeOffset.UtcNow, "lost", None));
    }

    [Fact]
    public async Task A_failure_marks_the_session_failed_with_a_bounded_message_and_ends_the_job()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var job = await store.ClaimJobAsync("w1", LongLease, None);

        Assert.True(await store.FailJobAsync(job!.JobId, "w1", new string('x', 10_000), 12.5, None));

        var session = await store.GetSessionAsync(registration.SessionId, None);
        Assert.Equal(SessionStatus.Failed, session!.ProcessingStatus);
        Assert.Equal(4000, session.ProcessingErrorMessage!.Length);
        Assert.Equal(12.5, session.ProcessingTimeMs!.Value, 6);
        Assert.Null(await store.ClaimJobAsync("w1", LongLease, None));
        Assert.False(await store.FailJobAsync(job.JobId, "w1", "again", null, None));
    }

    [Fact]
    public async Task A_release_gives_the_job_back_at_once_without_counting_the_attempt()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var job = await store.ClaimJobAsync("w1", LongLease, None);

        Assert.True(await store.ReleaseJobAsync(job!.JobId, "w1", None));
        Assert.False(await store.ReleaseJobAsync(job.JobId, "w1", None));

        Assert.Equal(SessionStatus.Pending, (await store.GetSessionAsync(registration.SessionId, None))!.ProcessingStatus);
        Assert.Equal(1, (await store.ClaimJobAsync("w2", LongLease, None))!.Attempts);
    }

    [Fact]
    public async Task Reprocessing_requeues_a_completed_session_and_refuses_an_unknown_one()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        await CompleteAsync(store, registration.SessionId, "w1");

        Assert.True(await store.EnqueueReprocessAsync(registration.SessionId, None));
        Assert.False(await store.EnqueueReprocessAsync(Guid.NewGuid(), None));

        Assert.Equal(SessionStatus.Reprocessing, (await store.GetSessionAsync(registration.SessionId, None))!.ProcessingStatus);
        var job = await store.ClaimJobAsync("w2", LongLease, None);
        Assert.Equal(registration.SessionId, job!.SessionId);
        Assert.Equal(1, job.Attempts);
    }

    [Fact]
    public async Task Orphaned_pending_sessions_get_a_job_back()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await using var store = Core.Database.SessionStoreFactory.Create(spec, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        var a = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var b = await store.RegisterUploadAsync(Upload("P1/b.c3d", "b"), None);
        var c = await store.RegisterUploadAsync(Upload("P1/c.c3d", "c"), None);
        await CompleteAsync(store, a.SessionId, "w1");
        Assert.Equal(0, await store.RequeueOrphansAsync(None));
        await Databases.ExecuteAsync(spec, "DELETE FROM jobs");

        Assert.Equal(2, await store.RequeueOrphansAsync(None));
        Assert.Equal(0, await store.RequeueOrphansAsync(None));

        var first = await store.ClaimJobAsync("w1", LongLease, None);
        var second = await store.ClaimJobAsync("w1", LongLease, None);
        Assert.Equal(new[] { b.SessionId, c.SessionId }.Order(), new[] { first!.SessionId, second!.SessionId }.Order());
        Assert.Null(await store.ClaimJobAsync("w1", LongLease, None));
    }

    [Fact]
    public async Task A_waiting_worker_wakes_when_a_job_is_enqueued_and_otherwise_returns_after_the_timeout()
    {
        var spec = await Databases.NewMigratedDatabaseAsync();
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        await store.WaitForJobsAsync(TimeSpan.FromMilliseconds(300), None); // starts PostgreSQL's listener
        await WaitUntilListeningAsync(store, spec);
        var idle = Stopwatch.StartNew();
        await store.WaitForJobsAsync(TimeSpan.FromMilliseconds(300), None);
        Assert.InRange(idle.ElapsedMilliseconds, 250, 15_000);

        var woken = Stopwatch.StartNew();
        var wait = store.WaitForJobsAsync(TimeSpan.FromSeconds(20), None);
        await Task.Delay(200);
        await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        await wait;
        Assert.InRange(woken.ElapsedMilliseconds, 150, 10_000);
    }

    [Fact]
    public async Task Technical_data_is_upserted_and_read_back_through_the_view()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        await store.UpsertTechnicalDataAsync(Technical(registration.SessionId) with { FrameCount = 0, ChannelNames = ["EMG1", "Ünïcode ✓"] }, None);
        await store.UpsertTechnicalDataAsync(Technical(registration.SessionId) with { SamplingRate = 2000, ChannelNames = ["EMG1", "Ünïcode ✓"], FrameCount = 0 }, None);

        var technical = (await store.GetSessionAsync(registration.SessionId, None))!.Technical;
        Assert.NotNull(technical);
        Assert.Equal(1000, technical.OriginalSamplingRate!.Value, 3);
        Assert.Equal(2000, technical.SamplingRate!.Value, 3);
        Assert.Equal(12.5, technical.OriginalDurationSeconds!.Value, 3);
        Assert.Equal(12500, technical.OriginalSampleCount);
        Assert.Equal(2, technical.ChannelCount);
        Assert.Equal(["EMG1", "Ünïcode ✓"], technical.ChannelNames);
        Assert.Null(technical.FrameCount);
        Assert.NotNull(technical.ExtractedAt);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => store.UpsertTechnicalDataAsync(Technical(Guid.NewGuid()), None));
    }

    [Fact]
    public async Task Lists_sessions_newest_first_with_filters_paging_and_total()
    {
        await using var store = await Databases.NewStoreAsync();
        var march = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await store.RegisterUploadAsync(Upload($"P1/{i}.c3d", $"p1-{i}", sessionDate: march.AddDays(i)) with { PatientId = "P1" }, None);
            await Task.Delay(5); // distinct created_at values
        }

        await store.RegisterUploadAsync(Upload("P2/x.c3d", "p2", sessionDate: march) with { PatientId = "P2" }, None);

        var all = await store.ListSessionsAsync(new SessionQuery(Limit: 4), None);
        Assert.Equal(6, all.Total);
        Assert.Equal(4, all.Items.Count);
        Assert.Equal("P2/x.c3d", all.Items[0].FilePath);
        var rest = await store.ListSessionsAsync(new SessionQuery(Limit: 4, Offset: 4), None);
        Assert.Equal(2, rest.Items.Count);
        Assert.Empty(all.Items.Select(s => s.Id).Intersect(rest.Items.Select(s => s.Id)));

        var p1Range = await store.ListSessionsAsync(new SessionQuery(PatientId: "P1", SessionDateFrom: march.AddDays(1), SessionDateTo: march.AddDays(3)), None);
        Assert.Equal(3, p1Range.Total);
        Assert.Equal(["P1/3.c3d", "P1/2.c3d", "P1/1.c3d"], p1Range.Items.Select(s => s.FilePath));
        Assert.Equal(0, (await store.ListSessionsAsync(new SessionQuery(Status: SessionStatus.Completed), None)).Total);
        Assert.Equal(6, (await store.ListSessionsAsync(new SessionQuery(Status: SessionStatus.Pending), None)).Total);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListSessionsAsync(new SessionQuery(Limit: 0), None));
    }

    [Fact]
    public async Task Lists_sessions_matching_a_text_in_path_name_code_or_error_and_in_the_order_asked_for()
    {
        await using var store = await Databases.NewStoreAsync();
        var march = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var b = await store.RegisterUploadAsync(Upload("P2/session1/beta_run.c3d", "b", sessionDate: march.AddDays(2)), None);
        await Task.Delay(5); // distinct created_at values
        var a = await store.RegisterUploadAsync(Upload("P1/session1/Alpha_100%_run.c3d", "a", sessionDate: march.AddDays(5)), None);
        await Task.Delay(5);
        var c = await store.RegisterUploadAsync(Upload("P3/session1/gamma.c3d", "c"), None);
        await store.UpsertTechnicalDataAsync(Technical(b.SessionId) with { DurationSeconds = 30 }, None);
        await store.UpsertTechnicalDataAsync(Technical(a.SessionId) with { DurationSeconds = 175 }, None);
        var job = await store.ClaimJobAsync("w", LongLease, None);
        Assert.True(await store.FailJobAsync(job!.JobId, "w", "Truncated C3D file: 12 of 175 frames", null, None));
        var failed = job.SessionId;

        async Task<string[]> Paths(SessionQuery query) => [.. (await store.ListSessionsAsync(query, None)).Items.Select(s => s.FilePath)];

        Assert.Equal(["P1/session1/Alpha_100%_run.c3d"], await Paths(new SessionQuery(Text: "ALPHA")));
        Assert.Equal(["P1/session1/Alpha_100%_run.c3d"], await Paths(new SessionQuery(Text: "100%")));
        Assert.Empty(await Paths(new SessionQuery(Text: "10_%")));
        Assert.Equal(["P2/session1/beta_run.c3d"], await Paths(new SessionQuery(Text: "p2")));
        Assert.Equal((await store.GetSessionAsync(failed, None))!.FilePath, Assert.Single(await Paths(new SessionQuery(Text: "truncated c3d"))));
        Assert.Equal(3, (await store.ListSessionsAsync(new SessionQuery(Text: "session1"), None)).Total);
        Assert.Single((await store.ListSessionsAsync(new SessionQuery(Text: "run", Limit: 1, Sort: SessionSort.File, Ascending: true), None)).Items);

        Assert.Equal(["P3/session1/gamma.c3d", "P1/session1/Alpha_100%_run.c3d", "P2/session1/beta_run.c3d"], await Paths(new SessionQuery()));
        Assert.Equal(["P2/session1/beta_run.c3d", "P1/session1/Alpha_100%_run.c3d", "P3/session1/gamma.c3d"], await Paths(new SessionQuery(Ascending: true)));
        Assert.Equal(["P1/session1/Alpha_100%_run.c3d", "P2/session1/beta_run.c3d", "P3/session1/gamma.c3d"], await Paths(new SessionQuery(Sort: SessionSort.Recorded)));
        Assert.Equal(["P2/session1/beta_run.c3d", "P1/session1/Alpha_100%_run.c3d", "P3/session1/gamma.c3d"], await Paths(new SessionQuery(Sort: SessionSort.Recorded, Ascending: true)));
        Assert.Equal(["P1/session1/Alpha_100%_run.c3d", "P2/session1/beta_run.c3d", "P3/session1/gamma.c3d"], await Paths(new SessionQuery(Sort: SessionSort.Patient, Ascending: true)));
        Assert.Equal(["P2/session1/beta_run.c3d", "P1/session1/Alpha_100%_run.c3d", "P3/session1/gamma.c3d"], await Paths(new SessionQuery(Sort: SessionSort.Duration, Ascending: true)));
        Assert.Equal(["P1/session1/Alpha_100%_run.c3d", "P2/session1/beta_run.c3d", "P3/session1/gamma.c3d"], await Paths(new SessionQuery(Sort: SessionSort.File, Ascending: true)));
        Assert.Equal(failed, (await store.ListSessionsAsync(new SessionQuery(Sort: SessionSort.Status, Limit: 1, Ascending: true), None)).Items[0].Id);
    }

    [Fact]
    public async Task Deleting_a_session_cascades_to_its_technical_data_and_job()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        await store.UpsertTechnicalDataAsync(Technical(registration.SessionId), None);

        Assert.True(await store.DeleteSessionAsync(registration.SessionId, None));
        Assert.False(await store.DeleteSessionAsync(registration.SessionId, None));

        Assert.Null(await store.GetSessionAsync(registration.SessionId, None));
        var stats = await store.GetQueueStatisticsAsync(None);
        Assert.Equal(0, stats.JobsDue + stats.JobsLeased + stats.JobsWaiting);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => store.UpsertTechnicalDataAsync(Technical(registration.SessionId), None));
        Assert.Equal(RegistrationOutcome.Created, (await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None)).Outcome);
    }

    [Fact]
    public async Task A_cache_read_hits_only_with_the_same_version_params_and_a_fresh_access()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        await CompleteAsync(store, registration.SessionId, "w1");

        var hit = await store.ReadCacheAsync(registration.SessionId, "ghostly-v1", """{"lowcut":20,"highcut":450}""", TimeSpan.FromDays(30), None);
        Assert.NotNull(hit);
        Assert.Equal(1.5, JsonDocument.Parse(hit).RootElement.GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(), 9);
        Assert.Null(await store.ReadCacheAsync(registration.SessionId, "ghostly-v2", """{"highcut":450,"lowcut":20}""", TimeSpan.FromDays(30), None));
        Assert.Null(await store.ReadCacheAsync(registration.SessionId, "ghostly-v1", """{"highcut":500,"lowcut":20}""", TimeSpan.FromDays(30), None));
        Assert.Null(await store.ReadCacheAsync(Guid.NewGuid(), "ghostly-v1", """{"highcut":450,"lowcut":20}""", TimeSpan.FromDays(30), None));
        await Task.Delay(300);
        Assert.Null(await store.ReadCacheAsync(registration.SessionId, "ghostly-v1", """{"highcut":450,"lowcut":20}""", TimeSpan.FromMilliseconds(100), None));

        var session = await store.GetSessionAsync(registration.SessionId, None);
        Assert.Equal(1, session!.CacheHits);
    }

    [Fact]
    public async Task Parallel_cache_hits_are_all_counted()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        await CompleteAsync(store, registration.SessionId, "w1");

        var reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() =>
            store.ReadCacheAsync(registration.SessionId, "ghostly-v1", """{"highcut":450,"lowcut":20}""", TimeSpan.FromDays(30), None))));

        Assert.All(reads, Assert.NotNull);
        Assert.Equal(40, (await store.GetSessionAsync(registration.SessionId, None))!.CacheHits);
    }

    [Fact]
    public async Task Counting_a_hit_updates_the_session_and_an_unknown_id_is_an_error()
    {
        await using var store = await Databases.NewStoreAsync();
        var registration = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var before = await store.GetSessionAsync(registration.SessionId, None);
        await Task.Delay(20);

        await store.CountCacheHitAsync(registration.SessionId, None);
        await store.CountCacheHitAsync(registration.SessionId, None);

        var after = await store.GetSessionAsync(registration.SessionId, None);
        Assert.Equal(2, after!.CacheHits);
        Assert.True(after.UpdatedAt > before!.UpdatedAt, "updated_at is maintained on every update");
        await Assert.ThrowsAsync<SessionNotFoundException>(() => store.CountCacheHitAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task The_cache_is_cleared_by_hash_cleaned_after_its_ttl_and_summarised_by_aggregates()
    {
        await using var store = await Databases.NewStoreAsync();
        var a = await store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), None);
        var b = await store.RegisterUploadAsync(Upload("P1/b.c3d", "b"), None);
        await store.RegisterUploadAsync(Upload("P1/c.c3d", "c"), None);
        await CompleteAsync(store, a.SessionId, "w1");
        await CompleteAsync(store, b.SessionId, "w1");
        await store.CountCacheHitAsync(a.SessionId, None);
        await store.CountCacheHitAsync(a.SessionId, None);
        await store.CountCacheHitAsync(b.SessionId, None);

        var stats = await store.GetCacheStatisticsAsync(None);
        Assert.Equal(new CacheStatistics(3, 2, 3, 1.0, 2), stats);

        Assert.True(await store.ClearCacheByHashAsync(Hash("a").ToUpperInvariant(), None));
        Assert.False(await store.ClearCacheByHashAsync(Hash("nothing"), None));
        Assert.Equal("{}", (await store.GetSessionAsync(a.SessionId, None))!.AnalyticsCacheJson);
        Assert.Equal(0, await store.CleanupCacheAsync(TimeSpan.FromDays(30), None));
        await Task.Delay(300);
        Assert.Equal(1, await store.CleanupCacheAsync(TimeSpan.FromMilliseconds(100), None));
        Assert.Equal(0, (await store.GetCacheStatisticsAsync(None)).SessionsWithCache);
    }

    [Fact]
    public async Task Only_one_holder_of_a_singleton_at_a_time()
    {
        await using var store = await Databases.NewStoreAsync();
        await using var other = SessionStoreFactoryFor(store);

        var held = await store.TryAcquireSingletonAsync("reconciler", None);
        Assert.NotNull(held);
        Assert.Null(await other.TryAcquireSingletonAsync("reconciler", None));
        await using (var unrelated = await other.TryAcquireSingletonAsync("other-name", None))
        {
            Assert.NotNull(unrelated);
        }

        await held.DisposeAsync();
        await using var next = await other.TryAcquireSingletonAsync("reconciler", None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Answers_a_ping_and_migrates_idempotently()
    {
        await using var store = await Databases.NewStoreAsync();
        Assert.True(await store.PingAsync(None));
        await store.MigrateAsync(None);
        Assert.Equal(Databases.Engine == Core.Database.DatabaseEngine.Sqlite ? "sqlite" : "postgresql", store.Engine);
    }

    /// <summary>A second store on the same database (another process, as far as locks go).</summary>
    protected abstract ISessionStore SessionStoreFactoryFor(ISessionStore store);

    internal static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    internal static NewSession Upload(string path, string content, long size = 1000, DateTimeOffset? sessionDate = null) =>
        new(path, Hash(content), size, path[(path.LastIndexOf('/') + 1)..],
            path.StartsWith('P') ? path[..path.IndexOf('/')] : null,
            path.Count(c => c == '/') >= 2 ? path.Split('/')[1] : null,
            sessionDate, "{}");

    internal static TechnicalData Technical(Guid id) => new(id, 1000, 12.5, 12500, 2, ["EMG1", "EMG2"], 1000, 12.5, 450);

    internal static SessionCompletion Completion(Guid id, string worker) => new(
        id, worker,
        """{"analytics":{"CH1":{"rms":1.5}},"processing_params":{"lowcut":20,"highcut":450},"processing_version":"ghostly-v1","cached_at":"2025-01-01T00:00:00Z"}""",
        10, "{}", null, null);

    /// <summary>Asks for a job until one is due (a lease or a retry delay ran out), within a deadline for a loaded machine.</summary>
    private static async Task<ClaimedJob> ClaimOnceDueAsync(ISessionStore store, string worker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await store.ClaimJobAsync(worker, LongLease, None) is { } job)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No job became due for {worker} within 60 s (the lease or retry delay was {ShortLease.TotalSeconds} s).");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the store's wake-ups are settled: on PostgreSQL its listener's <c>LISTEN</c> is in place (it wakes
    /// every waiter once when it starts, for the jobs enqueued before it listened), then a wait lasts its whole timeout.
    /// </summary>
    private async Task WaitUntilListeningAsync(ISessionStore store, string spec)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        if (Databases.Engine == DatabaseEngine.Postgres)
        {
            const string Listening = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %'";
            while (Convert.ToInt64(await Databases.ScalarAsync(spec, Listening), CultureInfo.InvariantCulture) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The store's listener did not LISTEN within 60 s.");
                await Task.Delay(20);
            }
        }

        var settle = TimeSpan.FromSeconds(1);
        while (true)
        {
            var wait = Stopwatch.StartNew();
            await store.WaitForJobsAsync(settle, None);
            if (wait.Elapsed >= settle - TimeSpan.FromMilliseconds(50))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The store's waits kept being woken with no job enqueued.");
        }
    }

    private static async Task CompleteAsync(ISessionStore store, Guid id, string worker)
    {
        var job = await store.ClaimJobAsync(worker, LongLease, None);
        Assert.Equal(id, job?.SessionId);
        Assert.True(await store.CompleteJobAsync(Completion(id, worker), None));
    }
}
