using System.Globalization;
using System.Text.Json;

namespace EmgSessions.Cli;

/// <summary>Per-channel headline numbers of a cached analysis, for tables.</summary>
internal sealed record AnalyticsSummary(string Channel, int? ContractionCount, double? Rms)
{
    public static IReadOnlyList<AnalyticsSummary> From(string? analyticsCacheJson)
    {
        if (string.IsNullOrWhiteSpace(analyticsCacheJson))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(analyticsCacheJson);
            if (!document.RootElement.TryGetProperty("analytics", out var analytics) || analytics.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return [.. analytics.EnumerateObject().Select(channel => new AnalyticsSummary(
                channel.Name,
                channel.Value.TryGetProperty("contraction_count", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null,
                channel.Value.TryGetProperty("rms", out var rms) && rms.ValueKind == JsonValueKind.Number ? rms.GetDouble() : null))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string Contractions(IReadOnlyList<AnalyticsSummary> channels) =>
        channels.Count == 0 ? "-" : string.Join(", ", channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {c.ContractionCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}")));

    public static string RmsValues(IReadOnlyList<AnalyticsSummary> channels) =>
        channels.Count == 0 ? "-" : string.Join(", ", channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {(c.Rms is { } r ? (r * 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " µV" : "?")}")));
}
