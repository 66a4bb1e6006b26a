using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.Cli;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

/// <summary>What <c>analyze</c>, <c>inspect</c> and <c>sessions show</c> say about incomplete and unusual recordings.</summary>
public sealed class RecordingFindingsCliTests : IDisposable
{
    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-findings-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Analyze_on_a_file_cut_after_700_bytes_fails_saying_the_upload_is_incomplete()
    {
        var path = Write("cut.c3d", Sample0881[..700]);

        var (code, output, error) = await EmgsCli.RunAsync("analyze", path);

        Assert.Equal(CliApplication.Failure, code);
        Assert.Empty(output);
        Assert.Equal(
            $"emgs analyze: {path} cannot be analysed: The recording holds no samples: the file ends at byte 700 but its data should start at byte 1536: the upload is incomplete.",
            error.Trim());
    }

    [Fact]
    public async Task Analyze_and_inspect_show_a_truncated_recordings_frames_and_warning()
    {
        var path = Write("partial.c3d", Sample0881[..(Sample0881.Length * 60 / 100)]);

        var (analyzeCode, analyzed, analyzeError) = await EmgsCli.RunAsync("analyze", path);
        var (jsonCode, json, jsonError) = await EmgsCli.RunAsync("analyze", path, "--json");
        var (inspectCode, inspected, _) = await EmgsCli.RunAsync("inspect", path);
        var (_, inspectedJson, _) = await EmgsCli.RunAsync("inspect", path, "--json");

        const string Warning = "FrameCountClamped: The parameters declare 5779 frames but the file holds only 3466 complete frames of 496 bytes.";
        Assert.Equal(CliApplication.Success, analyzeCode);
        Assert.Empty(analyzeError);
        Assert.Contains($"warning: {Warning}", analyzed, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, jsonCode);
        Assert.Contains($"emgs analyze: warning: {Warning}", jsonError, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(["metadata", "analytics", "available_channels"], document.RootElement.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(CliApplication.Success, inspectCode);
        Assert.Contains("frames     3,466 of 5,779 declared", inspected, StringComparison.Ordinal);
        Assert.Contains($"warning    {Warning}", inspected, StringComparison.Ordinal);
        using var inspection = JsonDocument.Parse(inspectedJson);
        Assert.Equal(3466, inspection.RootElement.GetProperty("frame_count").GetInt64());
        Assert.Equal(5779, inspection.RootElement.GetProperty("declared_frame_count").GetInt64());
        Assert.Equal("FrameCountClamped", inspection.RootElement.GetProperty("warnings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Analyze_states_the_rate_inspect_states_when_analog_rate_is_missing()
    {
        // Given the recording with its ANALOG:RATE renamed: the rate now comes from POINT:RATE × samples per frame.
        var bytes = (byte[])Sample0881.Clone();
        RenameParameter(bytes, "ANALOG", "RATE", "RATX");
        var path = Write("no-analog-rate.c3d", bytes);
        Assert.Null(C3dReader.Identify(bytes).Parameters.Find("ANALOG:RATE"));

        var (_, inspected, _) = await EmgsCli.RunAsync("inspect", path);
        var (code, analyzed, error) = await EmgsCli.RunAsync("analyze", path);

        Assert.Contains("analog     4 channels at 990 Hz", inspected, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        Assert.StartsWith("no-analog-rate.c3d: 990 Hz,", analyzed, StringComparison.Ordinal);
        Assert.DoesNotContain("SamplingRateAssumed", analyzed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_skips_force_channels_with_the_reason_unless_they_are_named()
    {
        var emg = Enumerable.Range(0, 4000).Select(i => (1e-4 * Math.Sin(i * 0.9)) + (i is > 1000 and < 2500 ? 5e-4 * Math.Sin(i * 2.1) : 0)).ToArray();
        var force = Enumerable.Range(0, 4000).Select(i => 600 + (50 * Math.Sin(i / 50.0))).ToArray();
        var path = Write("mixed.c3d", new C3dWriter(100, 10).AddAnalog("CH1", emg).AddAnalog("FZ1", force, units: "N").ToArray());

        var (code, analyzed, _) = await EmgsCli.RunAsync("analyze", path);
        var (namedCode, named, _) = await EmgsCli.RunAsync("analyze", path, "--channels", "FZ1");

        Assert.Equal(CliApplication.Success, code);
        Assert.Contains("skipped: FZ1 (N): its unit N is not a voltage: not EMG", analyzed, StringComparison.Ordinal);
        Assert.Contains("channels: CH1, CH1 Processed", analyzed, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, namedCode);
        Assert.Contains("channels: FZ1, FZ1 Processed", named, StringComparison.Ordinal);
        Assert.Contains("skipped: CH1 (V): not in the requested channel list", named, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_on_a_file_with_only_force_channels_fails_with_the_reason()
    {
        var force = Enumerable.Range(0, 4000).Select(i => 600 + (50 * Math.Sin(i / 50.0))).ToArray();
        var path = Write("forces.c3d", new C3dWriter(100, 10).AddAnalog("FZ1", force, units: "N").AddAnalog("MX1", force, units: "Nmm").ToArray());

        var (code, output, error) = await EmgsCli.RunAsync("analyze", path);

        Assert.Equal(CliApplication.Failure, code);
        Assert.Empty(output);
        Assert.Contains("cannot be analysed: The recording has no EMG channel: FZ1: its unit N is not a voltage: not EMG; MX1: its unit Nmm is not a voltage: not EMG.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_c3d_is_reported_once_and_a_directory_as_a_directory()
    {
        var path = Write("text.c3d", "not a c3d file at all"u8.ToArray());

        var (_, _, analyzeError) = await EmgsCli.RunAsync("analyze", path);
        var (_, _, inspectError) = await EmgsCli.RunAsync("inspect", path);
        var (directoryCode, _, directoryError) = await EmgsCli.RunAsync("inspect", _dir);
        var (_, _, analyzeDirectoryError) = await EmgsCli.RunAsync("analyze", _dir);

        Assert.Equal(1, Count(analyzeError, "not a readable C3D file"));
        Assert.Equal(1, Count(inspectError, "not a readable C3D file"));
        Assert.Equal(CliApplication.Failure, directoryCode);
        Assert.Equal($"emgs inspect: cannot read {_dir}: it is a directory, not a file; give the path of a .c3d file.", directoryError.Trim());
        Assert.Equal($"emgs analyze: cannot read {_dir}: it is a directory, not a file; give the path of a .c3d file.", analyzeDirectoryError.Trim());
    }

    [Fact]
    public async Task Sessions_show_lists_the_warnings_of_a_truncated_recording()
    {
        var input = Path.Combine(_dir, "input", "P001", "s1");
        Directory.CreateDirectory(input);
        File.WriteAllBytes(Path.Combine(input, "partial.c3d"), Sample0881[..(Sample0881.Length * 60 / 100)]);
        var data = Path.Combine(_dir, "data");
        var (ingestCode, ingested, ingestError) = await CliRunner.RunAsync("ingest", Path.Combine(_dir, "input"), "--data-dir", data, "--json", "--workers", "1");
        Assert.True(ingestCode == CliApplication.Success, ingested + ingestError);
        using var run = JsonDocument.Parse(ingested);
        var id = run.RootElement.GetProperty("files")[0].GetProperty("session_id").GetGuid();

        var (code, shown, _) = await CliRunner.RunAsync("sessions", "show", id.ToString(), "--data-dir", data);
        var (jsonCode, json, _) = await CliRunner.RunAsync("sessions", "show", id.ToString(), "--data-dir", data, "--json");

        Assert.Equal(CliApplication.Success, code);
        Assert.Contains("FrameCountClamped: The parameters declare 5779 frames but the file holds only 3466 complete frames", shown.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, jsonCode);
        using var document = JsonDocument.Parse(json);
        var warning = document.RootElement.GetProperty("session").GetProperty("warnings")[0];
        Assert.Equal("FrameCountClamped", warning.GetProperty("code").GetString());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.OrdinalIgnoreCase).Length) / part.Length;

    /// <summary>Renames parameter GROUP:NAME in place (same length), by finding its group's id and then its record.</summary>
    private static void RenameParameter(byte[] file, string group, string name, string newName)
    {
        var groupId = 0;
        for (var i = 512; i < 512 * 10 && groupId == 0; i++)
        {
            if (Math.Abs((int)(sbyte)file[i]) == group.Length && (sbyte)file[i + 1] < 0 && file.AsSpan(i + 2, group.Length).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(group)))
            {
                groupId = -(sbyte)file[i + 1];
            }
        }

        for (var i = 512; i < 512 * 10; i++)
        {
            if (Math.Abs((int)(sbyte)file[i]) == name.Length && file[i + 1] == groupId && file.AsSpan(i + 2, name.Length).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(name)))
            {
                System.Text.Encoding.ASCII.GetBytes(newName).CopyTo(file, i + 2);
                return;
            }
        }

        throw new InvalidOperationException($"{group}:{name} not found.");
    }
}
