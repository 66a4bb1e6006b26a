using System.Globalization;
using System.Text.Json;
using CsvHelper;
using EmgSessions.Cli;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;
using Parquet;

namespace EmgSessions.Tests.Cli;

/// <summary><c>emgs export session|sessions</c> in-process on a real SQLite database and storage folder.</summary>
public sealed class ExportCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-export-").FullName;
    private string _data = null!;
    private string _id = null!;

    public async Task InitializeAsync()
    {
        var input = Path.Combine(_dir, "input");
        Directory.CreateDirectory(input);
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0881), Path.Combine(input, "b.c3d"));
        _data = Path.Combine(_dir, "data");
        var (code, output, error) = await CliRunner.RunAsync("ingest", input, "--data-dir", _data, "--workers", "1");
        Assert.True(code == CliApplication.Success, output + error);
        var (_, json, _) = await CliRunner.RunAsync("sessions", "list", "--json", "--data-dir", _data);
        _id = JsonDocument.Parse(json).RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Export_session_writes_every_file_of_the_session_into_the_folder()
    {
        var folder = Path.Combine(_dir, "out");

        var (code, output, error) = await CliRunner.RunAsync("export", "session", _id[..13], "-o", folder, "--data-dir", _data);

        Assert.True(code == CliApplication.Success, output + error);
        var names = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "unknown_2023-03-21_1750_contractions.csv", "unknown_2023-03-21_1750_metrics.csv", "unknown_2023-03-21_1750_recording.c3d",
                "unknown_2023-03-21_1750_result.json", "unknown_2023-03-21_1750_signals-envelope.csv", "unknown_2023-03-21_1750_signals-envelope.parquet",
                "unknown_2023-03-21_1750_signals-raw.csv", "unknown_2023-03-21_1750_signals-raw.parquet",
            ],
            names);
        Assert.All(names, n => Assert.Contains(n!, output, StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881)), await File.ReadAllBytesAsync(Path.Combine(folder, "unknown_2023-03-21_1750_recording.c3d")));

        // metrics.csv equals the stored result that result.json carries, value for value.
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "unknown_2023-03-21_1750_result.json")));
        var analytics = result.RootElement.GetProperty("result").GetProperty("analytics");
        using var csv = new CsvReader(new StreamReader(Path.Combine(folder, "unknown_2023-03-21_1750_metrics.csv")), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        foreach (var channel in analytics.EnumerateObject())
        {
            Assert.True(await csv.ReadAsync());
            Assert.Equal(channel.Name, csv.GetField("channel"));
            Assert.Equal(channel.Value.GetProperty("rms").GetDouble(), csv.GetField<double>("rms"));
            Assert.Equal(channel.Value.GetProperty("mdf").GetDouble(), csv.GetField<double>("mdf"));
        }
    }

    [Fact]
    public async Task Export_sessions_writes_the_cohort_as_parquet_with_one_row_per_session_and_channel()
    {
        var file = Path.Combine(_dir, "cohort", "all.parquet");

        var (code, output, error) = await CliRunner.RunAsync("export", "sessions", "--format", "parquet", "-o", file, "--status", "completed", "--data-dir", _data);

        Assert.True(code == CliApplication.Success, output + error);
        Assert.Contains("2 rows (one per session × channel)", output, StringComparison.Ordinal);
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        var ids = new string[group.RowCount];
        await group.ReadAsync(reader.Schema.GetDataFields().Single(f => f.Name == "session_id"), ids);
        Assert.Equal([_id, _id], ids);
    }

    [Theory]
    [InlineData(new[] { "export", "sessions", "--format", "xml", "-o", "x" }, "Unknown format 'xml'; say csv or parquet.")]
    [InlineData(new[] { "export", "sessions", "--format", "csv" }, "Say where to write with -o (a folder for 'session', a file for 'sessions').")]
    [InlineData(new[] { "export", "session", "-o", "x" }, "'session' needs exactly one session id.")]
    [InlineData(new[] { "export", "sessions", "--format", "csv", "-o", "x", "--from", "2024-01-02", "--to", "2024-01-01" }, "--from must not be after --to.")]
    public async Task Wrong_arguments_are_refused_with_what_to_say_instead(string[] args, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync([.. args, "--data-dir", _data]);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
