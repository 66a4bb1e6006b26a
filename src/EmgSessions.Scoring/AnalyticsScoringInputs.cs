using System.Text.Json;
using EmgSessions.Analysis;

namespace EmgSessions.Scoring;

/// <summary>
/// Reads the EMG part of the scoring inputs from a session's analytics (scoring.md §1): for each side, the channel the
/// <see cref="SideMapping"/> names gives <c>contraction_count</c>, <c>mvc_contraction_count</c> and
/// <c>duration_contraction_count</c> (each falling back to <c>good_contraction_count</c> when null, then to the
/// contractions' own flags) and its <c>expected_contractions</c>. A side whose channel is absent or has no contraction
/// count (a failed channel) is null, so its scores are null rather than 0.
/// </summary>
public static class AnalyticsScoringInputs
{
    /// <summary>From the analysis result records.</summary>
    public static ScoringInputs FromChannels(IEnumerable<ChannelAnalysis> channels, SideMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        mapping ??= SideMapping.Default;
        var byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var left = byName.GetValueOrDefault(mapping.LeftChannel);
        var right = byName.GetValueOrDefault(mapping.RightChannel);
        return new ScoringInputs
        {
            Left = left is null ? null : Counts(left),
            Right = right is null ? null : Counts(right),
            ExpectedLeft = left?.ExpectedContractions,
            ExpectedRight = right?.ExpectedContractions,
        };
    }

    /// <summary>
    /// From stored analytics JSON: the full result or the analytics-cache entry (<c>{"analytics": {"CH1": {…}}, …}</c>)
    /// or the bare analytics object (<c>{"CH1": {…}, "CH2": {…}}</c>).
    /// </summary>
    /// <exception cref="ScoringInputException">The JSON is not such an object.</exception>
    public static ScoringInputs FromAnalyticsJson(string json, SideMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        mapping ??= SideMapping.Default;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScoringInputException("The stored analytics are not a JSON object; reprocess the session.");
            }

            var analytics = root.TryGetProperty("analytics", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
            var left = Channel(analytics, mapping.LeftChannel);
            var right = Channel(analytics, mapping.RightChannel);
            return new ScoringInputs
            {
                Left = left is { } l ? Counts(l) : null,
                Right = right is { } r ? Counts(r) : null,
                ExpectedLeft = left is { } le ? Integer(le, "expected_contractions") : null,
                ExpectedRight = right is { } re ? Integer(re, "expected_contractions") : null,
            };
        }
        catch (JsonException ex)
        {
            throw new ScoringInputException($"The stored analytics are not valid JSON ({ex.Message}); reprocess the session.", ex);
        }
    }

    private static SideCounts? Counts(ChannelAnalysis channel) =>
        channel.ContractionCount is null
            ? null
            : SideCounts.FromAnalytics(
                channel.ContractionCount,
                channel.MvcContractionCount ?? channel.GoodContractionCount ?? channel.Contractions.Count(c => c.MeetsMvc),
                channel.DurationContractionCount ?? channel.GoodContractionCount ?? channel.Contractions.Count(c => c.MeetsDuration),
                channel.GoodContractionCount);

    private static SideCounts? Counts(JsonElement channel)
    {
        var total = Integer(channel, "contraction_count");
        if (total is null)
        {
            return null;
        }

        var good = Integer(channel, "good_contraction_count");
        return SideCounts.FromAnalytics(
            total,
            Integer(channel, "mvc_contraction_count") ?? good ?? Flags(channel, "meets_mvc"),
            Integer(channel, "duration_contraction_count") ?? good ?? Flags(channel, "meets_duration"),
            good);
    }

    private static JsonElement? Channel(JsonElement analytics, string name) =>
        analytics.TryGetProperty(name, out var channel) && channel.ValueKind == JsonValueKind.Object ? channel : null;

    private static int? Integer(JsonElement channel, string key) =>
        channel.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static int Flags(JsonElement channel, string flag) =>
        channel.TryGetProperty("contractions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Count(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty(flag, out var f) && f.ValueKind == JsonValueKind.True)
            : 0;
}
