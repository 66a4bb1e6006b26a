using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Patients;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>
/// Patients' progress through the application layer (<see cref="PatientQueries"/>, which the progress route and the
/// dashboard's Patient page and Overview share) on a real server, on both databases: the treatment start comes from the
/// patient record, the analytics metrics are trended per side, and each actor reads exactly the patients they may.
/// </summary>
public abstract class PatientProgressApiTests(bool postgres) : IAsyncLifetime
{
    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Adherence_counts_from_the_patients_recorded_treatment_start_and_the_analytics_metrics_are_trended_per_side()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await ScoresApiTests.IngestAsync(server, "P600/s1/a.c3d", SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 21, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        var recorded = (await server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P600/progress")).GetProperty("sessions")[0].GetProperty("date").GetString()!;
        var start = DateOnly.Parse(recorded, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1);
        await server.Services.GetRequiredService<IPatientStore>().CreatePatientAsync(new NewPatient("P600", TreatmentStartDate: start), CancellationToken.None);

        var progress = await server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P600/progress");
        var given = await server.Client.GetFromJsonAsync<JsonElement>($"/api/patients/P600/progress?treatment_start={start.AddDays(-5):yyyy-MM-dd}");
        var analytics = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics")).GetProperty("analytics");

        Assert.Equal(start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), progress.GetProperty("adherence").GetProperty("window_start").GetString());
        Assert.Equal(start.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), given.GetProperty("adherence").GetProperty("window_start").GetString());
        var metrics = progress.GetProperty("sessions")[0].GetProperty("metrics");
        foreach (var (channel, side) in new[] { ("CH1", "left"), ("CH2", "right") })
        {
            var c = analytics.GetProperty(channel);
            Assert.Equal(c.GetProperty("contraction_count").GetDouble(), metrics.GetProperty("contractions_" + side).GetDouble(), 1e-9);
            Assert.Equal(c.GetProperty("good_contraction_count").GetDouble(), metrics.GetProperty("good_contractions_" + side).GetDouble(), 1e-9);
            Assert.Equal(c.GetProperty("mvc_threshold_actual_value").GetDouble(), metrics.GetProperty("mvc_threshold_" + side).GetDouble(), 1e-15);
            Assert.Equal(c.GetProperty("mpf").GetDouble(), metrics.GetProperty("mpf_" + side).GetDouble(), 1e-9);
            Assert.Equal(c.GetProperty("mdf").GetDouble(), metrics.GetProperty("mdf_" + side).GetDouble(), 1e-9);
            var trend = progress.GetProperty("trends").GetProperty("mpf_" + side);
            Assert.Equal("insufficient_data", trend.GetProperty("direction").GetString());
            Assert.Equal(1, trend.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task Each_actor_reads_exactly_the_patients_it_may_and_a_researcher_gets_them_without_name_or_date_of_birth()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        var services = server.Services;
        var therapists = services.GetRequiredService<ITherapistStore>();
        var patients = services.GetRequiredService<IPatientStore>();
        var a = await therapists.CreateTherapistAsync("Ada", "A", Guid.NewGuid(), CancellationToken.None);
        var b = await therapists.CreateTherapistAsync("Bram", "B", Guid.NewGuid(), CancellationToken.None);
        await patients.CreatePatientAsync(new NewPatient("P701", a.Id, "Zelda", "Quarrington", new DateOnly(1948, 2, 29)), CancellationToken.None);
        await patients.CreatePatientAsync(new NewPatient("P702", b.Id), CancellationToken.None);
        var store = services.GetRequiredService<ISessionStore>();
        foreach (var code in new[] { "P701", "P702", "P703" })
        {
            await store.RegisterUploadAsync(
                new NewSession($"c3d-examples/{code}/s.c3d", new string(code[^1], 64), 1024, "s.c3d", code, null, null, "{}"), CancellationToken.None);
        }

        var queries = services.GetRequiredService<PatientQueries>();
        async Task<string[]> ListedAsync(Actor actor) => [.. (await queries.ListAsync(actor, CancellationToken.None)).Value!.Items.Select(p => p.PatientCode)];

        Assert.Equal(["P701"], await ListedAsync(Actor.Therapist("a@example.org", a.Id)));
        Assert.Equal(["P702"], await ListedAsync(Actor.Therapist("b@example.org", b.Id)));
        Assert.Empty(await ListedAsync(Actor.Therapist("new@example.org", null)));
        Assert.Equal(["P701", "P702", "P703"], await ListedAsync(Actor.Admin("admin@example.org")));
        Assert.Equal(["P701", "P702", "P703"], await ListedAsync(Actor.Researcher("r@example.org")));
        Assert.Equal(AnswerKind.Forbidden, (await queries.ListAsync(Actor.Machine("key"), CancellationToken.None)).Kind);

        var own = await queries.GetAsync(Actor.Therapist("a@example.org", a.Id), "P701", null, CancellationToken.None);
        var other = await queries.GetAsync(Actor.Therapist("a@example.org", a.Id), "P702", null, CancellationToken.None);
        var unassigned = await queries.GetAsync(Actor.Therapist("a@example.org", a.Id), "P703", null, CancellationToken.None);
        var researcher = await queries.GetAsync(Actor.Researcher("r@example.org"), "P701", null, CancellationToken.None);
        var admin = await queries.GetAsync(Actor.Admin("admin@example.org"), "P703", null, CancellationToken.None);
        var unknown = await queries.GetAsync(Actor.Admin("admin@example.org"), "P799", null, CancellationToken.None);

        Assert.Equal(("Zelda", "Ada A", 1), (own.Value!.Patient!.FirstName, own.Value.TherapistName, own.Value.Progress!.Sessions.Count));
        Assert.Equal(AnswerKind.NotFound, other.Kind);
        Assert.Equal(AnswerKind.NotFound, unassigned.Kind);
        Assert.Equal(AnswerKind.NotFound, unknown.Kind);
        var view = researcher.Value!.Patient!;
        Assert.Equal((null, null, null, true), (view.FirstName, view.LastName, view.DateOfBirth, view.Pseudonymised));
        Assert.NotNull(view.AgeYears);
        Assert.Null(admin.Value!.Patient); // no patient record: an unassigned code, its sessions still read
        Assert.Equal(TreatmentStartSource.FirstSession, admin.Value.TreatmentStartSource);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/patients/P799/progress")).StatusCode);
    }
}

public sealed class SqlitePatientProgressApiTests() : PatientProgressApiTests(postgres: false);

public sealed class PostgresPatientProgressApiTests() : PatientProgressApiTests(postgres: true);
