using System.Text.Json;
using System.Text.Json.Nodes;
using EmgSessions.Analysis.Tests.Reference;
using EmgSessions.Testing;

namespace EmgSessions.Analysis.Tests.Reevaluation;

/// <summary>§7.8 on the stored JSON (what the database holds): the same text as the typed re-evaluation writes.</summary>
public sealed class ContractionReevaluatorJsonTests
{
    public static TheoryData<string> Stems => new(TestFiles.GhostlyStems);

    public static TheoryData<string, string> StemsAndThresholds => ContractionReevaluatorTests.StemsAndThresholds;

    [Theory]
    [MemberData(nameof(StemsAndThresholds))]
    public void Re_evaluating_the_stored_json_writes_what_the_typed_re_evaluation_writes(string stem, string thresholds)
    {
        var options = ContractionReevaluatorTests.NewThresholds[thresholds];
        var stored = GhostlyReferenceTests.Analyze(stem);

        var json = ContractionReevaluator.ReevaluateJson(stored.ToJson(), options);

        Assert.Equal(ContractionReevaluator.Reevaluate(stored, options).ToJson(), json);
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Re_evaluating_the_stored_json_with_its_session_parameters_gives_it_back_unchanged(string stem)
    {
        var stored = GhostlyReferenceTests.Analyze(stem);
        var json = stored.ToJson();

        Assert.Equal(json, ContractionReevaluator.ReevaluateJson(json, stored.SessionParametersUsed));
        Assert.Equal(json, ContractionReevaluator.ReevaluateJson(json, AnalysisOptions.FromJson(JsonNode.Parse(json)!["session_parameters_used"]!.ToJsonString())));
    }

    [Fact]
    public void A_cache_entry_gets_the_new_processing_params_and_keeps_its_version_and_time()
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0409);
        var cachedAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        var options = ContractionReevaluatorTests.NewThresholds["global MVC and %, per-muscle duration with a null entry"];

        var entry = JsonNode.Parse(ContractionReevaluator.ReevaluateJson(stored.ToCacheJson(cachedAt), options))!;
        var expected = JsonNode.Parse(ContractionReevaluator.Reevaluate(stored, options).ToCacheJson(cachedAt))!;

        Assert.True(JsonNode.DeepEquals(expected, entry), entry.ToJsonString());
        Assert.Equal(options.ToCanonicalJson(), entry["processing_params"]!.ToJsonString());
        Assert.Equal("2026-12-04T10:00:00.0000000Z", entry["cached_at"]!.GetValue<string>());
    }

    [Fact]
    public void A_cache_entry_refuses_a_detection_option_other_than_the_one_it_was_analysed_with()
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0409, new AnalysisOptions { ThresholdFactor = 0.3 });
        var entry = stored.ToCacheJson(DateTimeOffset.UnixEpoch);

        var error = Assert.Throws<AnalysisOptionsException>(() => ContractionReevaluator.ReevaluateJson(entry, AnalysisOptions.Default));
        var kept = JsonNode.Parse(ContractionReevaluator.ReevaluateJson(entry, new AnalysisOptions { ThresholdFactor = 0.3 }))!;

        Assert.StartsWith("threshold_factor cannot be changed without reprocessing (stored 0.3, requested 0.2)", error.Message, StringComparison.Ordinal);
        Assert.Equal(stored.Channel("CH1")!.ContractionCount, kept["analytics"]!["CH1"]!["contraction_count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("not json", "it is not valid JSON")]
    [InlineData("[]", "it has no \"analytics\" object")]
    [InlineData("{\"analytics\": {\"CH1\": 5}}", "analytics.CH1 is not an object")]
    [InlineData("{\"analytics\": {\"CH1\": {\"contraction_count\": 1, \"contractions\": {}}}}", "analytics.CH1.contractions is not an array")]
    [InlineData("{\"analytics\": {\"CH1\": {\"contraction_count\": 1, \"contractions\": [{\"max_amplitude\": \"big\"}]}}}", "\"max_amplitude\" is not a number")]
    [InlineData("{\"analytics\": {}, \"processing_params\": {\"threshold_factor\": 7}}", "its \"processing_params\" cannot be read")]
    public void Text_that_is_not_a_stored_result_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ContractionReevaluator.ReevaluateJson(json, AnalysisOptions.Default));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Re-run the analysis to store a complete result.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_the_spec_does_not_re_evaluate_keep_their_stored_text()
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0823);
        var options = new AnalysisOptions { SessionMvcValue = 1e-4, SessionMvcThresholdPercentage = 50 };

        using var before = JsonDocument.Parse(stored.ToJson());
        using var after = JsonDocument.Parse(ContractionReevaluator.ReevaluateJson(stored.ToJson(), options));

        foreach (var key in new[] { "metadata", "available_channels", "compat" })
        {
            Assert.Equal(before.RootElement.GetProperty(key).GetRawText(), after.RootElement.GetProperty(key).GetRawText());
        }

        var ch1Before = before.RootElement.GetProperty("analytics").GetProperty("CH1");
        var ch1After = after.RootElement.GetProperty("analytics").GetProperty("CH1");
        foreach (var key in new[] { "rms", "mpf", "rms_temporal_stats", "signal_processing", "contraction_count", "avg_amplitude", "total_time_under_tension_ms" })
        {
            Assert.Equal(ch1Before.GetProperty(key).GetRawText(), ch1After.GetProperty(key).GetRawText());
        }
    }
}
