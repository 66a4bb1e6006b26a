using System.Globalization;
using EmgSessions.Core.Analytics;

namespace EmgSessions.Cli;

/// <summary>Per-channel headline numbers of a cached analysis, for tables.</summary>
internal sealed record AnalyticsSummary(string Channel, int? ContractionCount, double? Rms)
{
    public static IReadOnlyList<AnalyticsSummary> From(string? analyticsCacheJson) =>
        AnalyticsDocument.TryParse(analyticsCacheJson)?.Channels is { } channels
            ? [.. channels.Select(channel => new AnalyticsSummary(channel.Name, channel.ContractionCount, channel.Rms))]
            : [];

    public static string Contractions(IReadOnlyList<AnalyticsSummary> channels) =>
        channels.Count == 0 ? "-" : string.Join(", ", channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {c.ContractionCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}")));

    public static string RmsValues(IReadOnlyList<AnalyticsSummary> channels) =>
        channels.Count == 0 ? "-" : string.Join(", ", channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {(c.Rms is { } r ? (r * 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " µV" : "?")}")));
}
