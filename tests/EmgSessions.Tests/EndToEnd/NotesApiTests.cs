using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.C3d.Synthetic;

namespace EmgSessions.Tests.EndToEnd;

public sealed class SqliteNotesApiTests() : NotesApiTests(postgres: false);

public sealed class PostgresNotesApiTests() : NotesApiTests(postgres: true);

/// <summary><c>GET/POST /api/sessions/{id}/notes</c> through a real server on Kestrel, on both databases.</summary>
public abstract class NotesApiTests(bool postgres) : IAsyncLifetime
{
    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Empty_or_too_long_text_answers_400_naming_text_a_note_is_then_added_listed_and_audited_without_its_text()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await ScoresApiTests.IngestAsync(server, "P910/s1/a.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 21, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        const string Text = "Sore shoulder; lowered the game level.";

        using var empty = await PostAsync(server, id, """{"text": "   "}""");
        using var missing = await PostAsync(server, id, "not json");
        using var tooLong = await PostAsync(server, id, JsonSerializer.Serialize(new { text = new string('a', 4001) }));
        var emptyBody = await empty.Content.ReadFromJsonAsync<JsonElement>();
        var longBody = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        var none = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/notes");
        using var added = await PostAsync(server, id, JsonSerializer.Serialize(new { text = Text }));
        var note = await added.Content.ReadFromJsonAsync<JsonElement>();
        var listed = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/notes");
        var trail = await server.Client.GetStringAsync($"/api/audit?action=session.changed&subject_id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("empty", emptyBody.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("4,001", longBody.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, none.GetProperty("notes").GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(Text, note.GetProperty("text").GetString());
        Assert.Equal("emgs", note.GetProperty("origin").GetString());
        var only = Assert.Single(listed.GetProperty("notes").EnumerateArray().ToList());
        Assert.Equal(Text, only.GetProperty("text").GetString());
        Assert.Equal(note.GetProperty("id").GetGuid(), only.GetProperty("id").GetGuid());
        Assert.Equal("local", only.GetProperty("author").GetString());
        Assert.Contains("\"note\":\"added\"", trail, StringComparison.Ordinal);
        Assert.DoesNotContain("Sore shoulder", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_the_notes_by_a_person_is_audited_as_a_session_read_without_note_text_and_a_refused_read_is_not()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, services: People.TestActors.Register);
        var id = await ScoresApiTests.IngestAsync(server, "P911/s1/a.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 22, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        using (var added = await PostAsync(server, id, JsonSerializer.Serialize(new { text = "Felt faint; stopped early." })))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var adminRead = await GetAsActorAsync(server, $"/api/sessions/{id}/notes", People.TestActors.Admin);
        using var researcherRead = await GetAsActorAsync(server, $"/api/sessions/{id}/notes", People.TestActors.Researcher);
        using var localRead = await server.Client.GetAsync($"/api/sessions/{id}/notes");
        using var trailResponse = await GetAsActorAsync(server, $"/api/audit?action=session.read&subject_id={id}&limit=100", People.TestActors.Admin);
        var trailText = await trailResponse.Content.ReadAsStringAsync();
        var reads = JsonDocument.Parse(trailText).RootElement.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("details").TryGetProperty("notes", out _))
            .ToList();

        Assert.Equal(HttpStatusCode.OK, adminRead.StatusCode);
        Assert.Contains("Felt faint", await adminRead.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, researcherRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, localRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, trailResponse.StatusCode);
        var read = Assert.Single(reads);
        Assert.Equal("admin@example.org", read.GetProperty("actor").GetString());
        Assert.Equal("admin", read.GetProperty("actor_role").GetString());
        Assert.Equal("session", read.GetProperty("subject_type").GetString());
        Assert.Equal("read", read.GetProperty("details").GetProperty("notes").GetString());
        Assert.DoesNotContain("Felt faint", trailText, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsActorAsync(EndToEndServer server, string path, string actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(People.TestActors.Header, actor);
        return await server.Client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostAsync(EndToEndServer server, Guid id, string json) =>
        server.Client.PostAsync($"/api/sessions/{id}/notes", new StringContent(json, Encoding.UTF8, "application/json"));
}
