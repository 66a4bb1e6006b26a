using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emgs-analyze-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Json_output_has_the_reference_keys_and_values()
    {
        var (code, output, error) = await EmgsCli.RunAsync("analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--json");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        using var reference = JsonDocument.Parse(File.ReadAllText(TestFiles.AnalysisReference(TestFiles.Ghostly0881)));
        Assert.Equal(["metadata", "analytics", "available_channels"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(reference.RootElement.GetProperty("metadata").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
            json.RootElement.GetProperty("metadata").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        var ch1 = json.RootElement.GetProperty("analytics").GetProperty("CH1");
        Assert.Equal(20, ch1.GetProperty("contraction_count").GetInt32());
        Assert.Equal(3.8671875, ch1.GetProperty("mdf").GetDouble());
        var expectedThreshold = reference.RootElement.GetProperty("analytics").GetProperty("CH1").GetProperty("mvc_threshold_actual_value").GetDouble();
        var threshold = ch1.GetProperty("mvc_threshold_actual_value").GetDouble();
        Assert.True(Math.Abs(threshold - expectedThreshold) <= 1e-9 * expectedThreshold, $"{threshold} vs {expectedThreshold}");
    }

    [Fact]
    public async Task The_table_shows_one_row_per_channel()
    {
        var (code, output, _) = await EmgsCli.RunAsync("analyze", TestFiles.Sample(TestFiles.Ghostly0409));

        Assert.Equal(CliApplication.Success, code);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("CH1 ", StringComparison.Ordinal) && l.Contains("backend_estimation", StringComparison.Ordinal) && l.Contains(" 15 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("CH2 ", StringComparison.Ordinal) && l.Contains(" 11 ", StringComparison.Ordinal));
        Assert.Contains("990 Hz, game Ghostly level 2, score 24.0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_map_to_the_analysis_options()
    {
        var optionsFile = Path.Combine(_folder, "options.json");
        await File.WriteAllTextAsync(optionsFile, """{"threshold_factor": 0.3, "session_expected_contractions": 12}""");

        var (code, output, error) = await EmgsCli.RunAsync(
            "analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--json", "--options-json", optionsFile,
            "--mvc", "CH1=0.0008", "--mvc-percentages", "CH1=50", "--duration-threshold", "CH2=0.2", "--expected-contractions-ch1", "3");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var analytics = json.RootElement.GetProperty("analytics");
        Assert.Equal("user_provided", analytics.GetProperty("CH1").GetProperty("mvc_estimation_method").GetString());
        Assert.Equal(0.0004, analytics.GetProperty("CH1").GetProperty("mvc_threshold_actual_value").GetDouble());
        Assert.Equal(200.0, analytics.GetProperty("CH2").GetProperty("duration_threshold_actual_value").GetDouble());
        Assert.Equal(3, analytics.GetProperty("CH1").GetProperty("expected_contractions").GetInt32());
        Assert.Equal(12, analytics.GetProperty("CH2").GetProperty("expected_contractions").GetInt32());
    }

    [Theory]
    [InlineData("--threshold-factor", "1.5", "threshold_factor must be in (0, 1]")]
    [InlineData("--threshold-factor", "abc", "--threshold-factor needs a number, got 'abc'")]
    [InlineData("--mvc", "CH1", "--mvc needs CHANNEL=NUMBER, got 'CH1'")]
    [InlineData("--mvc-percentage", "150", "session_mvc_threshold_percentage must be a percentage in 0–100")]
    [InlineData("--min-duration-ms", "-5", "min_duration_ms must be ≥ 0")]
    public async Task Invalid_options_fail_with_one_clear_line(string option, string value, string message)
    {
        var (code, output, error) = await EmgsCli.RunAsync("analyze", TestFiles.Sample(TestFiles.Ghostly0881), option, value);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_fails_with_one_clear_line()
    {
        var garbage = Path.Combine(_folder, "garbage.c3d");
        await File.WriteAllBytesAsync(garbage, new byte[100]);

        var missing = await EmgsCli.RunAsync("analyze", Path.Combine(_folder, "missing.c3d"));
        var broken = await EmgsCli.RunAsync("analyze", garbage);

        Assert.Equal(CliApplication.Failure, missing.Code);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Failure, broken.Code);
        Assert.Contains("is not a readable C3D file", broken.Error, StringComparison.Ordinal);
        Assert.Single(broken.Error.TrimEnd().Split('\n'));
    }
}
