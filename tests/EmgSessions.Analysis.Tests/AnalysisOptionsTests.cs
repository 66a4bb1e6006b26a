using System.Text.Json;

namespace EmgSessions.Analysis.Tests;

public sealed class AnalysisOptionsTests
{
    [Fact]
    public void Serialises_processing_params_canonically_with_the_profile()
    {
        var options = new AnalysisOptions
        {
            SessionMvcValues = new Dictionary<string, double?> { ["CH2"] = 0.2, ["CH1"] = null },
        };

        var json = options.ToCanonicalJson();

        Assert.Equal(
            """{"channel_muscle_mapping":null,"contraction_duration_threshold":2000,"min_duration_ms":100,"profile":"ghostly-v1","session_duration_thresholds_per_muscle":null,"session_expected_contractions":null,"session_expected_contractions_ch1":null,"session_expected_contractions_ch2":null,"session_mvc_threshold_percentage":75,"session_mvc_threshold_percentages":null,"session_mvc_value":null,"session_mvc_values":{"CH1":null,"CH2":0.2},"smoothing_window":100,"threshold_factor":0.2}""",
            json);
        Assert.Equal(json, AnalysisOptions.FromJson(json).ToCanonicalJson());
    }

    [Fact]
    public void Reads_options_by_their_spec_names()
    {
        var options = AnalysisOptions.FromJson("""
            {"threshold_factor": 0.3, "min_duration_ms": 250, "session_mvc_values": {"CH1": 0.0008},
             "session_duration_thresholds_per_muscle": {"CH2": 1.5}, "session_expected_contractions_ch2": 9,
             "channel_muscle_mapping": {"CH1": "biceps"}}
            """);

        Assert.Equal((0.3, 250, 0.0008, 1.5, 9), (options.ThresholdFactor, options.MinDurationMs, options.SessionMvcValues!["CH1"], options.SessionDurationThresholdsPerMuscle!["CH2"], options.SessionExpectedContractionsCh2));
        Assert.Equal("biceps", options.ChannelMuscleMapping!["CH1"]);
        Assert.Equal(100, options.SmoothingWindow);
    }

    [Theory]
    [InlineData("""{"threshold_factor": 0}""", "threshold_factor must be in (0, 1]")]
    [InlineData("""{"threshold_factor": 1.5}""", "threshold_factor must be in (0, 1]")]
    [InlineData("""{"min_duration_ms": -1}""", "min_duration_ms must be ≥ 0")]
    [InlineData("""{"min_duration_ms": 1.5}""", "min_duration_ms must be an integer")]
    [InlineData("""{"smoothing_window": 0}""", "smoothing_window must be ≥ 1")]
    [InlineData("""{"session_mvc_threshold_percentage": 101}""", "session_mvc_threshold_percentage must be a percentage in 0–100")]
    [InlineData("""{"session_mvc_threshold_percentages": {"CH1": -5}}""", "session_mvc_threshold_percentages[CH1] must be a percentage")]
    [InlineData("""{"session_mvc_values": {"CH1": -0.1}}""", "session_mvc_values[CH1] must be a finite number ≥ 0")]
    [InlineData("""{"session_expected_contractions": -2}""", "session_expected_contractions must be ≥ 0")]
    [InlineData("""{"contraction_duration_threshold": "long"}""", "contraction_duration_threshold must be a number or null")]
    [InlineData("""{"profile": "ghostly-v2"}""", "profile must be \"ghostly-v1\"")]
    [InlineData("""{"treshold_factor": 0.2}""", "Unknown analysis option \"treshold_factor\"")]
    [InlineData("""[1, 2]""", "The options must be a JSON object")]
    [InlineData("""{"threshold_factor": """, "not valid JSON")]
    public void Rejects_invalid_options_with_a_message_naming_the_option(string json, string message)
    {
        var error = Assert.Throws<AnalysisOptionsException>(() => AnalysisOptions.FromJson(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzer_validates_the_options_it_is_given()
    {
        var recording = new EmgRecording(["CH1"], [new double[2000]], 1000);

        Assert.Throws<AnalysisOptionsException>(() => EmgAnalyzer.Analyze(recording, new AnalysisOptions { ThresholdFactor = double.NaN }));
    }
}
