using System.Text.Json;
using EmgSessions.Core.Analytics;

namespace EmgSessions.Core.Exports.Json;

/// <summary>
/// Reads the per-channel metrics and contractions out of an <c>analytics_cache</c> entry as Phase 2 wrote it (or an
/// analysis result: both have the <c>analytics</c> object) as export rows, through <see cref="AnalyticsDocument"/>, the one
/// reader of that JSON. Channels keep the JSON's order.
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
        return AnalyticsDocument.Parse(analyticsJson)?.Channels is { } channels
            ? [.. channels.Select(c => ReadChannel(c, ChannelSide.Of(c.Name, leftChannel, rightChannel)))]
            : [];
    }

    private static ChannelMetrics ReadChannel(AnalyticsChannel c, string? side)
    {
        var contractions = new List<ContractionRow>();
        var index = 0;
        foreach (var k in c.ContractionList)
        {
            index++;
            contractions.Add(new ContractionRow(
                c.Name, side, index, k.StartTimeMs, k.EndTimeMs, k.DurationMs, k.MeanAmplitude, k.MaxAmplitude, k.IsGood, k.MeetsMvc, k.MeetsDuration));
        }

        return new ChannelMetrics(
            c.Name, side, c.Rms, c.Mav, c.Mpf, c.Mdf, c.FatigueIndexFiNsm5,
            c.ContractionCount, c.GoodContractionCount, c.MvcContractionCount, c.DurationContractionCount, c.ExpectedContractions,
            c.AvgDurationMs, c.MinDurationMs, c.MaxDurationMs, c.TotalTimeUnderTensionMs,
            c.AvgAmplitude, c.MaxAmplitude, c.MvcThresholdActualValue, c.DurationThresholdActualValue,
            c.MvcEstimationMethod, contractions);
    }
}
