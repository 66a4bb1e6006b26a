using System.Diagnostics;
using Xunit.Abstractions;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// PostgreSQL stopped for a few seconds in the middle of ingestion (its own server, see
/// <see cref="PrivatePostgres"/>): webhooks during the outage answer 503 with Retry-After and a message, the
/// workers survive and resume, the reconciler ingests what was missed; no session lost, stuck or duplicated.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_outage_during_ingestion_loses_and_duplicates_nothing()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var harness = new FaultHarness(recordings: 14, seed: 63);
        var server = await harness.ServeAsync(postgres.ConnectionString, harness.LocalStorage, workers: 2);

        var replies = new List<WebhookReply>();
        var outage = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < harness.Corpus.Files.Count; i++)
            {
                if (i == 5)
                {
                    // Given the database goes away in the middle of the deliveries …
                    await postgres.StopServerAsync();
                    outage.Restart();
                }

                if (i == 10)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3) - outage.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
                    await postgres.StartServerAsync();
                    output.WriteLine($"database down for {outage.Elapsed.TotalSeconds:F1} s");
                }

                replies.Add(await harness.DeliverAsync(server, i));
                await Task.Delay(150);
            }
        }
        finally
        {
            // Never leave the server stopped, whatever happened.
            try
            {
                await postgres.StartServerAsync();
            }
            catch (InvalidOperationException)
            {
                // Already running.
            }
        }

        output.WriteLine($"webhooks: {string.Join(", ", replies.Select((r, i) => $"{i}:{r.Status}"))}");
        var unavailable = replies.Where(r => r.Status == 503).ToArray();
        Assert.NotEmpty(unavailable);
        Assert.All(replies, r => Assert.True(r.Status is 200 or 503, $"status {r.Status}: {r.Message}"));
        Assert.All(unavailable, r =>
        {
            Assert.NotNull(r.RetryAfter);
            Assert.False(string.IsNullOrWhiteSpace(r.Message));
        });

        // … then the serve process is still alive, the reconciler picks up the missed objects, and everything completes once.
        Assert.False(server.HasExited, "The server died with the database; see " + server.LogPath);
        var (exitCode, text) = await harness.RunAsync(["sync", "--database", postgres.ConnectionString, "--storage", harness.LocalStorage]);
        output.WriteLine($"sync: exit {exitCode}: {text.Trim()}");
        Assert.Equal(0, exitCode);
        var sessions = await harness.WaitSettledAsync(server, harness.Corpus.Files.Count, TimeSpan.FromSeconds(120));
        await harness.AssertEverySessionSettledOnceAsync(server, sessions);
    }
}
