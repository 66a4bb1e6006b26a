using Xunit.Abstractions;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// The spool disk fills up during ingestion: Phase 1 answers 503 with Retry-After and a message naming
/// the spool, leaves no partial files behind, and the objects are ingested later by the reconciler;
/// no session lost, stuck or duplicated.
/// </summary>
[Collection(FaultCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SpoolFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_spool_disk_answers_503_and_the_reconciler_ingests_the_rest_later()
    {
        await using var harness = new FaultHarness(recordings: 10, seed: 64, minMb: 0.6, maxMb: 0.9);
        await using var spool = await SmallSpool.CreateAsync(harness.Root, megabytes: 3);
        output.WriteLine(spool.Mounted ? "spool: 3 MB tmpfs" : "spool: read-only directory (not root: no tmpfs)");

        // Given an API process whose spool holds about three recordings, and no worker yet to drain it …
        var api = await harness.ServeAsync(harness.SqliteDatabase, harness.LocalStorage, workers: 0, FaultHarness.FastRecovery(spool.Directory));
        var replies = new List<WebhookReply>();
        for (var i = 0; i < harness.Corpus.Files.Count; i++)
        {
            replies.Add(await harness.DeliverAsync(api, i));
        }

        output.WriteLine($"webhooks: {string.Join(", ", replies.Select(r => r.Status))}; first 503: {replies.FirstOrDefault(r => r.Status == 503)?.Message}");
        var full = replies.Where(r => r.Status == 503).ToArray();
        Assert.NotEmpty(full);
        Assert.All(replies, r => Assert.True(r.Status is 200 or 503, $"status {r.Status}: {r.Message}"));
        Assert.All(full, r =>
        {
            Assert.NotNull(r.RetryAfter);
            Assert.Contains("spool", r.Message ?? "", StringComparison.OrdinalIgnoreCase);
        });
        if (spool.Mounted)
        {
            // No partial temp file is left taking space: what is used is whole spooled recordings.
            var spooled = Directory.GetFiles(spool.Directory);
            Assert.All(spooled, f => Assert.Matches("^[0-9a-f]{64}$", Path.GetFileName(f)));
            Assert.Equal(replies.Count(r => r.Status == 200), spooled.Length);
        }

        // … when workers run and the reconciler passes with room to spool, every file completes once.
        await harness.WorkerAsync(harness.SqliteDatabase, harness.LocalStorage, workers: 2);
        var (exitCode, text) = await harness.RunAsync(["sync", "--database", harness.SqliteDatabase, "--storage", harness.LocalStorage]);
        output.WriteLine($"sync: exit {exitCode}: {text.Trim()}");
        Assert.Equal(0, exitCode);
        var sessions = await harness.WaitSettledAsync(api, harness.Corpus.Files.Count, TimeSpan.FromSeconds(120));
        await harness.AssertEverySessionSettledOnceAsync(api, sessions);
    }
}
