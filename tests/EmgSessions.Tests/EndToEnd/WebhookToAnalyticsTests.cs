using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>The whole story through a real server on Kestrel with real files, on both databases.</summary>
public abstract class WebhookToAnalyticsTests(bool postgres) : IAsyncLifetime
{
    private const string Key0881 = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";

    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("/api/sessions?limit=abc", "limit", "limit must be a whole number between 1 and 500 (got 'abc').")]
    [InlineData("/api/sessions?limit=0", "limit", "limit must be a whole number between 1 and 500 (got '0').")]
    [InlineData("/api/sessions?offset=-1", "offset", "offset must be a whole number of 0 or more (got '-1').")]
    [InlineData("/api/sessions?from=notadate", "from", "from must be an ISO 8601 date or date-time such as 2023-03-21 or 2023-03-21T17:50:00Z (got 'notadate').")]
    [InlineData("/api/sessions?to=2023-13-45", "to", "to must be an ISO 8601 date or date-time such as 2023-03-21 or 2023-03-21T17:50:00Z (got '2023-13-45').")]
    [InlineData("/api/sessions?sort=newest", "sort", "sort must be one of created, recorded, patient, status, duration, file (got 'newest').")]
    [InlineData("/api/sessions?order=up", "order", "order must be asc or desc (got 'up').")]
    [InlineData("/api/sessions?therapist_id=anna", "therapist_id", "therapist_id must be a therapist's id (a UUID; GET /api/therapists lists them), got 'anna'.")]
    [InlineData("/api/sessions/abc%01def", "id", "id 'abc%01def' is not a session id: give a UUID such as 0193a0c2-7d4e-7b1a-9c3e-5f6a7b8c9d0e.")]
    [InlineData("/api/sessions/not-a-uuid/analytics", "id", "id 'not-a-uuid' is not a session id: give a UUID such as 0193a0c2-7d4e-7b1a-9c3e-5f6a7b8c9d0e.")]
    [InlineData("/webhooks/storage/status/abc%01def", "id", "id 'abc%01def' is not a session id: give a UUID such as 0193a0c2-7d4e-7b1a-9c3e-5f6a7b8c9d0e.")]
    public async Task Every_invalid_parameter_is_a_400_that_names_it_and_its_accepted_form(string path, string parameter, string message)
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });

        using var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message, Assert.Single(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray()).GetString());
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_with_a_percent_encoded_nul_is_refused_as_a_bad_request()
    {
        // Kestrel refuses a NUL in the path itself, before any route runs (so the answer cannot name the parameter).
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });

        using var response = await server.Client.GetAsync("/api/sessions/abc%00def");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_webhook_goes_pending_then_processing_then_completed_with_the_technical_data_and_analysis_of_the_file()
    {
        // Given a server without workers, so every state can be observed.
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        await server.PutAsync(Key0881, Sample0881);

        // When the upload's webhook arrives.
        var answer = await server.SendWebhookAsync(Key0881, Sample0881.Length);
        var id = answer.GetProperty("processing_id").GetGuid();

        // Then the session is pending, becomes processing when a worker claims it, and completed after Phase 2.
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal("C3D file processing initiated", answer.GetProperty("message").GetString());
        Assert.Equal(SessionStatus.Pending, (await server.StatusAsync(id)).GetProperty("status").GetString());
        var job = await server.Store.ClaimJobAsync("e2e-worker", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(id, job!.SessionId);
        Assert.Equal(SessionStatus.Processing, (await server.StatusAsync(id)).GetProperty("status").GetString());
        var processor = (SessionProcessor)server.Services.GetService(typeof(SessionProcessor))!;
        Assert.Equal(ProcessingOutcome.Completed, await processor.ProcessAsync(job, "e2e-worker", CancellationToken.None));
        var status = await server.StatusAsync(id);
        Assert.Equal(SessionStatus.Completed, status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("has_analysis").GetBoolean());

        await AssertSessionMatchesTheFileAsync(server, id, Sample0881);
    }

    [Fact]
    public async Task Workers_complete_a_webhook_session_on_their_own_and_the_analytics_read_counts_a_cache_hit()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key0881, Sample0881);

        var id = (await server.SendWebhookAsync(Key0881, Sample0881.Length)).GetProperty("processing_id").GetGuid();
        var seen = await server.WaitForOutcomeAsync(id);

        Assert.Equal(SessionStatus.Completed, seen[^1]);
        Assert.All(seen, s => Assert.Contains(s, new[] { SessionStatus.Pending, SessionStatus.Processing, SessionStatus.Completed }));
        await AssertSessionMatchesTheFileAsync(server, id, Sample0881);
        var before = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        using var analytics = await server.Client.GetAsync($"/api/sessions/{id}/analytics");
        var after = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
        Assert.Equal(before.GetProperty("cache_hits").GetInt32() + 1, after.GetProperty("cache_hits").GetInt32());
    }

    [Fact]
    public async Task Duplicate_deliveries_sent_concurrently_give_one_session()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key0881, Sample0881);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => server.SendWebhookAsync(Key0881, Sample0881.Length)));

        var ids = answers.Select(a => a.GetProperty("processing_id").GetGuid()).Distinct().ToList();
        var id = Assert.Single(ids);
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions?patient_id=P005");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
    }

    [Fact]
    public async Task The_same_content_under_another_path_answers_with_the_original_session()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key0881, Sample0881);
        await server.PutAsync("P006/session9/copy.c3d", Sample0881);
        var original = (await server.SendWebhookAsync(Key0881, Sample0881.Length)).GetProperty("processing_id").GetGuid();

        var copy = await server.SendWebhookAsync("P006/session9/copy.c3d", Sample0881.Length);

        Assert.True(copy.GetProperty("success").GetBoolean());
        Assert.Equal(original, copy.GetProperty("processing_id").GetGuid());
        Assert.StartsWith("Duplicate file detected", copy.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(Key0881, copy.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_overwrite_with_new_bytes_reprocesses_the_session()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key0881, Sample0881);
        var id = (await server.SendWebhookAsync(Key0881, Sample0881.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
        var replacement = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0409));

        await server.PutAsync(Key0881, replacement);
        var answer = await server.SendWebhookAsync(Key0881, replacement.Length, type: "UPDATE");

        Assert.Equal(id, answer.GetProperty("processing_id").GetGuid());
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
        await AssertSessionMatchesTheFileAsync(server, id, replacement);
    }

    [Fact]
    public async Task A_corrupt_file_ends_failed_with_a_clear_message()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var corrupt = new byte[4096];
        new Random(7).NextBytes(corrupt);
        await server.PutAsync("P007/s1/corrupt.c3d", corrupt);

        var id = (await server.SendWebhookAsync("P007/s1/corrupt.c3d", corrupt.Length)).GetProperty("processing_id").GetGuid();
        var seen = await server.WaitForOutcomeAsync(id);

        Assert.Equal(SessionStatus.Failed, seen[^1]);
        var status = await server.StatusAsync(id);
        Assert.StartsWith("Not a readable C3D file: ", status.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        using var analytics = await server.Client.GetAsync($"/api/sessions/{id}/analytics");
        Assert.Equal(HttpStatusCode.Conflict, analytics.StatusCode);
        Assert.Equal("application/problem+json", analytics.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sessions_can_be_listed_reprocessed_and_deleted_through_the_api()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key0881, Sample0881);
        var id = (await server.SendWebhookAsync(Key0881, Sample0881.Length)).GetProperty("processing_id").GetGuid();
        await server.WaitForOutcomeAsync(id);

        var completed = await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions?status=completed&from=2023-03-21T00:00:00Z&to=2023-03-22T00:00:00Z&limit=10");
        var none = await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions?from=2024-01-01T00:00:00Z");
        using var reprocess = await server.Client.PostAsync($"/api/sessions/{id}/reprocess", null);
        var again = await server.WaitForOutcomeAsync(id);
        using var delete = await server.Client.DeleteAsync($"/api/sessions/{id}");
        using var gone = await server.Client.GetAsync($"/api/sessions/{id}");
        using var malformed = await server.Client.GetAsync("/api/sessions/not-a-uuid");

        Assert.Equal(1, completed.GetProperty("total").GetInt32());
        Assert.Equal(id, completed.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        Assert.Equal(SessionStatus.Completed, again[^1]);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task The_cache_admin_endpoints_count_clean_and_evict()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key0881, Sample0881);
        var id = (await server.SendWebhookAsync(Key0881, Sample0881.Length)).GetProperty("processing_id").GetGuid();
        await server.WaitForOutcomeAsync(id);
        (await server.Client.GetAsync($"/api/sessions/{id}/analytics")).Dispose();
        var hash = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).GetProperty("file_hash").GetString();

        var stats = await server.Client.GetFromJsonAsync<JsonElement>("/api/cache/stats");
        using var cleanup = await server.Client.PostAsync("/api/cache/cleanup", null);
        var cleaned = await cleanup.Content.ReadFromJsonAsync<JsonElement>();
        using var evict = await server.Client.DeleteAsync($"/api/cache/{hash}");
        using var miss = await server.Client.GetAsync($"/api/sessions/{id}/analytics");
        using var unknown = await server.Client.DeleteAsync($"/api/cache/{new string('a', 64)}");
        using var malformed = await server.Client.DeleteAsync("/api/cache/xyz");

        Assert.Equal(1, stats.GetProperty("total_sessions").GetInt64());
        Assert.Equal(1, stats.GetProperty("sessions_with_cache").GetInt64());
        Assert.Equal(1, stats.GetProperty("total_hits").GetInt64());
        Assert.Equal(1, stats.GetProperty("recent_activity_7d").GetInt64());
        Assert.Equal(0, cleaned.GetProperty("cleaned").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, evict.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Upload_analyses_a_posted_file_without_storing_it()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Sample0881) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "file", "Ghostly_Emg_20230321_17-50-17-0881.C3D");
        form.Add(new StringContent("P005"), "patient_id");
        form.Add(new StringContent("0.25"), "threshold_factor");

        using var response = await server.Client.PostAsync("/upload", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(Sample0881)), AnalysisOptions.Default with { ThresholdFactor = 0.25 });
        using var direct = JsonDocument.Parse(expected.ToJson());
        Assert.Equal(direct.RootElement.GetProperty("analytics").GetRawText(), body.GetProperty("analytics").GetRawText());
        Assert.Equal(173.0, body.GetProperty("metadata").GetProperty("duration").GetDouble());
        Assert.Equal(12.0, body.GetProperty("metadata").GetProperty("score").GetDouble());
        Assert.Equal(990.0, body.GetProperty("c3d_parameters").GetProperty("sampling_rate").GetDouble());
        Assert.Equal(5779, body.GetProperty("c3d_parameters").GetProperty("frame_count").GetInt32());
        Assert.Equal("P005", body.GetProperty("patient_id").GetString());
        Assert.Equal(0, (await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Api_keys_guard_the_api_and_upload_but_not_health()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Server:ApiKeys"] = "k-one,k-two" });

        using var anonymous = await server.Client.GetAsync("/api/sessions");
        using var wrong = await Send(server, "/api/sessions", "nope");
        using var right = await Send(server, "/api/sessions", "k-two");
        using var upload = await server.Client.PostAsync("/upload", new MultipartFormDataContent());
        using var health = await server.Client.GetAsync("/health/ready");
        using var openApi = await server.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/sessions/{id}/analytics", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Send(EndToEndServer server, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await server.Client.SendAsync(request);
    }

    /// <summary>Technical data from the reader and the cached analytics equal to the analysis of the same bytes.</summary>
    private static async Task AssertSessionMatchesTheFileAsync(EndToEndServer server, Guid id, byte[] bytes)
    {
        var recording = C3dReader.Read(bytes);
        var session = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        var technical = session.GetProperty("technical_data");
        Assert.Equal(990.0, technical.GetProperty("sampling_rate").GetDouble());
        Assert.Equal(990.0, technical.GetProperty("original_sampling_rate").GetDouble());
        Assert.Equal(4, technical.GetProperty("channel_count").GetInt32());
        Assert.Equal(recording.Info.AnalogSamplesPerChannel, technical.GetProperty("original_sample_count").GetInt64());
        Assert.Equal(recording.Info.FrameCount, technical.GetProperty("frame_count").GetInt64());
        Assert.Equal(recording.Info.AnalogSamplesPerChannel / 990.0, technical.GetProperty("duration_seconds").GetDouble(), 1e-4);

        var expected = EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(recording), AnalysisOptions.Default);
        using var direct = JsonDocument.Parse(expected.ToJson());
        var cached = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics");
        foreach (var key in new[] { "analytics", "metadata", "available_channels" })
        {
            JsonEquivalence.AssertEquivalent(direct.RootElement.GetProperty(key), cached.GetProperty(key), key);
        }
    }
}

public sealed class SqliteWebhookToAnalyticsTests() : WebhookToAnalyticsTests(postgres: false);

public sealed class PostgresWebhookToAnalyticsTests() : WebhookToAnalyticsTests(postgres: true);
