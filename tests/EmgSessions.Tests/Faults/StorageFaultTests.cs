using Xunit.Abstractions;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// Storage answering 5xx, 429 and too slowly (system.md §3.3, §4.3): the webhook answers 503 with
/// Retry-After and a message, the reconciler ingests what was missed, workers that must download retry
/// with backoff; afterwards every file is exactly one completed session.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Storage_errors_and_timeouts_delay_sessions_but_lose_or_duplicate_none()
    {
        await using var harness = new FaultHarness(recordings: 12, seed: 62);
        await using var storage = new FaultyStorageServer(harness.Corpus.StorageRoot, seed: 20_260_605);
        await storage.StartAsync();
        var environment = FaultHarness.FastRecovery();
        environment["EMGS_STORAGE_KEY"] = FaultyStorageServer.ServiceKey;
        environment["EMGS_Storage__RequestTimeout"] = "00:00:01";

        // The API process ingests; the worker process has its own spool, so it downloads every file through the faults.
        var api = await harness.ServeAsync(harness.SqliteDatabase, storage.Spec, workers: 0, environment);
        var replies = new List<WebhookReply>();
        for (var i = 0; i < harness.Corpus.Files.Count; i++)
        {
            replies.Add(await harness.DeliverAsync(api, i));
        }

        var unavailable = replies.Where(r => r.Status == 503).ToArray();
        output.WriteLine($"webhooks: {string.Join(", ", replies.GroupBy(r => r.Status).Select(g => $"{g.Key}: {g.Count()}"))}");
        Assert.All(replies, r => Assert.True(r.Status is 200 or 503, $"status {r.Status}: {r.Message}"));
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, r =>
        {
            Assert.NotNull(r.RetryAfter);
            Assert.False(string.IsNullOrWhiteSpace(r.Message));
        });

        var worker = await harness.WorkerAsync(harness.SqliteDatabase, storage.Spec, workers: 2, environment);

        // The worker downloads the accepted files through the faults (retrying with backoff) …
        var accepted = replies.Count(r => r.Status == 200);
        var settled = await harness.WaitSettledAsync(api, accepted, TimeSpan.FromSeconds(90));
        Assert.Equal(accepted, settled.Count(s => s.Status == "completed"));

        // A reconciliation pass during the storm fails with a message (it lists every folder, one call each) …
        var (stormExit, stormText) = await harness.RunAsync(["sync", "--database", harness.SqliteDatabase, "--storage", storage.Spec], environment);
        output.WriteLine($"sync during the storm: exit {stormExit}: {stormText.Trim().Split('\n')[^1]}");
        Assert.True(stormExit == 0 || stormText.Contains("unavailable", StringComparison.Ordinal), stormText);

        // … and once storage recovers, one pass ingests everything the 503s missed.
        storage.ErrorRate = 0;
        storage.StallRate = 0;
        var (exitCode, text) = await harness.RunAsync(["sync", "--database", harness.SqliteDatabase, "--storage", storage.Spec], environment);
        output.WriteLine($"sync after recovery: exit {exitCode}: {text.Trim()}");
        Assert.Equal(0, exitCode);

        var sessions = await harness.WaitSettledAsync(api, harness.Corpus.Files.Count, TimeSpan.FromSeconds(120));
        output.WriteLine($"storage: {storage.Served} served, {storage.Errors} errors, {storage.Stalls} stalls; worker claims {worker.Claimed.Values.Sum()} for {worker.Completed.Count} completions");
        Assert.True(storage.Errors > 0 && storage.Stalls > 0, "The storage must actually have misbehaved.");
        await harness.AssertEverySessionSettledOnceAsync(api, sessions);
    }
}
