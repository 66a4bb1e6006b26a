using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Cli;

public sealed class InspectCommandTests
{
    [Fact]
    public async Task Json_output_is_the_system_md_object_with_reference_values()
    {
        var path = TestFiles.Sample(TestFiles.Ghostly0881);

        var (code, output, error) = await EmgsCli.RunAsync("inspect", path, "--json");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(
            ["file", "bytes", "sha256", "processor", "storage", "point_count", "point_rate", "first_frame", "last_frame", "frame_count",
             "analog_count", "analog_rate", "analog_samples_per_frame", "analog_samples_per_channel", "duration_seconds", "point_labels",
             "analog_labels", "points", "analogs", "parameters", "events", "declared_frame_count", "warnings"],
            root.EnumerateObject().Select(p => p.Name));
        using var reference = JsonDocument.Parse(File.ReadAllBytes(TestFiles.ReaderReference(TestFiles.Ghostly0881)));
        var expected = reference.RootElement;
        Assert.Equal(TestFiles.Ghostly0881 + ".c3d", root.GetProperty("file").GetString());
        Assert.Equal(expected.GetProperty("file_size_bytes").GetInt64(), root.GetProperty("bytes").GetInt64());
        Assert.Equal(expected.GetProperty("sha256").GetString(), root.GetProperty("sha256").GetString());
        Assert.Equal("intel", root.GetProperty("processor").GetString());
        Assert.Equal("float", root.GetProperty("storage").GetString());
        Assert.Equal(5779, root.GetProperty("frame_count").GetInt64());
        Assert.Equal(0, root.GetProperty("first_frame").GetInt32());
        Assert.Equal(5778, root.GetProperty("last_frame").GetInt32());
        Assert.Equal(990.0, root.GetProperty("analog_rate").GetDouble());
        Assert.Equal(30, root.GetProperty("analog_samples_per_frame").GetInt32());
        Assert.Equal(173370, root.GetProperty("analog_samples_per_channel").GetInt64());
        Assert.Equal(5779 / 33.0, root.GetProperty("duration_seconds").GetDouble(), 12);
        var channels = expected.GetProperty("analog_channels").EnumerateArray().ToArray();
        var analogs = root.GetProperty("analogs").EnumerateArray().ToArray();
        Assert.Equal(channels.Length, analogs.Length);
        for (var c = 0; c < channels.Length; c++)
        {
            Assert.Equal(channels[c].GetProperty("label").GetString(), analogs[c].GetProperty("label").GetString());
            foreach (var field in new[] { "min", "max", "mean", "sum_abs" })
            {
                var e = channels[c].GetProperty(field).GetDouble();
                Assert.Equal(e, analogs[c].GetProperty(field).GetDouble(), Math.Abs(e) * 1e-9);
            }
        }

        var point = Assert.Single(root.GetProperty("points").EnumerateArray());
        Assert.Equal("PlayerPosition", point.GetProperty("label").GetString());
        Assert.Equal(5779, point.GetProperty("valid_frames").GetInt32());
        Assert.Equal(3, point.GetProperty("mean_xyz").GetArrayLength());
        var parameters = root.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal(parameters.Order(StringComparer.Ordinal), parameters);
        Assert.Contains("INFO:TIME", parameters);
        Assert.DoesNotContain("ANALOG:UNITS", parameters);
        Assert.Empty(root.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Json_lists_header_events_and_writes_null_for_undefined_means()
    {
        var (code, output, _) = await EmgsCli.RunAsync("inspect", TestFiles.SuiteFile("sample_07_16bitanalog.c3d"), "--json");

        Assert.Equal(CliApplication.Success, code);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement.GetProperty("points")[0];
        Assert.Equal(0, first.GetProperty("valid_frames").GetInt32());
        Assert.All(first.GetProperty("mean_xyz").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));

        var (_, eventsOutput, _) = await EmgsCli.RunAsync("inspect", TestFiles.SuiteFile("sample_01_Eb015si.c3d"), "--json");
        using var events = JsonDocument.Parse(eventsOutput);
        Assert.Equal("mips", events.RootElement.GetProperty("processor").GetString());
        Assert.Equal("integer", events.RootElement.GetProperty("storage").GetString());
        Assert.Equal(["RIC", "RHS", "RTO"], events.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("label").GetString()));
        Assert.Equal(2.72, events.RootElement.GetProperty("events")[0].GetProperty("time_seconds").GetDouble(), 6);
    }

    [Fact]
    public async Task The_summary_names_rates_channels_and_game_parameters()
    {
        var (code, output, error) = await EmgsCli.RunAsync("inspect", TestFiles.Sample(TestFiles.Ghostly0409));

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        Assert.Contains("intel, float storage", output, StringComparison.Ordinal);
        Assert.Contains("4 channels at 990 Hz", output, StringComparison.Ordinal);
        Assert.Contains("CH2 activated", output, StringComparison.Ordinal);
        Assert.Contains("INFO:GAME_NAME", output, StringComparison.Ordinal);
        Assert.Contains("2023 3 21 17 23", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_file_gives_exit_code_1_and_one_line_on_stderr()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emgs-inspect-{Guid.NewGuid():N}.c3d");
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409))[..1000];
        bytes[512 + 3] = 99; // unknown processor type
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var (code, output, error) = await EmgsCli.RunAsync("inspect", path, "--json");

            Assert.Equal(CliApplication.Failure, code);
            Assert.Empty(output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("not a readable C3D file", line, StringComparison.Ordinal);
            Assert.Contains("processor type 99", line, StringComparison.Ordinal);
            Assert.Contains("byte 515", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_file_gives_exit_code_1_and_one_line_on_stderr()
    {
        var (code, output, error) = await EmgsCli.RunAsync("inspect", "/nonexistent/file.c3d");

        Assert.Equal(CliApplication.Failure, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no such file", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_file_is_a_usage_error()
    {
        var (code, _, error) = await EmgsCli.RunAsync("inspect");

        Assert.Equal(CliApplication.UsageError, code);
        Assert.StartsWith("emgs inspect: Which file? Give one C3D file.", error, StringComparison.Ordinal);
        Assert.Contains("Run 'emgs help inspect' for its arguments and options.", error, StringComparison.Ordinal);
    }
}
