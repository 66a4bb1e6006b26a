using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Database;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>A real <c>emgs worker</c> killed between storing a session's analytics and storing its score.</summary>
public abstract class ScoreRecoveryTests(bool postgres) : IAsyncLifetime
{
    private WorkerBench _bench = null!;

    public async Task InitializeAsync() => _bench = await WorkerBench.CreateAsync(postgres, "emgs-score-recovery-");

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    [Fact]
    public async Task A_worker_killed_after_the_analytics_and_before_the_score_leaves_a_stale_score_that_the_next_worker_computes()
    {
        // Given a registered recording and a worker that holds before scoring while a file exists.
        var bytes = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 91, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes;
        var id = await _bench.RegisterAsync("P600/s1/held.c3d", bytes);
        var hold = _bench.HoldFile();
        var scores = ScoringStoreFactory.For(_bench.Store);

        // When it is killed (SIGKILL) after the analytics are stored, while it holds before the score.
        using (var doomed = _bench.StartWorker(slots: 1, leaseSeconds: 3, environment: new Dictionary<string, string> { ["EMGS_Scoring__HoldWhileFileExists"] = hold }))
        {
            await doomed.WaitForLineAsync(l => l.Contains($"Holding the score of session {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            doomed.Kill();
        }

        // Then the session is completed with analytics and no score, and it is known to be stale.
        var session = await _bench.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(SessionStatus.Completed, session!.ProcessingStatus);
        Assert.Contains("\"analytics\"", session.AnalyticsCacheJson, StringComparison.Ordinal);
        Assert.Null(await scores.GetScoreAsync(id, CancellationToken.None));
        Assert.Contains(id, await scores.StaleSessionsAsync(100, CancellationToken.None));

        // And the next worker's sweep computes a fresh score.
        File.Delete(hold);
        using var next = _bench.StartWorker(slots: 1, leaseSeconds: 3);
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
