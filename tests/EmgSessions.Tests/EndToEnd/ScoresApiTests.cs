using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Testing;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>Scores, inputs, progress and configurations through a real server on Kestrel with the shared recordings, on both databases.</summary>
public abstract class ScoresApiTests(bool postgres) : IAsyncLifetime
{
    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task One_patients_recordings_are_scored_inputs_rescore_them_and_progress_counts_only_that_patient()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var own = new List<Guid>();
        foreach (var (stem, i) in TestFiles.GhostlyStems.Select((s, i) => (s, i)))
        {
            own.Add(await IngestAsync(server, $"P100/session{i + 1}/{stem}.c3d", await File.ReadAllBytesAsync(TestFiles.Sample(stem))));
        }

        var other = await IngestAsync(server, "P200/session1/other.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 5, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);

        // Every completed session has a score, computed after Phase 2 with the trial default and no inputs yet.
        foreach (var id in own.Append(other))
        {
            var scores = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores");
            Assert.Equal("emgs", scores.GetProperty("origin").GetString());
            Assert.False(scores.GetProperty("stale").GetBoolean());
            Assert.Equal("ghostly-trial", scores.GetProperty("profile").GetString());
            Assert.Equal("default", scores.GetProperty("rpe_source").GetString());
            Assert.Equal(id.ToString(), scores.GetProperty("session_id").GetString());
            Assert.True(scores.GetProperty("data_completeness").GetProperty("has_emg_data").GetBoolean());
        }

        // Inputs entered over HTTP answer the new score.
        using (var put = await PutInputsAsync(server, own[0], """{"rpe": 6, "game_points_achieved": 850, "game_points_max": 1000, "bfr_pressure_aop": 52}"""))
        {
            var body = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(6, body.GetProperty("rpe_post_session").GetInt32());
            Assert.Equal("entered", body.GetProperty("rpe_source").GetString());
            Assert.Equal(75, body.GetProperty("effort_score").GetDouble(), 1e-9);
            Assert.Equal(850, body.GetProperty("game_points_achieved").GetInt32());
            Assert.True(body.GetProperty("bfr_compliant").GetBoolean());
        }

        // A partial change keeps what was entered before.
        using (var put = await PutInputsAsync(server, own[0], """{"rpe": 8}"""))
        {
            var body = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(8, body.GetProperty("rpe_post_session").GetInt32());
            Assert.Equal(850, body.GetProperty("game_points_achieved").GetInt32());
            Assert.Equal(52, body.GetProperty("bfr_pressure_aop").GetDouble(), 1e-9);
        }

        var stored = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{own[0]}/scores");
        Assert.Equal(8, stored.GetProperty("rpe_post_session").GetInt32());

        // Each change over HTTP is in the audit trail with the fields it changed, as the dashboard's form is.
        var trail = await server.Client.GetFromJsonAsync<JsonElement>($"/api/audit?action=session.changed&subject_id={own[0]}");
        Assert.Equal(2, trail.GetProperty("total").GetInt64());

        var progress = await server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P100/progress");
        var sessions = progress.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal("P100", progress.GetProperty("patient_code").GetString());
        Assert.Equal(own.Order(), sessions.Select(s => s.GetProperty("session_id").GetGuid()).Order());
        Assert.All(sessions, s => Assert.Equal("P100", s.GetProperty("patient_code").GetString()));
        Assert.All(sessions, s => Assert.Equal(JsonValueKind.Object, s.GetProperty("scores").ValueKind));
        Assert.True(progress.GetProperty("trends").TryGetProperty("overall_score", out _));
        Assert.Contains(progress.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("session_ids").EnumerateArray().Any(x => x.GetGuid() == own[0]) && a.GetProperty("reason").GetString()!.Contains('8', StringComparison.Ordinal));
        using var unknown = await server.Client.GetAsync("/api/patients/P999/progress");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{"rpe": 11}""", "rpe", "rpe must be an integer from 0 to 10 (Borg CR10); got 11.")]
    [InlineData("""{"rpe": "six"}""", "rpe", "rpe must be a whole number (got \"six\").")]
    [InlineData("""{"bfr_pressure_aop": 120}""", "bfr_pressure_aop", null)]
    [InlineData("""{"game_points_achieved": 900, "game_points_max": 800}""", "game_points_achieved", "game_points_achieved (900) must not exceed game_points_max (800).")]
    [InlineData("""{"colour": 1}""", "colour", null)]
    [InlineData("""[1, 2]""", "body", null)]
    public async Task Out_of_range_inputs_are_a_400_naming_the_field_and_nothing_is_stored(string body, string field, string? message)
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server, "P300/s1/a.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 9, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);

        using var put = await PutInputsAsync(server, id, body);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        if (message is not null)
        {
            Assert.Contains(message, messages);
        }

        var scores = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores");
        Assert.Equal("default", scores.GetProperty("rpe_source").GetString());
        using var missing = await PutInputsAsync(server, Guid.NewGuid(), """{"rpe": 5}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_new_configuration_gives_new_scores_its_id_and_earlier_scores_keep_theirs()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var first = await IngestAsync(server, "P400/s1/a.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 11, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        var second = await IngestAsync(server, "P400/s2/b.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 12, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        var before = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{first}/scores")).GetProperty("scoring_config_id").GetString();

        using var create = await server.Client.PostAsync("/api/scoring/configurations", Json("""
            {"configuration_name": "GHOSTLY-TRIAL-DEFAULT", "description": "symmetry weighs more",
             "weights": {"compliance": 0.40, "symmetry": 0.35, "effort": 0.25, "game": 0, "completion": 0.333, "intensity": 0.333, "duration": 0.334}}
            """));
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal(2, created.GetProperty("version").GetInt32());
        Assert.True(created.GetProperty("active").GetBoolean());
        var after = created.GetProperty("id").GetString();

        using var put = await PutInputsAsync(server, first, """{"rpe": 5}""");
        var rescored = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(after, rescored.GetProperty("scoring_config_id").GetString());
        Assert.Equal(0.35, rescored.GetProperty("weights_used").GetProperty("symmetry").GetDouble(), 1e-9);
        Assert.Equal(before, (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{second}/scores")).GetProperty("scoring_config_id").GetString());

        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/scoring/configurations");
        var versions = list.GetProperty("configurations").EnumerateArray().ToList();
        Assert.Equal([before, after], versions.Select(v => v.GetProperty("id").GetString()));
        Assert.Equal([false, true], versions.Select(v => v.GetProperty("active").GetBoolean()));
        Assert.Equal(0.50, versions[0].GetProperty("weights").GetProperty("compliance").GetDouble(), 1e-9);

        using var bad = await server.Client.PostAsync("/api/scoring/configurations", Json("""
            {"configuration_name": "BROKEN", "weights": {"compliance": 0.9, "symmetry": 0.35, "effort": 0.25, "game": 0, "completion": 0.333, "intensity": 0.333, "duration": 0.334}}
            """));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("weights", (await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var activate = await server.Client.PostAsync($"/api/scoring/configurations/{before}/activate", null);
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        Assert.True((await server.Client.GetFromJsonAsync<JsonElement>($"/api/scoring/configurations/{before}")).GetProperty("active").GetBoolean());
        using var missing = await server.Client.PostAsync($"/api/scoring/configurations/{Guid.NewGuid()}/activate", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_predecessors_update_future_data_webhook_answers_its_old_shape()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server, "P500/s1/a.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 13, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);

        using var ok = await server.Client.PostAsync($"/webhooks/session/{id}/update-future-data?rpe=5&bfr_pressure_aop=50&game_points_achieved=10&game_points_max=20", null);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Future data updated and scores recalculated", body.GetProperty("message").GetString());
        Assert.Equal(id.ToString(), body.GetProperty("session_id").GetString());
        Assert.Equal(["rpe", "game_points_achieved", "game_points_max", "bfr_pressure_aop"], body.GetProperty("updated_fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(5, body.GetProperty("new_scores").GetProperty("rpe_post_session").GetInt32());
        Assert.Equal(50, body.GetProperty("new_scores").GetProperty("game_score").GetDouble(), 1e-9);

        // Inputs a therapist enters win over the webhook's.
        using (await PutInputsAsync(server, id, """{"rpe": 3}"""))
        {
        }

        Assert.Equal(3, (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores")).GetProperty("rpe_post_session").GetInt32());

        using var bad = await server.Client.PostAsync($"/webhooks/session/{id}/update-future-data?rpe=abc", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("rpe must be a whole number (got 'abc').", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var range = await server.Client.PostAsync($"/webhooks/session/{id}/update-future-data?rpe=12", null);
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        using var missing = await server.Client.PostAsync($"/webhooks/session/{Guid.NewGuid()}/update-future-data?rpe=4", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static async Task<Guid> IngestAsync(EndToEndServer server, string key, byte[] bytes)
    {
        await server.PutAsync(key, bytes);
        var reply = await server.SendWebhookAsync(key, bytes.Length);
        var id = Guid.Parse(reply.GetProperty("processing_id").GetString()!);
        Assert.Equal("completed", (await server.WaitForOutcomeAsync(id, TimeSpan.FromSeconds(120)))[^1]);
        await server.WaitForScoreAsync(id, TimeSpan.FromSeconds(60));
        return id;
    }

    private static Task<HttpResponseMessage> PutInputsAsync(EndToEndServer server, Guid id, string json) =>
        server.Client.PutAsync($"/api/sessions/{id}/inputs", Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class SqliteScoresApiTests() : ScoresApiTests(postgres: false);

public sealed class PostgresScoresApiTests() : ScoresApiTests(postgres: true);
