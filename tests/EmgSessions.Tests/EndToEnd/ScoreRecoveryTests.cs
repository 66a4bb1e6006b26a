using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Database;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>A real <c>emgs worker</c> killed between storing a session's analytics and storing its score.</summary>
public abstract class ScoreRecoveryTests(bool postgres) : IAsyncLifetime
{
    private const string Bucket = "c3d-examples";

    private readonly string _root = Directory.CreateTempSubdirectory("emgs-score-recovery-").FullName;
    private EndToEndDatabase _database = null!;
    private ISessionStore _store = null!;

    private string StorageRoot => Path.Combine(_root, "storage");

    private string Spool => Path.Combine(_root, "spool");

    public async Task InitializeAsync()
    {
        _database = await EndToEndDatabase.CreateAsync(postgres);
        _store = SessionStoreFactory.Create(_database.Spec, NullLoggerFactory.Instance);
        await _store.MigrateAsync(CancellationToken.None);
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
    public async Task A_worker_killed_after_the_analytics_and_before_the_score_leaves_a_stale_score_that_the_next_worker_computes()
    {
        // Given a registered recording and a worker that holds before scoring while a file exists.
        var storage = new LocalFolderStorage(StorageRoot);
        var ingestor = new SessionIngestor(storage, _store, new FileSpool(Spool), Options.Create(new WebhookOptions()), NullLogger<SessionIngestor>.Instance);
        var bytes = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 91, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes;
        await storage.PutAsync(Bucket, "P600/s1/held.c3d", new MemoryStream(bytes), CancellationToken.None);
        var registered = await ingestor.RegisterObjectAsync(Bucket, "P600/s1/held.c3d", CancellationToken.None);
        var id = registered.SessionId!.Value;
        var hold = Path.Combine(_root, "hold-score");
        await File.WriteAllTextAsync(hold, "held");
        var scores = ScoringStoreFactory.For(_store);

        // When it is killed (SIGKILL) after the analytics are stored, while it holds before the score.
        using (var doomed = WorkerProcess.Start(
            _database.Spec, StorageRoot, Spool, slots: 1, leaseSeconds: 3, environment: new Dictionary<string, string> { ["EMGS_Scoring__HoldWhileFileExists"] = hold }))
        {
            await doomed.WaitForLineAsync(l => l.Contains($"Holding the score of session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            doomed.Kill();
        }

        // Then the session is completed with analytics and no score, and it is known to be stale.
        var session = await _store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        Assert.Contains("\"analytics\"", session.AnalyticsCacheJson, StringComparison.Ordinal);
        Assert.Null(await scores.GetScoreAsync(id, CancellationToken.None));
        Assert.Contains(id, await scores.StaleSessionsAsync(100, CancellationToken.None));

        // And the next worker's sweep computes a fresh score.
        File.Delete(hold);
        using var next = WorkerProcess.Start(_database.Spec, StorageRoot, Spool, slots: 1, leaseSeconds: 3);
        await next.WaitForLineAsync(l => l.Contains($"Scored session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var stored = await scores.GetScoreAsync(id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("emgs", stored.Origin);
        Assert.False(stored.Stale);
        Assert.Equal(id, ScoreJson.Deserialize(stored.ResultJson)!.SessionId);
        Assert.Empty(await scores.StaleSessionsAsync(100, CancellationToken.None));
        await next.StopAsync();
    }
}

public sealed class SqliteScoreRecoveryTests() : ScoreRecoveryTests(postgres: false);

public sealed class PostgresScoreRecoveryTests() : ScoreRecoveryTests(postgres: true);
