using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>Crash safety and scale-out with real <c>emgs worker</c> processes.</summary>
public abstract class WorkerProcessTests(bool postgres) : IAsyncLifetime
{
    private WorkerBench _bench = null!;

    public async Task InitializeAsync() => _bench = await WorkerBench.CreateAsync(postgres, "emgs-workers-");

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_job_leaves_it_to_another_process_once_the_lease_expires()
    {
        // Given a recording registered by Phase 1, and a worker that holds every job it claims while a file exists.
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 77, DurationSeconds = 60, ContractionsPerChannel = 5 });
        var id = await _bench.RegisterAsync("P050/s1/long.c3d", recording.Bytes);
        var hold = _bench.HoldFile();

        // When the worker has certainly claimed it and not finished it, and is killed with SIGKILL.
        using (var doomed = _bench.StartWorker(slots: 1, leaseSeconds: 3, holdFile: hold))
        {
            await doomed.WaitForLineAsync(l => l.Contains($"Holding session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            doomed.Kill();
            Assert.Empty(doomed.Completed());
        }

        var orphaned = await _bench.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Processing, orphaned!.ProcessingStatus);
        Assert.DoesNotContain("\"analytics\"", orphaned.AnalyticsCacheJson, StringComparison.Ordinal);

        // Then a process of another data folder (another identity) takes the job over after the lease expires.
        File.Delete(hold);
        using var rescuer = _bench.StartWorker(slots: 1, leaseSeconds: 3, spool: Path.Combine(_bench.Root, "elsewhere", "spool"));
        var line = await rescuer.WaitForLineAsync(l => l.Contains($"Completed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var claim = await rescuer.WaitForLineAsync(l => l.Contains($"Claimed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        Assert.Contains("attempt 2,", claim, StringComparison.Ordinal);
        Assert.DoesNotContain(rescuer.Lines, l => l.Contains("Took back", StringComparison.Ordinal));
        var session = await _bench.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        Assert.Equal((int)recording.SamplesPerChannel, session.Technical!.OriginalSampleCount);
        Assert.Equal(990.0, session.Technical.SamplingRate);
        Assert.NotNull(line);
        await rescuer.StopAsync();
    }

    [Fact]
    public async Task A_worker_restarted_after_a_crash_takes_back_its_own_jobs_without_waiting_for_the_lease()
    {
        // Given a job held by a worker with a ten-minute lease, killed in the middle of it.
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 79, DurationSeconds = 20, ContractionsPerChannel = 3 });
        var id = await _bench.RegisterAsync("P052/s1/crash.c3d", recording.Bytes);
        var hold = _bench.HoldFile();
        string identity;
        using (var doomed = _bench.StartWorker(slots: 1, leaseSeconds: 600, holdFile: hold))
        {
            await doomed.WaitForLineAsync(l => l.Contains($"Holding session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            identity = StartedAs(doomed);
            doomed.Kill();
        }

        // When the process starts again on the same host and data folder.
        File.Delete(hold);
        using var restarted = _bench.StartWorker(slots: 1, leaseSeconds: 600);

        // Then it has the same identity, takes the job back at once (the lease has ten minutes left) and completes it.
        await restarted.WaitForLineAsync(l => l.Contains($"Completed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.Equal(identity, StartedAs(restarted));
        Assert.Contains(restarted.Lines, l => l.Contains("Took back 1 jobs", StringComparison.Ordinal));
        var claim = await restarted.WaitForLineAsync(l => l.Contains($"Claimed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        Assert.Contains("attempt 2,", claim, StringComparison.Ordinal);
        var session = await _bench.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        await restarted.StopAsync();
    }

    [Fact]
    public async Task A_second_live_worker_on_the_same_data_folder_never_takes_the_jobs_of_the_first()
    {
        // Given a worker in the middle of a job (held), with a ten-minute lease.
        var held = await _bench.RegisterAsync("P053/s1/held.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 80, DurationSeconds = 20, ContractionsPerChannel = 3 }).Bytes);
        var hold = _bench.HoldFile();
        using var first = _bench.StartWorker(slots: 1, leaseSeconds: 600, holdFile: hold);
        await first.WaitForLineAsync(l => l.Contains($"Holding session {held}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        // When a second process starts on the same folder and completes a later job (so it has looked at the queue).
        using var second = _bench.StartWorker(slots: 1, leaseSeconds: 600);
        await second.WaitForLineAsync(l => l.Contains("Workers started", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var later = await _bench.RegisterAsync("P053/s2/later.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 81, DurationSeconds = 20, ContractionsPerChannel = 3 }).Bytes);
        await second.WaitForLineAsync(l => l.Contains($"Completed session {later}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));

        // Then it has its own identity and left the first one's job alone; the first one finishes it, once.
        Assert.NotEqual(StartedAs(first), StartedAs(second));
        Assert.DoesNotContain(held, second.Claimed());
        Assert.DoesNotContain(second.Lines, l => l.Contains("Took back", StringComparison.Ordinal));
        File.Delete(hold);
        await first.WaitForLineAsync(l => l.Contains($"Completed session {held}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.Equal([held], first.Claimed());
        Assert.Equal(SessionStatus.Completed, (await _bench.Store.GetSessionAsync(held, CancellationToken.None))!.ProcessingStatus);
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task A_stopped_worker_gives_its_jobs_back_and_exits_cleanly()
    {
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 78, DurationSeconds = 1800 });
        var id = await _bench.RegisterAsync("P051/s1/long.c3d", recording.Bytes);

        using var worker = _bench.StartWorker(slots: 1, leaseSeconds: 60);
        await worker.WaitForLineAsync(l => l.Contains($"Claimed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await worker.StopAsync();

        var session = await _bench.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.True(worker.HasExited);
        if (worker.Completed().Count == 0)
        {
            // Released: pending again, claimable at once despite the 60 s lease.
            Assert.Equal(SessionStatus.Pending, session!.ProcessingStatus);
            var job = await _bench.Store.ClaimJobAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.Equal(id, job?.SessionId);
            Assert.Equal(1, job!.Attempts);
        }
        else
        {
            Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        }
    }

    /// <summary>The worker identity of the "Workers started: N slots as ID, lease" line.</summary>
    private static string StartedAs(WorkerProcess worker)
    {
        var line = worker.Lines.First(l => l.Contains("Workers started", StringComparison.Ordinal));
        var start = line.IndexOf(" as ", StringComparison.Ordinal) + 4;
        return line[start..line.IndexOf(", lease", start, StringComparison.Ordinal)];
    }

    /// <summary>Registers <paramref name="count"/> distinct short recordings.</summary>
    private protected async Task<List<Guid>> RegisterManyAsync(int count, int firstSeed)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = (ulong)(firstSeed + i), DurationSeconds = 20, ContractionsPerChannel = 3 });
            ids.Add(await _bench.RegisterAsync($"P06{i % 3}/s{i}/rec{firstSeed + i}.c3d", recording.Bytes));
        }

        return ids;
    }

    private protected WorkerBench Bench => _bench;

    private protected ISessionStore Store => _bench.Store;
}

public sealed class SqliteWorkerProcessTests() : WorkerProcessTests(postgres: false);

public sealed class PostgresWorkerProcessTests() : WorkerProcessTests(postgres: true)
{
    [Fact]
    public async Task Several_worker_processes_on_one_database_process_every_session_exactly_once()
    {
        // Given 18 sessions waiting before any worker runs.
        var ids = await RegisterManyAsync(18, firstSeed: 1000);

        // When three worker processes with two slots each compete for them (a poll far longer than the test: only NOTIFY
        // can wake them). Each holds what it claims until every process has claimed one, however staggered their starts.
        var hold = Bench.HoldFile();
        var workers = Enumerable.Range(0, 3).Select(_ => Bench.StartWorker(slots: 2, leaseSeconds: 30, holdFile: hold, pollSeconds: 600)).ToList();
        try
        {
            foreach (var worker in workers)
            {
                await worker.WaitForLineAsync(l => l.Contains("Holding session", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            }

            File.Delete(hold);
            await WaitUntilCompletedAsync(ids, TimeSpan.FromSeconds(120));

            // And more sessions arrive while they idle: NOTIFY wakes them (the 600 s poll would not, within the deadline).
            var late = await RegisterManyAsync(4, firstSeed: 2000);
            await WaitUntilCompletedAsync(late, TimeSpan.FromSeconds(120));

            // Then every session was claimed and analysed exactly once, across all processes. The processes stop first, so
            // that every line they wrote has been read.
            var all = ids.Concat(late).ToList();
            foreach (var worker in workers)
            {
                await worker.StopAsync();
            }

            var claimed = workers.SelectMany(w => w.Claimed()).ToList();
            var completed = workers.SelectMany(w => w.Completed()).ToList();
            Assert.Equal(all.Order(), completed.Order());
            Assert.Equal(all.Order(), claimed.Order());
            Assert.All(workers, w => Assert.NotEmpty(w.Completed()));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync();
                worker.Dispose();
            }
        }
    }

    private async Task WaitUntilCompletedAsync(IReadOnlyList<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var done = 0;
            foreach (var id in ids)
            {
                var session = await Store.GetSessionAsync(id, CancellationToken.None);
                Assert.NotEqual(SessionStatus.Failed, session!.ProcessingStatus);
                done += session.ProcessingStatus == SessionStatus.Completed ? 1 : 0;
            }

            if (done == ids.Count)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Not every session was completed in time.");
    }
}
