using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>Crash safety and scale-out with real <c>emgs worker</c> processes.</summary>
public abstract class WorkerProcessTests(bool postgres) : IAsyncLifetime
{
    private const string Bucket = "c3d-examples";

    private readonly string _root = Directory.CreateTempSubdirectory("emgs-workers-").FullName;
    private EndToEndDatabase _database = null!;
    private ISessionStore _store = null!;
    private SessionIngestor _ingestor = null!;
    private LocalFolderStorage _storage = null!;

    private string StorageRoot => Path.Combine(_root, "storage");

    private string Spool => Path.Combine(_root, "spool");

    public async Task InitializeAsync()
    {
        _database = await EndToEndDatabase.CreateAsync(postgres);
        _store = SessionStoreFactory.Create(_database.Spec, NullLoggerFactory.Instance);
        await _store.MigrateAsync(CancellationToken.None);
        _storage = new LocalFolderStorage(StorageRoot);
        _ingestor = new SessionIngestor(_storage, _store, new FileSpool(Spool), Options.Create(new WebhookOptions()), NullLogger<SessionIngestor>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_job_leaves_it_to_another_process_once_the_lease_expires()
    {
        // Given a long recording (30 minutes at 990 Hz) registered by Phase 1.
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 77, DurationSeconds = 1800, ContractionsPerChannel = 20 });
        var id = await RegisterAsync("P050/s1/long.c3d", recording.Bytes);

        // When a worker claims it and is killed with SIGKILL straight away.
        using (var doomed = WorkerProcess.Start(_database.Spec, StorageRoot, Spool, slots: 1, leaseSeconds: 3))
        {
            await doomed.WaitForLineAsync(l => l.Contains($"Claimed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            doomed.Kill();
            Assert.Empty(doomed.Completed());
        }

        var orphaned = await _store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Processing, orphaned!.ProcessingStatus);
        Assert.DoesNotContain("\"analytics\"", orphaned.AnalyticsCacheJson, StringComparison.Ordinal);

        // Then another process takes the job over after the lease expires and completes it.
        using var rescuer = WorkerProcess.Start(_database.Spec, StorageRoot, Spool, slots: 1, leaseSeconds: 3);
        var line = await rescuer.WaitForLineAsync(l => l.Contains($"Completed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var claim = await rescuer.WaitForLineAsync(l => l.Contains($"Claimed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        Assert.Contains("attempt 2,", claim, StringComparison.Ordinal);
        var session = await _store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        Assert.Equal((int)recording.SamplesPerChannel, session.Technical!.OriginalSampleCount);
        Assert.Equal(990.0, session.Technical.SamplingRate);
        Assert.NotNull(line);
        await rescuer.StopAsync();
    }

    [Fact]
    public async Task A_stopped_worker_gives_its_jobs_back_and_exits_cleanly()
    {
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 78, DurationSeconds = 1800 });
        var id = await RegisterAsync("P051/s1/long.c3d", recording.Bytes);

        using var worker = WorkerProcess.Start(_database.Spec, StorageRoot, Spool, slots: 1, leaseSeconds: 60);
        await worker.WaitForLineAsync(l => l.Contains($"Claimed session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await worker.StopAsync();

        var session = await _store.GetSessionAsync(id, CancellationToken.None);
        Assert.True(worker.HasExited);
        if (worker.Completed().Count == 0)
        {
            // Released: pending again, claimable at once despite the 60 s lease.
            Assert.Equal(SessionStatus.Pending, session!.ProcessingStatus);
            var job = await _store.ClaimJobAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.Equal(id, job?.SessionId);
            Assert.Equal(1, job!.Attempts);
        }
        else
        {
            Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        }
    }

    private async Task<Guid> RegisterAsync(string key, byte[] bytes)
    {
        await _storage.PutAsync(Bucket, key, new MemoryStream(bytes), CancellationToken.None);
        var result = await _ingestor.RegisterObjectAsync(Bucket, key, CancellationToken.None);
        Assert.True(result.IsAccepted, result.Message);
        return result.SessionId!.Value;
    }

    /// <summary>Registers <paramref name="count"/> distinct short recordings.</summary>
    private protected async Task<List<Guid>> RegisterManyAsync(int count, int firstSeed)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = (ulong)(firstSeed + i), DurationSeconds = 20, ContractionsPerChannel = 3 });
            ids.Add(await RegisterAsync($"P06{i % 3}/s{i}/rec{firstSeed + i}.c3d", recording.Bytes));
        }

        return ids;
    }

    private protected string DatabaseSpec => _database.Spec;

    private protected string StorageDirectory => StorageRoot;

    private protected string SpoolDirectory => Spool;

    private protected ISessionStore Store => _store;
}

public sealed class SqliteWorkerProcessTests() : WorkerProcessTests(postgres: false);

public sealed class PostgresWorkerProcessTests() : WorkerProcessTests(postgres: true)
{
    [Fact]
    public async Task Several_worker_processes_on_one_database_process_every_session_exactly_once()
    {
        // Given 18 sessions waiting before any worker runs.
        var ids = await RegisterManyAsync(18, firstSeed: 1000);

        // When three worker processes with two slots each compete for them (long poll: NOTIFY must wake them).
        var workers = Enumerable.Range(0, 3).Select(_ => WorkerProcess.Start(DatabaseSpec, StorageDirectory, SpoolDirectory, slots: 2, leaseSeconds: 30, pollSeconds: 30)).ToList();
        try
        {
            await WaitUntilCompletedAsync(ids, TimeSpan.FromSeconds(120));

            // And more sessions arrive while they idle: NOTIFY wakes them well before the 30 s poll.
            var started = DateTime.UtcNow;
            var late = await RegisterManyAsync(4, firstSeed: 2000);
            await WaitUntilCompletedAsync(late, TimeSpan.FromSeconds(20));
            var wake = DateTime.UtcNow - started;

            // Then every session was claimed and analysed exactly once, across all processes.
            var all = ids.Concat(late).ToList();
            await Task.Delay(300);
            var claimed = workers.SelectMany(w => w.Claimed()).ToList();
            var completed = workers.SelectMany(w => w.Completed()).ToList();
            Assert.Equal(all.Order(), completed.Order());
            Assert.Equal(all.Order(), claimed.Order());
            Assert.True(workers.Count(w => w.Completed().Count > 0) >= 2, "the work was not shared between processes");
            Assert.True(wake < TimeSpan.FromSeconds(15), $"late sessions took {wake.TotalSeconds:F1} s");
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
