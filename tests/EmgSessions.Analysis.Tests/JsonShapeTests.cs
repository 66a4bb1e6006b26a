using System.Text.Json;
using EmgSessions.Analysis.Tests.Pipeline;

namespace EmgSessions.Analysis.Tests;

public sealed class JsonShapeTests
{
    private static readonly EmgAnalysisResult Result = EmgAnalyzer.Analyze(SyntheticSignals.Recording(SyntheticSignals.T10()));

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Writes_the_keys_in_the_order_of_section_8()
    {
        using var json = JsonDocument.Parse(Result.ToJson());

        Assert.Equal(["metadata", "analytics", "available_channels", "compat", "session_parameters_used", "warnings", "skipped_channels"], Keys(json.RootElement));
        Assert.Equal(["game_name", "level", "duration", "therapist_id", "group_id", "time", "player_name", "score"], Keys(json.RootElement.GetProperty("metadata")));
        var channel = json.RootElement.GetProperty("analytics").GetProperty("CH1");
        Assert.Equal(
            ["expected_contractions", "rms", "mav", "mpf", "mdf", "fatigue_index_fi_nsm5", "rms_temporal_stats", "mav_temporal_stats",
             "fatigue_index_temporal_stats", "mpf_temporal_stats", "mdf_temporal_stats", "signal_processing", "contraction_count",
             "avg_duration_ms", "min_duration_ms", "max_duration_ms", "total_time_under_tension_ms", "avg_amplitude", "max_amplitude",
             "contractions", "good_contraction_count", "mvc_contraction_count", "duration_contraction_count", "mvc_threshold_actual_value",
             "duration_threshold_actual_value", "mvc_estimation_method"],
            Keys(channel));
        Assert.Equal(
            ["highpass_cutoff_hz", "rectification_enabled", "lowpass_cutoff_hz", "filter_order", "smoothing_window_ms", "smoothing_window_samples"],
            Keys(channel.GetProperty("signal_processing").GetProperty("parameters_used")));
        Assert.Equal(
            ["start_time_ms", "end_time_ms", "duration_ms", "mean_amplitude", "max_amplitude", "is_good", "meets_mvc", "meets_duration"],
            Keys(channel.GetProperty("contractions")[0]));
    }

    [Fact]
    public void The_analyze_output_has_exactly_the_three_reference_keys()
    {
        using var json = JsonDocument.Parse(Result.ToAnalyzeJson());

        Assert.Equal(["metadata", "analytics", "available_channels"], Keys(json.RootElement));
    }

    [Fact]
    public void The_cache_entry_carries_the_canonical_params_the_version_and_the_given_time()
    {
        using var json = JsonDocument.Parse(Result.ToCacheJson(new DateTimeOffset(2025, 3, 10, 12, 46, 23, TimeSpan.FromHours(1))));

        var root = json.RootElement;
        Assert.Equal(Result.Options.ToCanonicalJson(), root.GetProperty("processing_params").GetRawText());
        Assert.Equal(EmgAnalyzer.ProcessingVersion, root.GetProperty("processing_version").GetString());
        Assert.Equal("2025-03-10T11:46:23.0000000Z", root.GetProperty("cached_at").GetString());
        Assert.StartsWith("ghostly-v1", EmgAnalyzer.ProcessingVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_doubles_in_their_shortest_round_trip_form()
    {
        var text = Result.ToJson();
        using var json = JsonDocument.Parse(text);

        var rms = json.RootElement.GetProperty("analytics").GetProperty("CH1").GetProperty("rms");
        Assert.Equal(Result.Channel("CH1")!.Rms, rms.GetDouble());
        Assert.Equal(Result.Channel("CH1")!.Rms!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), rms.GetRawText());
    }

    [Fact]
    public void Writes_text_without_needless_escapes()
    {
        var options = new AnalysisOptions { ChannelMuscleMapping = new Dictionary<string, string?> { ["CH1"] = "Bíceps + tríceps" } };
        var result = EmgAnalyzer.Analyze(SyntheticSignals.Recording(SyntheticSignals.T10(), label: "CH1 Raw"), options);

        Assert.Contains("\"Bíceps + tríceps\"", result.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"Bíceps + tríceps\"", options.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.Contains("\"processing_version\":\"" + EmgAnalyzer.ProcessingVersion + "\"", result.ToCacheJson(DateTimeOffset.UnixEpoch), StringComparison.Ordinal);
    }
}
