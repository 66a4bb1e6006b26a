using System.Text.Json;
using EmgSessions.Cli;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-demo-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Makes_ingests_and_tabulates_synthetic_recordings_with_zero_configuration()
    {
        var (code, output, error) = await CliRunner.RunAsync("demo", "--count", "3", "--data-dir", _dir);

        Assert.True(code == CliApplication.Success, output + error);
        Assert.Contains("3 recordings: 3 completed, 0 not completed.", output, StringComparison.Ordinal);
        Assert.Contains("Contractions found (placed)", output, StringComparison.Ordinal);
        Assert.Contains($"Dashboard: run './emgs serve --data-dir {_dir}' and open http://127.0.0.1:8080/sessions", output, StringComparison.Ordinal);
        Assert.Contains("CH1 4 (4), CH2 4 (4)", output, StringComparison.Ordinal);
        Assert.Contains("µV", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "emgs.db")));

        // The sessions are in the database the other verbs read.
        var (listCode, list, _) = await CliRunner.RunAsync("sessions", "list", "--data-dir", _dir, "--json");
        Assert.Equal(CliApplication.Success, listCode);
        using var json = JsonDocument.Parse(list);
        Assert.Equal(3, json.RootElement.GetProperty("total").GetInt32());
        var first = json.RootElement.GetProperty("items")[0];
        Assert.Equal("completed", first.GetProperty("processing_status").GetString());
        Assert.Equal(990.0, first.GetProperty("technical_data").GetProperty("sampling_rate").GetDouble());
    }

    [Fact]
    public async Task A_second_run_finds_the_same_sessions_completed()
    {
        await CliRunner.RunAsync("demo", "--count", "2", "--data-dir", _dir);

        var (code, output, _) = await CliRunner.RunAsync("demo", "--count", "2", "--data-dir", _dir);

        Assert.Equal(CliApplication.Success, code);
        Assert.Contains("2 recordings: 2 completed", output, StringComparison.Ordinal);
        var (_, list, _) = await CliRunner.RunAsync("sessions", "list", "--data-dir", _dir, "--json");
        using var json = JsonDocument.Parse(list);
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--count", "many")]
    [InlineData("--seed", "-1")]
    public async Task Bad_numbers_are_usage_errors(string option, string value)
    {
        var (code, _, error) = await CliRunner.RunAsync("demo", option, value, "--data-dir", _dir);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }
}
