using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Jobs;

/// <summary>
/// The queue of many kinds (migration 040): dispatch per kind, unknown kinds, attempt history, dedup and retention,
/// through the real worker and the real store, written once and run on both engines by the subclasses.
/// </summary>
public abstract class JobQueueTests(TestDatabases databases)
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    [Fact]
    public async Task Jobs_of_two_kinds_each_go_to_the_handler_of_their_kind_with_their_payload()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var alpha = new ScriptedJobHandler("alpha");
        var beta = new ScriptedJobHandler("beta");
        var a1 = await store.EnqueueAsync(new JobRequest("alpha", """{"n":1}"""), None);
        var b1 = await store.EnqueueAsync(new JobRequest("beta", """{"n":2}"""), None);
        var a2 = await store.EnqueueAsync(new JobRequest("alpha", """{"n":3}"""), None);

        var worker = await RunUntilIdleAsync(store, alpha, beta);

        Assert.Equal(new[] { a1, a2 }.Order(), alpha.Seen.Select(j => j.JobId).Order());
        Assert.Equal([b1], beta.Seen.Select(j => j.JobId));
        Assert.All(alpha.Seen, j => Assert.Equal("alpha", j.Kind));
        Assert.Equal("""{"n":2}""", beta.Seen.Single().PayloadJson);
        Assert.Equal(["""{"n":1}""", """{"n":3}"""], alpha.Seen.Select(j => j.PayloadJson).Order(StringComparer.Ordinal));
        Assert.All(alpha.Seen.Concat(beta.Seen), j => Assert.Equal(Guid.Empty, j.SessionId));
        foreach (var id in new[] { a1, b1, a2 })
        {
            Assert.Equal(("succeeded", 1L), await JobAsync(spec, id));
            Assert.Equal([(1L, worker, "succeeded", (string?)null)], await AttemptsAsync(spec, id));
        }
    }

    [Fact]
    public async Task A_job_of_an_unknown_kind_fails_at_once_with_a_message_that_names_the_kind()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var known = new ScriptedJobHandler("alpha");
        var id = await store.EnqueueAsync(new JobRequest("mystery", "{}"), None);

        var worker = await RunUntilIdleAsync(store, known);

        Assert.Empty(known.Seen);
        Assert.Equal(("failed", 1L), await JobAsync(spec, id));
        var error = (string)(await Databases.ScalarAsync(spec, $"SELECT last_error FROM jobs WHERE id = '{id}'"))!;
        Assert.StartsWith("No handler for the job kind 'mystery' in this worker (it runs: alpha).", error, StringComparison.Ordinal);
        Assert.Equal([(1L, worker, "failed", error)], await AttemptsAsync(spec, id));
        Assert.Null(await store.ClaimJobAsync("another", TimeSpan.FromMinutes(1), None));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_both_attempts_are_kept_with_their_worker_outcome_and_error()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var calls = 0;
        var flaky = new ScriptedJobHandler("flaky", _ => Interlocked.Increment(ref calls) == 1
            ? Task.FromException(new IOException("disk hiccup"))
            : Task.CompletedTask);
        var id = await store.EnqueueAsync(new JobRequest("flaky", "{}"), None);

        var worker = await RunUntilIdleAsync(store, flaky);

        Assert.Equal(2, calls);
        Assert.Equal(("succeeded", 2L), await JobAsync(spec, id));
        Assert.Equal(
            [(1L, worker, "retried", "I/O error: disk hiccup"), (2L, worker, "succeeded", null)],
            await AttemptsAsync(spec, id));
    }

    [Fact]
    public async Task A_permanent_failure_ends_the_job_failed_without_a_retry()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var broken = new ScriptedJobHandler("broken", _ => Task.FromException(new InvalidDataException("payload has no target")));
        var id = await store.EnqueueAsync(new JobRequest("broken", """{"target":null}"""), None);

        var worker = await RunUntilIdleAsync(store, broken);

        Assert.Single(broken.Seen);
        Assert.Equal(("failed", 1L), await JobAsync(spec, id));
        Assert.Equal([(1L, worker, "failed", "Processing failed (InvalidDataException): payload has no target")], await AttemptsAsync(spec, id));
    }

    [Fact]
    public async Task A_job_whose_workers_kept_stopping_is_failed_without_calling_its_handler_again()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var handler = new ScriptedJobHandler("alpha");
        var id = await store.EnqueueAsync(new JobRequest("alpha", "{}"), None);
        await Databases.ExecuteAsync(spec, $"UPDATE jobs SET attempts = 3 WHERE id = '{id}'");

        await RunUntilIdleAsync(store, handler);

        Assert.Empty(handler.Seen);
        Assert.Equal(("failed", 4L), await JobAsync(spec, id));
        Assert.Equal(
            "Gave up after 3 attempts: a worker stopped while running this job each time.",
            await Databases.ScalarAsync(spec, $"SELECT last_error FROM jobs WHERE id = '{id}'"));
    }

    [Fact]
    public async Task A_second_enqueue_with_the_same_key_restarts_the_waiting_job_and_after_it_ends_a_new_job_is_made()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var first = await store.EnqueueAsync(new JobRequest("alpha", """{"v":1}""", "key-1"), None);
        var again = await store.EnqueueAsync(new JobRequest("alpha", """{"v":2}""", "key-1"), None);
        var otherKind = await store.EnqueueAsync(new JobRequest("beta", """{"v":1}""", "key-1"), None);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherKind);
        Assert.Equal("""{"v":2}""", await Databases.ScalarAsync(spec, $"SELECT payload FROM jobs WHERE id = '{first}'"));
        var claimed = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);
        var claimedOther = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);
        Assert.Equal(new[] { first, otherKind }.Order(), new[] { claimed!.JobId, claimedOther!.JobId }.Order());
        Assert.True(await store.SucceedJobAsync(first, "w1", None));
        Assert.False(await store.SucceedJobAsync(first, "w1", None));

        var next = await store.EnqueueAsync(new JobRequest("alpha", """{"v":3}""", "key-1"), None);

        Assert.NotEqual(first, next);
        Assert.Equal(("succeeded", 1L), await JobAsync(spec, first));
        Assert.Equal(("pending", 0L), await JobAsync(spec, next));
    }

    [Fact]
    public async Task A_payload_that_is_not_a_json_object_or_a_blank_kind_is_refused_before_anything_is_written()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;

        await Assert.ThrowsAsync<ArgumentException>(() => store.EnqueueAsync(new JobRequest("alpha", "[1,2]"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.EnqueueAsync(new JobRequest("alpha", "not json"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.EnqueueAsync(new JobRequest(" ", "{}"), None));

        Assert.Equal(0L, Convert.ToInt64(await Databases.ScalarAsync(spec, "SELECT count(*) FROM jobs"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Phase_2_keeps_its_job_as_history_and_a_reprocess_adds_a_new_one()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var session = (await store.RegisterUploadAsync(SessionStoreTests.Upload("P1/a.c3d", "a" + Guid.NewGuid()), None)).SessionId;
        var job = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);
        Assert.Equal(JobKinds.ProcessSession, job!.Kind);
        Assert.Equal(session, job.SessionId);
        Assert.Equal(JobKinds.SessionPayload(session), job.PayloadJson);
        Assert.True(await store.CompleteJobAsync(SessionStoreTests.Completion(session, "w1"), None));

        Assert.True(await store.EnqueueReprocessAsync(session, None));

        var rows = await Databases.QueryAsync(spec, $"SELECT id, state FROM jobs WHERE session_id = '{session}' ORDER BY state");
        Assert.Equal(["pending", "succeeded"], rows.Select(r => (string)r[1]!));
        Assert.Equal(job.JobId.ToString(), Convert.ToString(rows[1][0], CultureInfo.InvariantCulture));
        Assert.Equal([(1L, "w1", "succeeded", (string?)null)], await AttemptsAsync(spec, job.JobId));
        Assert.True(await store.DeleteSessionAsync(session, None));
        Assert.Equal(0L, Convert.ToInt64(await Databases.ScalarAsync(spec, "SELECT count(*) FROM jobs"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_retention_cleanup_removes_only_jobs_that_ended_before_the_cutoff_with_their_attempts()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var oldSucceeded = await EndedJobAsync(store, "ok", fail: false);
        var oldFailed = await EndedJobAsync(store, "bad", fail: true);
        var recent = await EndedJobAsync(store, "recent", fail: false);
        var running = await store.EnqueueAsync(new JobRequest("running", "{}"), None);
        Assert.Equal(running, (await store.ClaimJobAsync("w-running", TimeSpan.FromMinutes(5), None))!.JobId);
        var waiting = await store.EnqueueAsync(new JobRequest("waiting", "{}"), None);
        await Databases.ExecuteAsync(spec, $"UPDATE jobs SET finished_at = '2020-01-01T00:00:00.000Z' WHERE id IN ('{oldSucceeded}', '{oldFailed}')");
        await Databases.ExecuteAsync(spec, $"UPDATE jobs SET created_at = '2020-01-01T00:00:00.000Z', run_after = '2020-01-01T00:00:00.000Z' WHERE id IN ('{running}', '{waiting}')");

        Assert.Equal(2, await store.DeleteFinishedJobsAsync(DateTimeOffset.UtcNow.AddDays(-30), None));

        var left = (await Databases.QueryAsync(spec, "SELECT id FROM jobs")).Select(r => Guid.Parse(Convert.ToString(r[0], CultureInfo.InvariantCulture)!));
        Assert.Equal(new[] { recent, running, waiting }.Order(), left.Order());
        Assert.Empty(await AttemptsAsync(spec, oldSucceeded));
        Assert.Empty(await AttemptsAsync(spec, oldFailed));
        Assert.Single(await AttemptsAsync(spec, recent));
        Assert.Equal(0, await store.DeleteFinishedJobsAsync(DateTimeOffset.UtcNow.AddDays(-30), None));
    }

    [Fact]
    public async Task A_worker_applies_the_retention_when_it_starts()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var old = await EndedJobAsync(store, "old", fail: false);
        var recent = await EndedJobAsync(store, "recent", fail: false);
        await Databases.ExecuteAsync(spec, $"UPDATE jobs SET finished_at = '2020-01-01T00:00:00.000Z' WHERE id = '{old}'");

        await RunUntilIdleAsync(store);

        var left = (await Databases.QueryAsync(spec, "SELECT id FROM jobs")).Select(r => Guid.Parse(Convert.ToString(r[0], CultureInfo.InvariantCulture)!));
        Assert.Equal([recent], left);
    }

    [Fact]
    public async Task A_job_still_running_when_another_slot_finds_the_run_finished_runs_to_its_end_before_the_worker_returns()
    {
        // Given a run that looks finished as soon as its one job has started, as emgs ingest's does once a session is
        // completed while the slot that completed it still scores it.
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var held = new HeldJobHandler("held");
        var id = await store.EnqueueAsync(new JobRequest("held", "{}"), None);
        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new WorkerOptions { Count = 2, PollIntervalSeconds = 0.05 };
        var worker = new QueueWorker(store, new JobHandlerRegistry([held]), Options.Create(options), NullLogger<QueueWorker>.Instance);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // When the other slot finds the run finished while the job is held.
        var run = worker.RunAsync(2, _ =>
        {
            if (!held.Started.Task.IsCompleted)
            {
                return Task.FromResult(false);
            }

            decided.TrySetResult();
            return Task.FromResult(true);
        }, bound.Token);
        await held.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await decided.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Then the held job is not cancelled and the worker does not return before it ends. (The short look only bounds how
        // long a regression has to show itself: with the fix the handler is never cancelled, however long one looks.)
        await Task.WhenAny(held.Cancelled.Task, run, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(held.Cancelled.Task.IsCompleted, "the running job's handler was cancelled when another slot found the run finished");
        Assert.False(run.IsCompleted, "the worker returned while one of its slots still ran a job");
        held.Release();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(bound.IsCancellationRequested, "the worker did not return once the job ended");
        Assert.Equal(("succeeded", 1L), await JobAsync(spec, id));
    }

    private async Task<(string Spec, ISessionStore Store)> NewStoreAsync()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        return (spec, store);
    }

    /// <summary>A job of its own kind, claimed and ended now (succeeded or failed).</summary>
    private static async Task<Guid> EndedJobAsync(ISessionStore store, string kind, bool fail)
    {
        var id = await store.EnqueueAsync(new JobRequest(kind, "{}"), None);
        var job = await store.ClaimJobAsync("w-" + kind, TimeSpan.FromMinutes(5), None);
        Assert.Equal(id, job!.JobId);
        Assert.True(fail ? await store.FailJobAsync(id, "w-" + kind, "broken", null, None) : await store.SucceedJobAsync(id, "w-" + kind, None));
        return id;
    }

    /// <summary>
    /// Runs one worker slot with <paramref name="handlers"/> until no job is due, leased or waiting; returns the slot's
    /// worker id. Retries are due at once (no backoff), so the run needs no waiting of its own.
    /// </summary>
    private static async Task<string> RunUntilIdleAsync(ISessionStore store, params IJobHandler[] handlers)
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
        return worker.WorkerId + "/0";
    }

    private async Task<(string State, long Attempts)> JobAsync(string spec, Guid id)
    {
        var row = (await Databases.QueryAsync(spec, $"SELECT state, attempts FROM jobs WHERE id = '{id}'")).Single();
        return ((string)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
    }

    private async Task<List<(long Attempt, string Worker, string Outcome, string? Error)>> AttemptsAsync(string spec, Guid id)
    {
        var rows = await Databases.QueryAsync(spec,
            $"SELECT attempt, worker_id, outcome, error, finished_at FROM job_attempts WHERE job_id = '{id}' ORDER BY attempt, id");
        Assert.All(rows, r => Assert.NotNull(r[4]));
        return [.. rows.Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, (string)r[2]!, (string?)r[3]))];
    }
}
