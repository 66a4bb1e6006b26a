using System.Text.Json;
using EmgSessions.Core.Analytics;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The analytics cache entry of a session, read for display (through <see cref="AnalyticsDocument"/>, the one reader of
/// that JSON): per-channel metrics and contractions, game metadata, warnings.
/// </summary>
internal sealed record AnalyticsView(
    IReadOnlyList<ChannelView> Channels,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Reads the stored JSON; null when it holds no analytics (empty, or not an analysis).</summary>
    public static AnalyticsView? Parse(string? json)
    {
        if (AnalyticsDocument.TryParse(json) is not { Channels: { } channels } document)
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in document.Metadata ?? new Dictionary<string, JsonElement>())
        {
            if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                metadata[name] = value.ToString();
            }
        }

        var warnings = (document.Warnings ?? []).Select(w => w.Message ?? "").ToList();
        return new AnalyticsView([.. channels.Select(c => Channel(c, document))], metadata, warnings);
    }

    private static ChannelView Channel(AnalyticsChannel c, AnalyticsDocument document)
    {
        var contractions = new List<ContractionView>();
        var number = 1;
        foreach (var e in c.ContractionList)
        {
            if (e.StartTimeMs is { } start && e.EndTimeMs is { } end)
            {
                contractions.Add(new ContractionView(
                    number++, start, end, e.DurationMs ?? (end - start), e.MeanAmplitude, e.MaxAmplitude, e.IsGood, e.MeetsMvc, e.MeetsDuration));
            }
        }

        return new ChannelView(
            c.Name,
            c.ContractionCount,
            c.GoodContractionCount,
            c.MvcContractionCount,
            c.DurationContractionCount,
            c.AvgDurationMs,
            c.MinDurationMs,
            c.MaxDurationMs,
            c.TotalTimeUnderTensionMs,
            c.AvgAmplitude,
            c.MaxAmplitude,
            c.Rms,
            c.Mav,
            c.Mpf,
            c.Mdf,
            c.FatigueIndexFiNsm5,
            c.MvcThresholdActualValue,
            c.DurationThresholdActualValue,
            c.MvcEstimationMethod,
            contractions)
        {
            MvcValue = c.MvcThresholdActualValue is null ? null : document.MvcValueUsed(c.Name),
            MvcPercentage = c.MvcThresholdActualValue is null ? null : document.MvcPercentageUsed(c.Name),
        };
    }
}
