using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>One entry of <c>skipped_channels</c>: a channel left out of the analysis, its unit and why.</summary>
internal sealed class AnalyticsSkippedChannel
{
    [JsonPropertyName("channel")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Channel { get; set; }

    [JsonPropertyName("unit")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Unit { get; set; }

    [JsonPropertyName("reason")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Reason { get; set; }
}
