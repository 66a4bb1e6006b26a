using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Signals;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Processing;
using EmgSessions.Core.Tests.Stores;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Signals;

/// <summary>
/// Phase 2's follow-up job on both engines, without a host: the completion enqueues it atomically, the queue counts what
/// <c>emgs ingest</c> waits for, and a recording gone from bucket and spool fails the job alone.
/// </summary>
public abstract class SignalSummaryJobHandlerTests(TestDatabases databases)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    [Fact]
    public async Task A_completion_enqueues_its_follow_up_in_its_own_transaction_and_a_completion_that_lost_its_job_enqueues_nothing()
    {
        var (_, store) = await NewStoreAsync();
        await using var _ = store;
        var jobs = new SignalSummaryJobs();
        var kept = (await store.RegisterUploadAsync(SessionStoreTests.Upload("P1/kept.c3d", "kept"), None)).SessionId;
        var lost = (await store.RegisterUploadAsync(SessionStoreTests.Upload("P1/lost.c3d", "lost"), None)).SessionId;
        var first = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);
        var second = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);
        Assert.Equal(new[] { kept, lost }.Order(), new[] { first!.SessionId, second!.SessionId }.Order());

        var completed = await store.CompleteJobAsync(SessionStoreTests.Completion(kept, "w1") with { FollowUp = jobs.For(kept, new string('a', 64)) }, None);
        var notHeld = await store.CompleteJobAsync(SessionStoreTests.Completion(lost, "another-worker") with { FollowUp = jobs.For(lost, new string('b', 64)) }, None);

        Assert.True(completed);
        Assert.False(notHeld);
        Assert.Equal(1, await store.CountActiveJobsAsync(SignalSummaryJobs.Kind, [kept, lost], None));
        Assert.Equal(0, await store.CountActiveJobsAsync(SignalSummaryJobs.Kind, [lost], None));
        Assert.Equal(0, await store.CountActiveJobsAsync(JobKinds.ProcessSession, [kept], None));
        Assert.Equal(1, await store.CountActiveJobsAsync(JobKinds.ProcessSession, [kept, lost], None));
        var job = await store.ClaimJobAsync("w2", TimeSpan.FromMinutes(5), None);
        Assert.Equal((SignalSummaryJobs.Kind, kept), (job!.Kind, job.SessionId));
        Assert.Equal($$"""{"session_id":"{{kept:D}}","file_hash":"{{new string('a', 64)}}"}""", job.PayloadJson);
        Assert.Equal(SessionStatus.Completed, (await store.GetSessionAsync(kept, None))!.ProcessingStatus);
    }

    [Fact]
    public async Task A_recording_gone_from_bucket_and_spool_fails_the_summary_job_at_once_and_the_session_stays_completed()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        using var harness = new ProcessingHarness(store);
        var summaries = new SignalSummaryStore(harness.Storage, harness.Spool, Options.Create(harness.Options), NullLogger<SignalSummaryStore>.Instance);
        var processor = new Sessions.Processing.SessionProcessor(store, harness.Storage, harness.Spool, harness.Analysis, harness.Ingestor,
            Options.Create(harness.Options), NullLogger<Sessions.Processing.SessionProcessor>.Instance, signalSummaries: new SignalSummaryJobs());
        var id = await harness.UploadAsync("P005/s1/0881.c3d", Sample0881);
        Assert.Equal(Sessions.Processing.ProcessingOutcome.Completed, await processor.ProcessAsync(await harness.ClaimAsync(), "test-worker", None));
        File.Delete(harness.StoragePath("P005/s1/0881.c3d"));
        foreach (var spooled in Directory.GetFiles(harness.Spool.Directory))
        {
            File.Delete(spooled);
        }

        await RunUntilIdleAsync(store, new BuildSignalSummaryJobHandler(summaries, NullLogger<BuildSignalSummaryJobHandler>.Instance));

        var row = (await databases.QueryAsync(spec, $"SELECT state, attempts, last_error FROM jobs WHERE session_id = '{id}' AND kind = '{SignalSummaryJobs.Kind}'")).Single();
        Assert.Equal(("failed", 1L), ((string)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture)));
        Assert.StartsWith("The file is no longer in storage: ", (string)row[2]!, StringComparison.Ordinal);
        var session = (await store.GetSessionAsync(id, None))!;
        Assert.Equal(SessionStatus.Completed, session.ProcessingStatus);
        Assert.Null(session.ProcessingErrorMessage);
        Assert.False(Directory.Exists(summaries.Directory) && Directory.EnumerateFiles(summaries.Directory, "*.ems").Any());
    }

    private async Task<(string Spec, ISessionStore Store)> NewStoreAsync()
    {
        var spec = await databases.NewMigratedDatabaseAsync();
        var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        return (spec, store);
    }

    private static async Task RunUntilIdleAsync(ISessionStore store, params IJobHandler[] handlers)
    {
        var options = new WorkerOptions { Count = 1, PollIntervalSeconds = 0.05, RetryBaseDelaySeconds = 0, RetryMaxDelaySeconds = 0, MaxAttempts = 3 };
        var worker = new QueueWorker(store, new JobHandlerRegistry(handlers), Options.Create(options), NullLogger<QueueWorker>.Instance);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await worker.RunAsync(1, async ct =>
        {
            var queue = await store.GetQueueStatisticsAsync(ct);
            return queue.JobsDue == 0 && queue.JobsLeased == 0 && queue.JobsWaiting == 0;
        }, bound.Token);
        Assert.False(bound.IsCancellationRequested, "The worker did not run the queue empty.");
    }
}

public sealed class SqliteSignalSummaryJobHandlerTests(SqliteTestDatabases databases) : SignalSummaryJobHandlerTests(databases), IClassFixture<SqliteTestDatabases>;

public sealed class PostgresSignalSummaryJobHandlerTests(PostgresTestDatabases databases) : SignalSummaryJobHandlerTests(databases), IClassFixture<PostgresTestDatabases>;
