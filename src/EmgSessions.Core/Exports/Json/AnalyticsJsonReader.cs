using System.Text.Json;

namespace EmgSessions.Core.Exports.Json;

/// <summary>
/// Reads the per-channel metrics and contractions out of an <c>analytics_cache</c> entry as Phase 2 wrote it (or an
/// analysis result: both have the <c>analytics</c> object). Channels keep the JSON's order.
/// </summary>
public static class AnalyticsJsonReader
{
    /// <summary>The channels of <paramref name="analyticsJson"/>; empty when it holds no <c>analytics</c> object.</summary>
    /// <param name="analyticsJson">An <c>analytics_cache</c> entry or analysis result.</param>
    /// <param name="leftChannel">The channel of the left leg (the session's side mapping, scoring.md §1).</param>
    /// <param name="rightChannel">The channel of the right leg.</param>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static IReadOnlyList<ChannelMetrics> ReadChannels(
        string analyticsJson, string leftChannel = ChannelSide.DefaultLeftChannel, string rightChannel = ChannelSide.DefaultRightChannel)
    {
        ArgumentNullException.ThrowIfNull(analyticsJson);
        if (string.IsNullOrWhiteSpace(analyticsJson))
        {
            return [];
        }

        using var document = JsonDocument.Parse(analyticsJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("analytics", out var analytics)
            || analytics.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var channels = new List<ChannelMetrics>();
        foreach (var property in analytics.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                channels.Add(ReadChannel(property.Name, ChannelSide.Of(property.Name, leftChannel, rightChannel), property.Value));
            }
        }

        return channels;
    }

    private static ChannelMetrics ReadChannel(string name, string? side, JsonElement c)
    {
        var contractions = new List<ContractionRow>();
        if (c.TryGetProperty("contractions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var k in list.EnumerateArray())
            {
                index++;
                contractions.Add(new ContractionRow(
                    name, side, index, Real(k, "start_time_ms"), Real(k, "end_time_ms"), Real(k, "duration_ms"),
                    Real(k, "mean_amplitude"), Real(k, "max_amplitude"), Flag(k, "is_good"), Flag(k, "meets_mvc"), Flag(k, "meets_duration")));
            }
        }

        return new ChannelMetrics(
            name, side, Real(c, "rms"), Real(c, "mav"), Real(c, "mpf"), Real(c, "mdf"), Real(c, "fatigue_index_fi_nsm5"),
            Integer(c, "contraction_count"), Integer(c, "good_contraction_count"), Integer(c, "mvc_contraction_count"),
            Integer(c, "duration_contraction_count"), Integer(c, "expected_contractions"),
            Real(c, "avg_duration_ms"), Real(c, "min_duration_ms"), Real(c, "max_duration_ms"), Real(c, "total_time_under_tension_ms"),
            Real(c, "avg_amplitude"), Real(c, "max_amplitude"), Real(c, "mvc_threshold_actual_value"), Real(c, "duration_threshold_actual_value"),
            c.TryGetProperty("mvc_estimation_method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
            contractions);
    }

    private static double? Real(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static long? Integer(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt64(out var whole) ? whole : (long)Math.Round(v.GetDouble())
            : null;

    private static bool Flag(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
