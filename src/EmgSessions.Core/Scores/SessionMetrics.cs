using System.Text.Json;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Json;

namespace EmgSessions.Core.Scores;

/// <summary>
/// The analytics metrics a patient's progress trends besides the scores (scoring.md §5), per side of the default side
/// mapping (CH1 left, CH2 right), named <c>{metric}_{side}</c>: <c>contractions</c> (count), <c>good_contractions</c>
/// (count), <c>mvc_threshold</c> (V, the threshold the contractions were judged against), <c>avg_duration</c> (ms),
/// <c>mpf</c> and <c>mdf</c> (Hz) and <c>fatigue_index</c> (FI<sub>nsm5</sub>). A metric the analytics do not hold is
/// absent, never zero.
/// </summary>
internal static class SessionMetrics
{
    public const string Contractions = "contractions";
    public const string GoodContractions = "good_contractions";
    public const string MvcThreshold = "mvc_threshold";
    public const string AverageDuration = "avg_duration";
    public const string Mpf = "mpf";
    public const string Mdf = "mdf";
    public const string FatigueIndex = "fatigue_index";

    /// <summary>The sides, in the order pages show them.</summary>
    public static IReadOnlyList<string> Sides { get; } = ["left", "right"];

    /// <summary>The metric's name for one side, e.g. <c>mpf_left</c>.</summary>
    public static string Name(string metric, string side) => metric + "_" + side;

    /// <summary>The metrics of one session's stored analytics; empty when there are none or they cannot be read.</summary>
    public static IReadOnlyDictionary<string, double?> Of(string? analyticsJson)
    {
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(analyticsJson))
        {
            return metrics;
        }

        IReadOnlyList<ChannelMetrics> channels;
        try
        {
            channels = AnalyticsJsonReader.ReadChannels(analyticsJson);
        }
        catch (JsonException)
        {
            return metrics;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in channels)
        {
            // The first channel of a side counts (the default mapping names exactly one per side).
            if (channel.Side is not { } side || !seen.Add(side))
            {
                continue;
            }

            Add(metrics, Name(Contractions, side), channel.ContractionCount);
            Add(metrics, Name(GoodContractions, side), channel.GoodContractionCount);
            Add(metrics, Name(MvcThreshold, side), channel.MvcThresholdActualValue);
            Add(metrics, Name(AverageDuration, side), channel.AvgDurationMs);
            Add(metrics, Name(Mpf, side), channel.Mpf);
            Add(metrics, Name(Mdf, side), channel.Mdf);
            Add(metrics, Name(FatigueIndex, side), channel.FatigueIndexFiNsm5);
        }

        return metrics;
    }

    private static void Add(Dictionary<string, double?> metrics, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            metrics[name] = v;
        }
    }
}
