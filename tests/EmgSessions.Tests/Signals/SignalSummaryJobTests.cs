using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EmgSessions.Core.Signals;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using EmgSessions.Testing.Databases;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Signals;

/// <summary>
/// The <c>build-signal-summary</c> job over a real server (its own workers) on both databases: Phase 2's completion
/// stores the summaries before anyone asks, the endpoint answers from them with the recording gone, a failing job never
/// touches its completed session, and content whose summaries are stored is never built again.
/// </summary>
public abstract class SignalSummaryJobTests(bool postgres) : IAsyncLifetime
{
    private const string Key = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";
    private const string OtherKey = "P006/session2/copy-of-0881.c3d";

    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
    private static readonly byte[] Sample0409 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409));
    private static readonly DateTime Untouched = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task After_phase_2_the_summaries_are_stored_before_any_request_and_served_with_the_recording_gone()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await UploadAsync(server, Key, Sample0881);

        await WaitForSummariesAsync(server, id);

        var stored = SummaryPath(server, Sample0881);
        Assert.True(File.Exists(stored), "the summaries' file is written by the job, before any signal request");
        var job = Assert.Single(await SummaryJobsAsync(id));
        Assert.Equal(("succeeded", 1L, Hash(Sample0881), (string?)null), job);
        RemoveRecording(server, Key);

        var window = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/signals/CH1?points=2400");
        using var activated = await server.Client.GetAsync($"/api/sessions/{id}/signals/CH2?kind=activated&points=10");

        Assert.Equal(2375, window.GetProperty("min").GetArrayLength()); // ceil(173,370 / 73) buckets of 73 samples
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal([Path.GetFileName(stored)], Directory.GetFiles(Path.GetDirectoryName(stored)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_summary_job_that_cannot_write_is_retried_then_failed_with_its_message_and_the_session_stays_completed()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:MaxAttempts"] = "2" });
        await File.WriteAllTextAsync(Path.Combine(server.Root, "signals"), "a file where the summaries' folder should be");
        var id = await UploadAsync(server, Key, Sample0881);

        await WaitForSummariesAsync(server, id);

        var (state, attempts, _, error) = Assert.Single(await SummaryJobsAsync(id));
        Assert.Equal(("failed", 2L), (state, attempts));
        Assert.StartsWith("Failed after 2 attempts: The signal summaries could not be written (IOException)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Root, error, StringComparison.Ordinal);
        var outcomes = await TestDatabaseSql.QueryAsync(_database.Spec,
            $"SELECT a.outcome FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE j.session_id = '{id}' AND j.kind = '{SignalSummaryJobs.Kind}' ORDER BY a.attempt");
        Assert.Equal(["retried", "failed"], outcomes.Select(r => (string)r[0]!));
        var status = await server.StatusAsync(id);
        Assert.Equal(SessionStatus.Completed, status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error_message").ValueKind);

        // The view still works: built on request and held in memory, as before the job existed.
        var window = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/signals/CH1?points=100");
        Assert.Equal(100, window.GetProperty("max").GetArrayLength());
    }

    [Fact]
    public async Task Content_whose_summaries_are_stored_is_not_built_again_by_a_reprocess_or_another_session_but_a_changed_file_is()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var first = await UploadAsync(server, Key, Sample0881);
        await WaitForSummariesAsync(server, first);
        var stored0881 = SummaryPath(server, Sample0881);
        File.SetLastWriteTimeUtc(stored0881, Untouched);

        // A reprocess of the same file: its job runs and finds the summaries stored.
        using (var reprocess = await server.Client.PostAsync($"/api/sessions/{first}/reprocess", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        }

        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(first))[^1]);
        await WaitForSummariesAsync(server, first);
        Assert.Equal(Untouched, File.GetLastWriteTimeUtc(stored0881));
        Assert.Equal(
            [("succeeded", 1L, Hash(Sample0881), (string?)null), ("succeeded", 1L, Hash(Sample0881), null)],
            await SummaryJobsAsync(first));

        // The path overwritten with other bytes: reprocessed, and the new content's summaries are built.
        await server.PutAsync(Key, Sample0409);
        Assert.Equal(first, (await server.SendWebhookAsync(Key, Sample0409.Length, type: "UPDATE")).GetProperty("processing_id").GetGuid());
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(first))[^1]);
        await WaitForSummariesAsync(server, first);
        Assert.True(File.Exists(SummaryPath(server, Sample0409)));

        // Another session with the first bytes: its job finds them stored.
        var second = await UploadAsync(server, OtherKey, Sample0881);
        Assert.NotEqual(first, second);
        await WaitForSummariesAsync(server, second);
        Assert.Equal(Untouched, File.GetLastWriteTimeUtc(stored0881));
        Assert.Equal([("succeeded", 1L, Hash(Sample0881), (string?)null)], await SummaryJobsAsync(second));
        RemoveRecording(server, OtherKey);
        using var window = await server.Client.GetAsync($"/api/sessions/{second}/signals/CH1?points=10");
        Assert.Equal(HttpStatusCode.OK, window.StatusCode);
    }

    [Fact]
    public async Task Two_enqueues_for_the_same_content_while_one_waits_make_one_job()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        var jobs = new SignalSummaryJobs();
        var hash = Hash(Sample0881);
        var a = Guid.NewGuid();

        var one = await server.Store.EnqueueAsync(jobs.For(a, hash) with { SessionId = null }, CancellationToken.None);
        var two = await server.Store.EnqueueAsync(jobs.For(Guid.NewGuid(), hash) with { SessionId = null }, CancellationToken.None);
        var other = await server.Store.EnqueueAsync(jobs.For(a, Hash(Sample0409)) with { SessionId = null }, CancellationToken.None);

        Assert.Equal(one, two);
        Assert.NotEqual(one, other);
        var rows = await TestDatabaseSql.QueryAsync(_database.Spec, $"SELECT dedup_key, state FROM jobs WHERE kind = '{SignalSummaryJobs.Kind}' ORDER BY dedup_key");
        Assert.Equal(new[] { hash, Hash(Sample0409) }.Order(StringComparer.Ordinal), rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.Equal("pending", r[1]));
    }

    private static async Task<Guid> UploadAsync(EndToEndServer server, string key, byte[] bytes)
    {
        await server.PutAsync(key, bytes);
        var id = (await server.SendWebhookAsync(key, bytes.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
        return id;
    }

    /// <summary>
    /// Waits until no signal summary job of the session waits or runs. Called after the session is completed, whose
    /// transaction enqueued the job, so "none active" means it ended.
    /// </summary>
    private static async Task WaitForSummariesAsync(EndToEndServer server, Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await server.Store.CountActiveJobsAsync(SignalSummaryJobs.Kind, [id], CancellationToken.None) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The signal summary job of session {id} did not end.");
            await Task.Delay(20);
        }
    }

    /// <summary>The session's signal summary jobs in order of creation: state, attempts, payload's file hash, last error.</summary>
    private async Task<List<(string State, long Attempts, string FileHash, string? Error)>> SummaryJobsAsync(Guid id)
    {
        var rows = await TestDatabaseSql.QueryAsync(_database.Spec,
            $"SELECT state, attempts, payload, last_error FROM jobs WHERE session_id = '{id}' AND kind = '{SignalSummaryJobs.Kind}' ORDER BY created_at, id");
        return [.. rows.Select(r => (
            (string)r[0]!,
            Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
            JsonDocument.Parse(Convert.ToString(r[2], CultureInfo.InvariantCulture)!).RootElement.GetProperty("file_hash").GetString()!,
            (string?)r[3]))];
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string SummaryPath(EndToEndServer server, byte[] bytes) => Path.Combine(server.Root, "signals", Hash(bytes) + ".ems");

    /// <summary>Takes the recording away from the bucket and the spool: only stored summaries can answer now.</summary>
    private static void RemoveRecording(EndToEndServer server, string key)
    {
        File.Delete(Path.Combine(server.Root, "storage", EndToEndServer.Bucket, key.Replace('/', Path.DirectorySeparatorChar)));
        foreach (var spooled in Directory.GetFiles(Path.Combine(server.Root, "spool")))
        {
            File.Delete(spooled);
        }
    }
}

public sealed class SqliteSignalSummaryJobTests() : SignalSummaryJobTests(postgres: false);

public sealed class PostgresSignalSummaryJobTests() : SignalSummaryJobTests(postgres: true);
