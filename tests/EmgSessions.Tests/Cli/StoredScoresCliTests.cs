using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

/// <summary><c>emgs scores SESSION</c>, <c>emgs inputs SESSION …</c> and <c>emgs progress PATIENT</c> on an ingested data folder.</summary>
public sealed class StoredScoresCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-scores-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Inputs_entered_on_the_command_line_rescore_the_session_and_show_in_scores_and_progress()
    {
        // Given a recording of patient P700 ingested into a data folder.
        var input = Path.Combine(_dir, "input", "P700", "session1");
        Directory.CreateDirectory(input);
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0881), Path.Combine(input, "a.c3d"));
        var data = Path.Combine(_dir, "data");
        var (ingestCode, ingestTable, ingestError) = await CliRunner.RunAsync("ingest", Path.Combine(_dir, "input"), "--data-dir", data, "--workers", "1");
        Assert.True(ingestCode == CliApplication.Success, ingestTable + ingestError);
        var (_, list, _) = await CliRunner.RunAsync("sessions", "list", "--json", "--data-dir", data);
        var item = JsonDocument.Parse(list).RootElement.GetProperty("items")[0];
        var id = item.GetProperty("id").GetString()!;
        var patient = item.GetProperty("patient_id").GetString()!;

        // When inputs are entered, then the new score is printed and stored.
        var (inputsCode, inputsJson, inputsError) = await CliRunner.RunAsync("inputs", id, "--rpe", "6", "--game", "850/1000", "--bfr", "52", "--json", "--data-dir", data);
        Assert.True(inputsCode == CliApplication.Success, inputsJson + inputsError);
        var entered = JsonDocument.Parse(inputsJson).RootElement;
        Assert.Equal(6, entered.GetProperty("rpe_post_session").GetInt32());
        Assert.Equal(85, entered.GetProperty("game_score").GetDouble(), 1e-9);
        Assert.Equal(75, entered.GetProperty("effort_score").GetDouble(), 1e-9);

        var (scoresCode, scoresJson, _) = await CliRunner.RunAsync("scores", id[..13], "--json", "--data-dir", data);
        Assert.Equal(CliApplication.Success, scoresCode);
        var stored = JsonDocument.Parse(scoresJson).RootElement;
        Assert.Equal(entered.GetProperty("overall_score").GetDouble(), stored.GetProperty("overall_score").GetDouble(), 1e-9);
        Assert.False(stored.GetProperty("stale").GetBoolean());
        var (_, scoresText, _) = await CliRunner.RunAsync("scores", id, "--data-dir", data);
        Assert.Contains("rpe_post_session         6", scoresText, StringComparison.Ordinal);

        var (progressCode, progressJson, progressError) = await CliRunner.RunAsync("progress", patient, "--json", "--data-dir", data);
        Assert.True(progressCode == CliApplication.Success, progressJson + progressError);
        var progress = JsonDocument.Parse(progressJson).RootElement;
        Assert.Equal(id, progress.GetProperty("sessions")[0].GetProperty("session_id").GetString());
        var (_, progressTable, _) = await CliRunner.RunAsync("progress", patient, "--data-dir", data);
        Assert.Contains(id, progressTable, StringComparison.Ordinal);

        // And out-of-range inputs are refused with the field's rule, unknown patients and sessions with one line.
        var (badCode, _, badError) = await CliRunner.RunAsync("inputs", id, "--rpe", "11", "--data-dir", data);
        Assert.Equal(CliApplication.UsageError, badCode);
        Assert.Contains("rpe must be an integer from 0 to 10", badError, StringComparison.Ordinal);
        var (noneCode, _, noneError) = await CliRunner.RunAsync("progress", "P999", "--data-dir", data);
        Assert.Equal(CliApplication.Failure, noneCode);
        Assert.Contains("no session belongs to patient code 'P999'", noneError, StringComparison.Ordinal);
        var (emptyCode, _, emptyError) = await CliRunner.RunAsync("inputs", id, "--data-dir", data);
        Assert.Equal(CliApplication.UsageError, emptyCode);
        Assert.Contains("Give at least one input", emptyError, StringComparison.Ordinal);
    }
}
