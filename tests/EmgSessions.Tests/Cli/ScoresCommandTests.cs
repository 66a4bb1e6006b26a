using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.Cli;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Cli;

public sealed class ScoresCommandTests
{
    private static readonly string[] T16 = ["scores", "--calc", "--left", "11/9/10", "--right", "12/8/11", "--rpe", "6", "--game", "850/1000", "--bfr", "52", "--json"];

    [Theory]
    [InlineData("ghostly-v1", 92.31070883632312, 100.0)]
    [InlineData("ghostly-trial", 87.023246715111, 75.0)]
    public async Task The_calculator_prints_the_T16_score_object_of_each_profile(string profile, double overall, double effort)
    {
        var (code, output, error) = await EmgsCli.RunAsync([.. T16, "--profile", profile]);

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(profile, root.GetProperty("profile").GetString());
        Assert.True(Math.Abs(root.GetProperty("overall_score").GetDouble() - overall) <= 1e-9, root.GetProperty("overall_score").GetRawText());
        Assert.Equal(effort, root.GetProperty("effort_score").GetDouble());
        Assert.True(Math.Abs(root.GetProperty("symmetry_score").GetDouble() - 98.84222928468638) <= 1e-9);
        Assert.True(root.GetProperty("bfr_compliant").GetBoolean());
        Assert.Equal("entered", root.GetProperty("rpe_source").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("session_id").ValueKind);
        Assert.Equal(7, root.GetProperty("weights_used").EnumerateObject().Count());
        Assert.Equal(
            ["has_emg_data", "has_rpe", "has_game_data", "has_bfr_data"],
            root.GetProperty("data_completeness").EnumerateObject().Select(p => p.Name));
        foreach (var key in new[]
        {
            "scoring_config_id", "compliance_score", "game_score", "bfr_pressure_aop", "rpe_post_session", "left_muscle_compliance",
            "right_muscle_compliance", "completion_rate_left", "completion_rate_right", "intensity_rate_left", "intensity_rate_right",
            "duration_rate_left", "duration_rate_right", "computed_at",
        })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        }
    }

    [Fact]
    public async Task A_recording_gives_the_counts_of_CH1_left_and_CH2_right()
    {
        var (code, output, error) = await EmgsCli.RunAsync("scores", "--calc", TestFiles.Sample(TestFiles.Ghostly0881), "--json");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1.0, root.GetProperty("completion_rate_left").GetDouble());
        Assert.Equal(0.75, root.GetProperty("completion_rate_right").GetDouble());
        Assert.True(Math.Abs(root.GetProperty("overall_score").GetDouble() - 79.55208333333334) <= 1e-9);
        Assert.Equal("default", root.GetProperty("rpe_source").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("game_score").ValueKind);
    }

    [Fact]
    public async Task The_recordings_THERAPY_targets_are_the_expected_contractions_unless_given()
    {
        var folder = Directory.CreateTempSubdirectory("emgs-scores-").FullName;
        try
        {
            var file = Path.Combine(folder, "targets.c3d");
            var writer = C3dWriter.FromRecording(C3dReader.Read(await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881))))
                .SetParameter(C3dParameter.FromInt16s("THERAPY", "TARGET_CONTRACTIONS_CH1", [25]))
                .SetParameter(C3dParameter.FromInt16s("THERAPY", "TARGET_CONTRACTIONS_CH2", [18]));
            await File.WriteAllBytesAsync(file, writer.ToArray());

            var (code, output, error) = await EmgsCli.RunAsync("scores", "--calc", file, "--json");
            var (_, overridden, _) = await EmgsCli.RunAsync("scores", "--calc", file, "--expected", "9", "--json");

            Assert.Equal(CliApplication.Success, code);
            Assert.Empty(error);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(25, json.RootElement.GetProperty("expected_contractions_left").GetInt32());
            Assert.Equal(18, json.RootElement.GetProperty("expected_contractions_right").GetInt32());
            Assert.Equal(0.8, json.RootElement.GetProperty("completion_rate_left").GetDouble());
            Assert.Equal(0.5, json.RootElement.GetProperty("completion_rate_right").GetDouble());
            using var given = JsonDocument.Parse(overridden);
            Assert.Equal(9, given.RootElement.GetProperty("expected_contractions_left").GetInt32());
            Assert.Equal(1.0, given.RootElement.GetProperty("completion_rate_right").GetDouble());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Given_counts_replace_those_of_the_recording()
    {
        var (code, output, _) = await EmgsCli.RunAsync("scores", "--calc", TestFiles.Sample(TestFiles.Ghostly0881), "--left", "12/12/12", "--json");

        Assert.Equal(CliApplication.Success, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1.0, json.RootElement.GetProperty("duration_rate_left").GetDouble());
        Assert.Equal(0.75, json.RootElement.GetProperty("completion_rate_right").GetDouble());
    }

    [Fact]
    public async Task The_table_shows_each_side_and_each_score_with_its_weight_and_source()
    {
        var (code, output, error) = await EmgsCli.RunAsync([.. T16[..^1]]);

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        var lines = output.Split('\n');
        Assert.StartsWith("profile ghostly-trial, configuration GHOSTLY-TRIAL-DEFAULT (built in)", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("left ", StringComparison.Ordinal) && l.Contains("11/9/10", StringComparison.Ordinal) && l.EndsWith("88.13", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("overall ", StringComparison.Ordinal) && l.EndsWith("87.02", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("effort ", StringComparison.Ordinal) && l.Contains("75.00", StringComparison.Ordinal) && l.Contains("RPE 6 (entered)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("compliance ", StringComparison.Ordinal) && l.Contains("BFR 52 % AOP, in the 45-55 % window", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Out_of_range_inputs_fail_with_one_named_line_each_and_no_output()
    {
        var (code, output, error) = await EmgsCli.RunAsync("scores", "--calc", "--left", "1/1/1", "--right", "2/2/2", "--rpe", "12", "--bfr", "120", "--game", "5/3");

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Empty(output);
        Assert.Equal(
            [
                "emgs scores: rpe must be an integer from 0 to 10 (Borg CR10); got 12.",
                "emgs scores: game_points_achieved (5) must not exceed game_points_max (3).",
                "emgs scores: bfr_pressure_aop must be a percentage of arterial occlusion pressure from 0 to 100; got 120.",
            ],
            error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Typed_inputs_are_checked_before_the_file_is_read()
    {
        var (code, _, error) = await EmgsCli.RunAsync("scores", "--calc", Path.Combine(Path.GetTempPath(), "emgs-no-such-recording.c3d"), "--rpe", "-1");

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Equal("emgs scores: rpe must be an integer from 0 to 10 (Borg CR10); got -1.", error.TrimEnd());
    }

    [Theory]
    [InlineData("--left", "1/2", "--left needs TOTAL/MVC/DURATION contraction counts, e.g. 11/9/10; got '1/2'.")]
    [InlineData("--game", "850", "--game needs ACHIEVED/MAXIMUM points, e.g. 850/1000; got '850'.")]
    [InlineData("--rpe", "six", "--rpe needs whole numbers; got 'six'.")]
    [InlineData("--profile", "ghostly-v3", "--profile must be ghostly-trial or ghostly-v1, got 'ghostly-v3'.")]
    public async Task Malformed_options_are_usage_errors_that_say_what_is_expected(string option, string value, string message)
    {
        var (code, output, error) = await EmgsCli.RunAsync("scores", "--calc", "--left", "1/1/1", "--right", "2/2/2", option, value);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Empty(output);
        Assert.StartsWith($"emgs scores: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_calc_or_without_counts_the_verb_says_what_to_give()
    {
        var session = await EmgsCli.RunAsync("scores", "3f1c2a8e-0000-4000-8000-000000000001", "--rpe", "6");
        var nothing = await EmgsCli.RunAsync("scores", "--calc", "--rpe", "6");

        Assert.Equal(CliApplication.UsageError, session.Code);
        Assert.StartsWith("emgs scores: The count and input options go with --calc; enter a stored session's inputs with emgs inputs SESSION.", session.Error, StringComparison.Ordinal);
        Assert.Equal(CliApplication.UsageError, nothing.Code);
        Assert.StartsWith("emgs scores: Give a C3D file, or the counts of both sides with --left T/M/D and --right T/M/D.", nothing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_fails_with_one_clear_line()
    {
        var (code, output, error) = await EmgsCli.RunAsync("scores", "--calc", Path.Combine(Path.GetTempPath(), "emgs-no-such-recording.c3d"));

        Assert.Equal(CliApplication.Failure, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }
}
