using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Database;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>The game's own scoring inputs (the recording's THERAPY group) through a real server, on both databases.</summary>
public abstract class RecordingInputsApiTests(bool postgres) : IAsyncLifetime
{
    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_recording_carrying_rpe_bfr_and_targets_is_scored_with_them_and_a_therapists_later_input_overrides_them()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var bytes = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
        {
            Seed = 21,
            DurationSeconds = 30,
            ContractionsPerChannel = 4,
            Therapy = new SyntheticTherapyParameters
            {
                Rpe = 5,
                BfrPressureAopLeft = 50,
                BfrPressureAopRight = 48.5f,
                TargetContractionsCh1 = 4,
                TargetContractionsCh2 = 8,
            },
        }).Bytes;

        var id = await ScoresApiTests.IngestAsync(server, "P710/s1/therapy.c3d", bytes);

        var stored = Assert.Single(await InputsAsync(id));
        Assert.Equal(InputSources.Recording, stored.Source);
        Assert.Equal("recording", stored.EnteredBy);
        Assert.Equal(5, stored.Rpe);
        Assert.Null(stored.BfrPressureAop);
        Assert.Equal(50, stored.BfrPressureAopLeft!.Value, 1e-9);
        Assert.Equal(48.5, stored.BfrPressureAopRight!.Value, 1e-9);
        Assert.Equal(4, stored.TargetContractionsLeft);
        Assert.Equal(8, stored.TargetContractionsRight);

        var scores = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores");
        Assert.False(scores.GetProperty("stale").GetBoolean());
        Assert.Equal(5, scores.GetProperty("rpe_post_session").GetInt32());
        Assert.Equal("entered", scores.GetProperty("rpe_source").GetString());
        Assert.Equal(100, scores.GetProperty("effort_score").GetDouble(), 1e-9);
        Assert.Equal(50, scores.GetProperty("bfr_pressure_aop_left").GetDouble(), 1e-9);
        Assert.Equal(48.5, scores.GetProperty("bfr_pressure_aop_right").GetDouble(), 1e-9);
        Assert.Equal(4, scores.GetProperty("expected_contractions_left").GetInt32());
        Assert.Equal(8, scores.GetProperty("expected_contractions_right").GetInt32());

        // A therapist's value wins for that field; the recording's other values still count.
        using (var put = await server.Client.PutAsync($"/api/sessions/{id}/inputs", new StringContent("""{"rpe": 8}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var after = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores");
        Assert.Equal(8, after.GetProperty("rpe_post_session").GetInt32());
        Assert.Equal(25, after.GetProperty("effort_score").GetDouble(), 1e-9);
        Assert.Equal(50, after.GetProperty("bfr_pressure_aop_left").GetDouble(), 1e-9);
        Assert.Equal(8, after.GetProperty("expected_contractions_right").GetInt32());
        var sources = (await InputsAsync(id)).Select(i => i.Source).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([InputSources.Recording, InputSources.Therapist], sources);
        Assert.Equal(5, (await InputsAsync(id)).Single(i => i.Source == InputSources.Recording).Rpe);
    }

    [Fact]
    public async Task Malformed_therapy_values_become_warnings_on_the_session_and_phase_2_completes_with_the_valid_ones()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var bytes = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
        {
            Seed = 22,
            DurationSeconds = 30,
            ContractionsPerChannel = 4,
            Therapy = new SyntheticTherapyParameters { BfrPressureAop = 140, TargetContractionsCh1 = 0, TargetContractionsCh2 = 6 },
            ExtraParameters = [C3dParameter.FromString("THERAPY", "RPE", "six")],
        }).Bytes;

        var id = await ScoresApiTests.IngestAsync(server, "P711/s1/malformed.c3d", bytes);

        var session = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        var warnings = session.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("code").GetString() == RecordingInputs.InvalidCode).Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, m => m.StartsWith("THERAPY:RPE is text \"six\"; it must be an integer from 0 to 10", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.StartsWith("THERAPY:BFR_PRESSURE_AOP is 140; it must be a number from 0 to 100", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.StartsWith("THERAPY:TARGET_CONTRACTIONS_CH1 is 0; it must be an integer from 1", StringComparison.Ordinal));

        var stored = Assert.Single(await InputsAsync(id));
        Assert.Null(stored.Rpe);
        Assert.Null(stored.BfrPressureAop);
        Assert.Null(stored.TargetContractionsLeft);
        Assert.Equal(6, stored.TargetContractionsRight);

        var scores = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores");
        Assert.Equal("default", scores.GetProperty("rpe_source").GetString());
        Assert.Equal(12, scores.GetProperty("expected_contractions_left").GetInt32());
        Assert.Equal(6, scores.GetProperty("expected_contractions_right").GetInt32());
    }

    [Fact]
    public async Task A_recording_without_a_therapy_group_stores_no_recording_inputs_and_no_warning()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var stem = TestFiles.GhostlyStems[^1];

        var id = await ScoresApiTests.IngestAsync(server, $"P712/s1/{stem}.c3d", await File.ReadAllBytesAsync(TestFiles.Sample(stem)));

        Assert.Empty(await InputsAsync(id));
        var session = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        Assert.DoesNotContain(session.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == RecordingInputs.InvalidCode);
        Assert.Equal("default", (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/scores")).GetProperty("rpe_source").GetString());
    }

    private async Task<IReadOnlyList<SessionInputs>> InputsAsync(Guid id)
    {
        await using var store = SessionStoreFactory.Create(_database.Spec, NullLoggerFactory.Instance);
        return await ScoringStoreFactory.For(store).GetInputsAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"Session {id} is missing.");
    }
}

public sealed class SqliteRecordingInputsApiTests() : RecordingInputsApiTests(postgres: false);

public sealed class PostgresRecordingInputsApiTests() : RecordingInputsApiTests(postgres: true);
