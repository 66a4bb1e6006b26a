using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>One channel of the <c>analytics</c> object (emg-analysis.md §8): the members the application reads.</summary>
internal sealed class AnalyticsChannel
{
    /// <summary>The channel's key in <c>analytics</c> (<c>CH1</c>).</summary>
    [JsonIgnore]
    public string Name { get; set; } = "";

    [JsonPropertyName("expected_contractions")]
    [JsonConverter(typeof(LenientIntegerConverter))]
    public int? ExpectedContractions { get; set; }

    [JsonPropertyName("rms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? Rms { get; set; }

    [JsonPropertyName("mav")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? Mav { get; set; }

    [JsonPropertyName("mpf")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? Mpf { get; set; }

    [JsonPropertyName("mdf")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? Mdf { get; set; }

    [JsonPropertyName("fatigue_index_fi_nsm5")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? FatigueIndexFiNsm5 { get; set; }

    [JsonPropertyName("contraction_count")]
    [JsonConverter(typeof(LenientIntegerConverter))]
    public int? ContractionCount { get; set; }

    [JsonPropertyName("avg_duration_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? AvgDurationMs { get; set; }

    [JsonPropertyName("min_duration_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? MinDurationMs { get; set; }

    [JsonPropertyName("max_duration_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? MaxDurationMs { get; set; }

    [JsonPropertyName("total_time_under_tension_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? TotalTimeUnderTensionMs { get; set; }

    [JsonPropertyName("avg_amplitude")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? AvgAmplitude { get; set; }

    [JsonPropertyName("max_amplitude")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? MaxAmplitude { get; set; }

    /// <summary><c>contractions</c>: the object entries, in order (an absent or malformed list is empty).</summary>
    [JsonPropertyName("contractions")]
    [JsonConverter(typeof(AnalyticsContractionsConverter))]
    public IReadOnlyList<AnalyticsContraction>? Contractions { get; set; }

    [JsonPropertyName("good_contraction_count")]
    [JsonConverter(typeof(LenientIntegerConverter))]
    public int? GoodContractionCount { get; set; }

    [JsonPropertyName("mvc_contraction_count")]
    [JsonConverter(typeof(LenientIntegerConverter))]
    public int? MvcContractionCount { get; set; }

    [JsonPropertyName("duration_contraction_count")]
    [JsonConverter(typeof(LenientIntegerConverter))]
    public int? DurationContractionCount { get; set; }

    [JsonPropertyName("mvc_threshold_actual_value")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? MvcThresholdActualValue { get; set; }

    [JsonPropertyName("duration_threshold_actual_value")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? DurationThresholdActualValue { get; set; }

    [JsonPropertyName("mvc_estimation_method")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? MvcEstimationMethod { get; set; }

    /// <summary>The contractions, empty when there are none.</summary>
    [JsonIgnore]
    public IReadOnlyList<AnalyticsContraction> ContractionList => Contractions ?? [];
}
