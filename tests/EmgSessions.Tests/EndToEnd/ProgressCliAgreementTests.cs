using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Cli;
using EmgSessions.Core.Stores.People;
using EmgSessions.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.EndToEnd;

public sealed class SqliteProgressCliAgreementTests() : ProgressCliAgreementTests(postgres: false);

public sealed class PostgresProgressCliAgreementTests() : ProgressCliAgreementTests(postgres: true);

/// <summary>
/// <c>emgs progress PATIENT</c> and the dashboard's Patient page on the same database, both engines: the CLI counts
/// adherence from the patient record's treatment start as the page does (same window, same score), falls back to the
/// first session's date when the patient has no record, and a given <c>--treatment-start</c> still wins.
/// </summary>
public abstract partial class ProgressCliAgreementTests(bool postgres) : IAsyncLifetime
{
    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_cli_counts_adherence_from_the_patient_records_treatment_start_as_the_patient_page_does()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await ScoresApiTests.IngestAsync(server, "P620/s1/a.c3d", Recording(31));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddDays(-3);
        await server.Services.GetRequiredService<IPatientStore>().CreatePatientAsync(new NewPatient("P620", TreatmentStartDate: start), CancellationToken.None);

        var (api, page, (code, json, error), (textCode, text, _)) = await WithinOneDayAsync(async () => (
            await server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P620/progress"),
            await server.Client.GetStringAsync("/patients/P620"),
            await CliRunner.RunAsync("progress", "P620", "--json", "--database", _database.Spec),
            await CliRunner.RunAsync("progress", "P620", "--database", _database.Spec)));

        Assert.True(code == CliApplication.Success, json + error);
        Assert.Equal(CliApplication.Success, textCode);
        var cli = JsonDocument.Parse(json).RootElement;
        var startText = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(startText, cli.GetProperty("adherence").GetProperty("window_start").GetString());
        Assert.Equal(api.GetProperty("adherence").GetRawText(), cli.GetProperty("adherence").GetRawText());
        var shown = double.Parse(PageAdherence().Match(page).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(shown, cli.GetProperty("adherence").GetProperty("score").GetDouble(), 1e-9);
        Assert.Contains($"Treatment start: {startText} (patient record)", text, StringComparison.Ordinal);
        Assert.Contains(startText, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_patient_record_the_cli_counts_from_the_first_session_and_a_given_start_wins_over_the_record()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        await ScoresApiTests.IngestAsync(server, "P622/s1/a.c3d", Recording(32));
        await ScoresApiTests.IngestAsync(server, "P623/s1/a.c3d", Recording(33));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await server.Services.GetRequiredService<IPatientStore>().CreatePatientAsync(new NewPatient("P623", TreatmentStartDate: today.AddDays(-3)), CancellationToken.None);
        var given = today.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (api, apiGiven, (code, json, error), (_, text, _), (givenCode, givenJson, _), (_, givenText, _)) = await WithinOneDayAsync(async () => (
            await server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P622/progress"),
            await server.Client.GetFromJsonAsync<JsonElement>($"/api/patients/P623/progress?treatment_start={given}"),
            await CliRunner.RunAsync("progress", "P622", "--json", "--database", _database.Spec),
            await CliRunner.RunAsync("progress", "P622", "--database", _database.Spec),
            await CliRunner.RunAsync("progress", "P623", "--json", "--treatment-start", given, "--database", _database.Spec),
            await CliRunner.RunAsync("progress", "P623", "--treatment-start", given, "--database", _database.Spec)));

        Assert.True(code == CliApplication.Success, json + error);
        Assert.Equal(CliApplication.Success, givenCode);
        var firstSession = api.GetProperty("sessions")[0].GetProperty("date").GetString()!;
        Assert.Equal(api.GetProperty("adherence").GetRawText(), JsonDocument.Parse(json).RootElement.GetProperty("adherence").GetRawText());
        Assert.Contains($"Treatment start: {firstSession} (first session)", text, StringComparison.Ordinal);
        var cliGiven = JsonDocument.Parse(givenJson).RootElement.GetProperty("adherence");
        Assert.Equal(given, cliGiven.GetProperty("window_start").GetString());
        Assert.Equal(apiGiven.GetProperty("adherence").GetRawText(), cliGiven.GetRawText());
        Assert.Contains($"Treatment start: {given} (given)", givenText, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <paramref name="reads"/> again when midnight (UTC) passed while they ran: adherence counts up to today, so
    /// reads on either side of midnight rightly differ and would not be comparable.
    /// </summary>
    private static async Task<T> WithinOneDayAsync<T>(Func<Task<T>> reads)
    {
        while (true)
        {
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            var result = await reads();
            if (DateOnly.FromDateTime(DateTime.UtcNow) == day)
            {
                return result;
            }
        }
    }

    private static byte[] Recording(ulong seed) =>
        SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = seed, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes;

    [GeneratedRegex("data-adherence=\"([0-9.Ee+-]+)\"")]
    private static partial Regex PageAdherence();
}
