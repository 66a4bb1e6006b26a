using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>One entry of a channel's <c>contractions</c>; a flag that is not <c>true</c> reads as false.</summary>
internal sealed class AnalyticsContraction
{
    [JsonPropertyName("start_time_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? StartTimeMs { get; set; }

    [JsonPropertyName("end_time_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? EndTimeMs { get; set; }

    [JsonPropertyName("duration_ms")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? DurationMs { get; set; }

    [JsonPropertyName("mean_amplitude")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? MeanAmplitude { get; set; }

    [JsonPropertyName("max_amplitude")]
    [JsonConverter(typeof(LenientRealConverter))]
    public double? MaxAmplitude { get; set; }

    [JsonPropertyName("is_good")]
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool IsGood { get; set; }

    [JsonPropertyName("meets_mvc")]
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool MeetsMvc { get; set; }

    [JsonPropertyName("meets_duration")]
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool MeetsDuration { get; set; }
}
