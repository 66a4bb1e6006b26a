using System.Text.Json;
using EmgSessions.Analysis;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// Reads back what Phase 2 stored in <c>analytics_cache</c> beyond the numbers: whether there are analytics at all,
/// the recording's warnings and the channels left out. Entries written before warnings were stored (or by the
/// predecessor) simply have none. Never throws on malformed JSON.
/// </summary>
public static class StoredAnalytics
{
    /// <summary>True when the entry holds an <c>analytics</c> object.</summary>
    public static bool HasAnalytics(string? cacheJson) =>
        Read(cacheJson, root => root.TryGetProperty("analytics", out var analytics) && analytics.ValueKind == JsonValueKind.Object, false);

    /// <summary>The stored <c>warnings</c> [{code, message}], in order; empty when none were stored.</summary>
    public static IReadOnlyList<RecordingWarning> Warnings(string? cacheJson) => Read<IReadOnlyList<RecordingWarning>>(cacheJson, root =>
        root.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
            ? [.. warnings.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.Object).Select(w => new RecordingWarning(Text(w, "code") ?? "", Text(w, "message") ?? ""))]
            : [], []);

    /// <summary>The stored <c>skipped_channels</c> [{channel, unit, reason}]; empty when none were stored.</summary>
    public static IReadOnlyList<SkippedChannel> SkippedChannels(string? cacheJson) => Read<IReadOnlyList<SkippedChannel>>(cacheJson, root =>
        root.TryGetProperty("skipped_channels", out var skipped) && skipped.ValueKind == JsonValueKind.Array
            ? [.. skipped.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).Select(s => new SkippedChannel(Text(s, "channel") ?? "", Text(s, "unit"), Text(s, "reason") ?? ""))]
            : [], []);

    private static T Read<T>(string? json, Func<JsonElement, T> read, T fallback)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return fallback;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
