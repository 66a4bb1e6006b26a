using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

public sealed class IngestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-ingest-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_folder_goes_through_both_phases_under_its_relative_keys_and_a_bad_file_makes_the_exit_code_non_zero()
    {
        // Given a folder with two recordings in patient folders and one broken file.
        var input = Path.Combine(_dir, "input");
        Directory.CreateDirectory(Path.Combine(input, "P005", "session1"));
        Directory.CreateDirectory(Path.Combine(input, "P006", "session2"));
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0881), Path.Combine(input, "P005", "session1", TestFiles.Ghostly0881 + ".c3d"));
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0409), Path.Combine(input, "P006", "session2", TestFiles.Ghostly0409 + ".C3D"));
        File.WriteAllText(Path.Combine(input, "broken.c3d"), string.Concat(Enumerable.Repeat("not a c3d file ", 100)));
        File.WriteAllText(Path.Combine(input, "notes.txt"), "ignored");

        // When it is ingested.
        var (code, output, error) = await CliRunner.RunAsync("ingest", input, "--data-dir", Path.Combine(_dir, "data"), "--json", "--workers", "2");

        // Then the recordings are completed, the broken file failed, and the exit code says so.
        Assert.True(code == CliApplication.Failure, output + error);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal(3, files.Count);
        var good = files[$"P005/session1/{TestFiles.Ghostly0881}.c3d"];
        Assert.Equal("created", good.GetProperty("phase1").GetString());
        Assert.Equal("completed", good.GetProperty("status").GetString());
        Assert.Equal(990.0, good.GetProperty("sampling_rate").GetDouble());
        Assert.Equal(4, good.GetProperty("channel_count").GetInt32());
        Assert.Equal(173370, good.GetProperty("sample_count").GetInt32());
        Assert.True(good.GetProperty("channels").GetProperty("CH1").GetProperty("contraction_count").GetInt32() > 0);
        Assert.Equal("completed", files[$"P006/session2/{TestFiles.Ghostly0409}.C3D"].GetProperty("status").GetString());
        var broken = files["broken.c3d"];
        Assert.Equal("failed", broken.GetProperty("status").GetString());
        Assert.StartsWith("Not a readable C3D file", broken.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_keep_their_name_under_the_prefix_and_the_table_summarises()
    {
        var (code, output, error) = await CliRunner.RunAsync("ingest", TestFiles.Sample(TestFiles.Ghostly0823), "--prefix", "P009/s3", "--data-dir", Path.Combine(_dir, "data"));

        Assert.True(code == CliApplication.Success, output + error);
        Assert.Contains($"P009/s3/{TestFiles.Ghostly0823}.c3d", output, StringComparison.Ordinal);
        Assert.Contains("1 files: 1 completed, 0 not completed.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "data", "storage", "c3d-examples", "P009", "s3", TestFiles.Ghostly0823 + ".c3d")));
    }

    [Fact]
    public async Task Missing_paths_and_missing_arguments_are_usage_errors()
    {
        var (none, _, noneError) = await CliRunner.RunAsync("ingest");
        var (missing, _, missingError) = await CliRunner.RunAsync("ingest", Path.Combine(_dir, "nope.c3d"));

        Assert.Equal(CliApplication.UsageError, none);
        Assert.Contains("at least one", noneError, StringComparison.Ordinal);
        Assert.Equal(CliApplication.UsageError, missing);
        Assert.Contains("neither a file nor a folder", missingError, StringComparison.Ordinal);
    }
}
