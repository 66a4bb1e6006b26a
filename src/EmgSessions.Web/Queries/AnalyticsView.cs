using System.Text.Json;

namespace EmgSessions.Web.Queries;

/// <summary>The analytics cache entry of a session, read for display: per-channel metrics and contractions, game metadata, warnings.</summary>
internal sealed record AnalyticsView(
    IReadOnlyList<ChannelView> Channels,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Reads the stored JSON; null when it holds no analytics (empty, or not an analysis).</summary>
    public static AnalyticsView? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("analytics", out var analytics) || analytics.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var channels = analytics.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Object)
                .Select(p => Channel(p.Name, p.Value))
                .ToList();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in meta.EnumerateObject())
                {
                    if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    {
                        metadata[p.Name] = p.Value.ToString();
                    }
                }
            }

            var warnings = root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array
                ? w.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : e.ToString()).ToList()
                : [];
            return new AnalyticsView(channels, metadata, warnings);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ChannelView Channel(string name, JsonElement c)
    {
        var contractions = new List<ContractionView>();
        if (c.TryGetProperty("contractions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var number = 1;
            foreach (var e in list.EnumerateArray())
            {
                if (Real(e, "start_time_ms") is { } start && Real(e, "end_time_ms") is { } end)
                {
                    contractions.Add(new ContractionView(
                        number++, start, end, Real(e, "duration_ms") ?? (end - start), Real(e, "mean_amplitude"), Real(e, "max_amplitude"),
                        Flag(e, "is_good"), Flag(e, "meets_mvc"), Flag(e, "meets_duration")));
                }
            }
        }

        return new ChannelView(
            name,
            Integer(c, "contraction_count"),
            Integer(c, "good_contraction_count"),
            Integer(c, "mvc_contraction_count"),
            Integer(c, "duration_contraction_count"),
            Real(c, "avg_duration_ms"),
            Real(c, "min_duration_ms"),
            Real(c, "max_duration_ms"),
            Real(c, "total_time_under_tension_ms"),
            Real(c, "avg_amplitude"),
            Real(c, "max_amplitude"),
            Real(c, "rms"),
            Real(c, "mav"),
            Real(c, "mpf"),
            Real(c, "mdf"),
            Real(c, "fatigue_index_fi_nsm5"),
            Real(c, "mvc_threshold_actual_value"),
            Real(c, "duration_threshold_actual_value"),
            c.TryGetProperty("mvc_estimation_method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
            contractions);
    }

    private static double? Real(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    private static int? Integer(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
