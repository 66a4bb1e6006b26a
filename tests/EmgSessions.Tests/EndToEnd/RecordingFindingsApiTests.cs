using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>
/// What the API says about incomplete recordings, through a real server on both databases: a truncated recording's
/// warnings in the session and analytics responses; an overwrite with nothing to analyse fails with the reason and
/// leaves the earlier analytics readable.
/// </summary>
public abstract class RecordingFindingsApiTests(bool postgres) : IAsyncLifetime
{
    private const string Key = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";

    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_truncated_recording_carries_its_warnings_in_the_session_and_the_analytics_responses()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var truncated = Sample0881[..(Sample0881.Length * 60 / 100)];
        await server.PutAsync(Key, truncated);

        var id = (await server.SendWebhookAsync(Key, truncated.Length)).GetProperty("processing_id").GetGuid();

        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
        var session = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        Assert.Equal(3466, session.GetProperty("technical_data").GetProperty("frame_count").GetInt32());
        var warning = Assert.Single(session.GetProperty("warnings").EnumerateArray());
        Assert.Equal("FrameCountClamped", warning.GetProperty("code").GetString());
        Assert.Equal("The parameters declare 5779 frames but the file holds only 3466 complete frames of 496 bytes.", warning.GetProperty("message").GetString());
        Assert.Empty(session.GetProperty("skipped_channels").EnumerateArray());
        Assert.Equal(session.GetProperty("file_hash").GetString(), session.GetProperty("analytics_file_hash").GetString());
        var analytics = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics");
        Assert.Equal("FrameCountClamped", Assert.Single(analytics.GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(2, analytics.GetProperty("analytics").EnumerateObject().Count());
    }

    [Fact]
    public async Task An_overwrite_with_nothing_to_analyse_fails_with_the_reason_and_the_earlier_analytics_stay_readable()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await server.PutAsync(Key, Sample0881);
        var id = (await server.SendWebhookAsync(Key, Sample0881.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
        var good = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics");

        var cut = Sample0881[..700];
        await server.PutAsync(Key, cut);
        var answer = await server.SendWebhookAsync(Key, cut.Length, type: "UPDATE");

        Assert.Equal(id, answer.GetProperty("processing_id").GetGuid());
        Assert.Equal(SessionStatus.Failed, (await server.WaitForOutcomeAsync(id))[^1]);
        var session = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        Assert.Equal(
            "The recording holds no samples: the file ends at byte 700 but its data should start at byte 1536: the upload is incomplete. The analytics of the previous upload are kept.",
            session.GetProperty("processing_error_message").GetString());
        Assert.True(session.GetProperty("has_analytics").GetBoolean());
        Assert.NotEqual(session.GetProperty("file_hash").GetString(), session.GetProperty("analytics_file_hash").GetString());
        using var analytics = await server.Client.GetAsync($"/api/sessions/{id}/analytics");
        Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
        var kept = await analytics.Content.ReadFromJsonAsync<JsonElement>();
        JsonEquivalence.AssertEquivalent(good.GetProperty("analytics"), kept.GetProperty("analytics"), "analytics");
    }
}

public sealed class SqliteRecordingFindingsApiTests() : RecordingFindingsApiTests(postgres: false);

public sealed class PostgresRecordingFindingsApiTests() : RecordingFindingsApiTests(postgres: true);
