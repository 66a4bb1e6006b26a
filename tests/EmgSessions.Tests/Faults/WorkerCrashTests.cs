using Xunit.Abstractions;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// SIGKILL of worker processes at random points (fixed seed) across several runs, on one database (SQLite
/// file, or a private PostgreSQL server) shared with an API-only serve process; afterwards a fresh worker completes everything (system.md §4.1:
/// a crashed worker's job becomes claimable again when its lease expires).
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class WorkerCrashTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Workers_killed_at_random_points_lose_nothing_and_a_fresh_worker_completes_every_session_once(string engine)
    {
        await using var postgres = engine == "postgresql" ? await PrivatePostgres.StartAsync() : null;
        await using var harness = new FaultHarness(recordings: 10, seed: 61);
        var database = postgres?.ConnectionString ?? harness.SqliteDatabase;
        var random = new Random(20_260_604);
        var api = await harness.ServeAsync(database, harness.LocalStorage, workers: 0);
        for (var i = 0; i < harness.Corpus.Files.Count; i++)
        {
            var reply = await harness.DeliverAsync(api, i);
            Assert.Equal(200, reply.Status);
            Assert.NotNull(reply.ProcessingId);
        }

        // Given workers that die with SIGKILL at random moments after their first claim, run after run: on even runs the
        // worker holds what it claimed (Workers:HoldWhileFileExists), so the kill lands in the middle of its work however
        // fast the machine is; on odd runs it works freely and dies wherever the random delay finds it …
        var hold = Path.Combine(Path.GetTempPath(), $"emgs-crash-hold-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(hold, "held");
        var kills = 0;
        for (var run = 0; run < 6; run++)
        {
            var environment = FaultHarness.FastRecovery();
            if (run % 2 == 0)
            {
                environment["EMGS_Workers__HoldWhileFileExists"] = hold;
            }

            var worker = await harness.WorkerAsync(database, harness.LocalStorage, workers: 2, environment);
            var claimed = await WaitForClaimAsync(worker, TimeSpan.FromSeconds(20));
            if (!claimed)
            {
                break; // nothing left to claim
            }

            var delay = TimeSpan.FromMilliseconds(random.Next(0, 700));
            await Task.Delay(delay);
            worker.Kill();
            kills++;
            output.WriteLine(FaultHarness.Invariant($"run {run}: killed {worker.Name} {delay.TotalMilliseconds} ms after its first claim; it completed {worker.Completed.Count}, claimed {worker.Claimed.Count}"));
        }

        File.Delete(hold);
        Assert.True(kills >= 2, "The campaign must kill workers in the middle of their work.");

        // … when a fresh worker starts, then every session completes exactly once, none stuck in processing.
        var survivor = await harness.WorkerAsync(database, harness.LocalStorage, workers: 2);
        var sessions = await harness.WaitSettledAsync(api, harness.Corpus.Files.Count, TimeSpan.FromSeconds(120));
        output.WriteLine($"fresh worker completed {survivor.Completed.Count}; statuses: {string.Join(", ", sessions.GroupBy(s => s.Status).Select(g => $"{g.Key} {g.Count()}"))}");
        await harness.AssertEverySessionSettledOnceAsync(api, sessions);
    }

    private static async Task<bool> WaitForClaimAsync(EmgSessions.LoadTesting.ServeProcess worker, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (worker.Claimed.Count > 0)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
